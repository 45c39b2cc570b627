// Types shared by the engine and the web UI. No runtime code lives here.
export type ApiVersion = 'tilt.dev/v1alpha1';
