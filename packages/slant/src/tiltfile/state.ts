// TiltfileState: everything one Tiltfile execution declares, one section per area. Builtins
// write their section through run.state; assembly (assemble/) reads all of them afterwards.
// Each section's type lives in state/<area>.ts, owned by that area's engineer.
import type { BuildState } from './state/build.ts';
import { newBuildState } from './state/build.ts';
import type { ComposeState } from './state/compose.ts';
import { newComposeState } from './state/compose.ts';
import type { ConfigState } from './state/config.ts';
import { newConfigState } from './state/config.ts';
import type { FilesState } from './state/files.ts';
import { newFilesState } from './state/files.ts';
import type { K8sState } from './state/k8s.ts';
import { newK8sState } from './state/k8s.ts';
import type { LocalState } from './state/local.ts';
import type { ObjectsState } from './state/objects.ts';
import { newObjectsState } from './state/objects.ts';
import { newLocalState } from './state/local.ts';
import type { SettingsState } from './state/settings.ts';
import { newSettingsState } from './state/settings.ts';

export interface TiltfileState {
  readonly files: FilesState;
  readonly config: ConfigState;
  readonly settings: SettingsState;
  readonly build: BuildState;
  readonly k8s: K8sState;
  readonly local: LocalState;
  readonly compose: ComposeState;
  /** API objects declared directly (v1alpha1.*, ext:// extensions). */
  readonly objects: ObjectsState;
}

export function newTiltfileState(): TiltfileState {
  return {
    files: newFilesState(),
    config: newConfigState(),
    settings: newSettingsState(),
    build: newBuildState(),
    k8s: newK8sState(),
    local: newLocalState(),
    compose: newComposeState(),
    objects: newObjectsState(),
  };
}
