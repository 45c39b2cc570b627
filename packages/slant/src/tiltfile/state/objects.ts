// The objects section of TiltfileState: API objects the Tiltfile declares directly
// (v1alpha1.* builtins) or implicitly (Extension / ExtensionRepo for load('ext://...')). Tilt's
// v1alpha1 plugin ObjectSet: one map per kind, by name.
import type { ApiObject, Kind } from '@slant/api';

export interface ObjectsState {
  readonly sets: Map<Kind, Map<string, ApiObject>>;
  /**
   * Statuses the loader itself determined (`ExtensionRepo/<name>` → status): it fetches extension
   * repos, so it plays their reconciler. Kept apart from the objects, which Tilt declares bare.
   */
  readonly loaderStatuses: Map<string, unknown>;
}

export function newObjectsState(): ObjectsState {
  return { sets: new Map(), loaderStatuses: new Map() };
}
