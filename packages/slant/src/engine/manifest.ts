// The resource model the scheduler needs (Tilt's manifests: type, resource_deps, trigger mode,
// links, local commands) rides on each UIResource as one JSON annotation, so the store stays the
// only state model and `slant get uiresource x -o yaml` shows it.
import type { CmdSpec, UIResource } from '@slant/api';

export const MANIFEST_ANNOTATION = 'slant.dev/manifest';

export type ManifestTriggerMode =
  | 'auto'
  | 'auto_with_manual_init'
  | 'manual_with_auto_init'
  | 'manual';

export interface ManifestLink {
  readonly url: string;
  readonly name?: string;
}

export interface Manifest {
  readonly type: 'k8s' | 'local' | 'docker-compose';
  /** Position in the Tiltfile's resource order (UIResource status.order). */
  readonly order: number;
  readonly resourceDeps: readonly string[];
  readonly triggerMode: ManifestTriggerMode;
  readonly links: readonly ManifestLink[];
  readonly imageMapDeps: readonly string[];
  readonly podReadinessMode?: 'ignore' | 'wait' | 'succeeded';
  readonly local?: {
    readonly updateCmdName: string;
    readonly serveCmd: CmdSpec | undefined;
    readonly allowParallel: boolean;
    readonly isTest: boolean;
  };
  /** Compose resources: published host ports (links unless dc_resource(infer_links=False)). */
  readonly compose?: {
    readonly publishedPorts: readonly number[];
    readonly inferLinks: boolean | undefined;
  };
}

export function readManifest(ui: UIResource | undefined): Manifest | undefined {
  const raw = ui?.metadata.annotations?.[MANIFEST_ANNOTATION];
  if (raw === undefined) return undefined;
  return JSON.parse(raw) as Manifest;
}

/** Builds without a user action: the first one (auto_init) and on file changes. */
export function autoInit(m: Manifest): boolean {
  return m.triggerMode === 'auto' || m.triggerMode === 'manual_with_auto_init';
}

export function autoOnChange(m: Manifest): boolean {
  return m.triggerMode === 'auto' || m.triggerMode === 'auto_with_manual_init';
}

/** UIResource status.triggerMode (Tilt's model.TriggerMode numbers). */
export function triggerModeNumber(m: Manifest): 0 | 1 | 2 | 3 {
  switch (m.triggerMode) {
    case 'auto':
      return 0;
    case 'manual_with_auto_init':
      return 1;
    case 'manual':
      return 2;
    case 'auto_with_manual_init':
      return 3;
  }
}
