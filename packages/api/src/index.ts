// @slant/api: the types of Slant's API objects (tilt.dev/v1alpha1) and of its web protocol.
// Shared by the engine and the web UI; besides a few constant tables, no runtime code.
export * from './kinds/cluster.ts';
export * from './kinds/cmd.ts';
export * from './kinds/docker-compose.ts';
export * from './kinds/extension.ts';
export * from './kinds/filewatch.ts';
export * from './kinds/image.ts';
export * from './kinds/index.ts';
export * from './kinds/kubernetes-apply.ts';
export * from './kinds/kubernetes-discovery.ts';
export * from './kinds/liveupdate.ts';
export * from './kinds/pod-log-stream.ts';
export * from './kinds/port-forward.ts';
export * from './kinds/session.ts';
export * from './kinds/tiltfile.ts';
export * from './kinds/uibutton.ts';
export * from './kinds/uiresource.ts';
export * from './kinds/uisession.ts';
export * from './meta.ts';
export * from './probe.ts';
export * from './shared.ts';
export * from './webview.ts';
