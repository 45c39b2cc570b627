// An image two resources share (a common base image) is built by the first one to update; the
// others reuse that result instead of building it again (Tilt's handleBuildResults for duplicated
// image targets; the scheduler holds them with `building-component` meanwhile).
import type { UIResource } from '@slant/api';
import type { ObjectStore } from '../../store/store.ts';
import { readManifest } from '../manifest.ts';
import type { ImageRecord } from './run-update.ts';
import { type ImageTarget, resourceTargets } from './targets.ts';

export interface BuiltImage {
  readonly target: ImageTarget;
  readonly rec: ImageRecord;
}

export interface SharingResource {
  readonly building: boolean;
  /** Waiting for an update (as the last scheduling pass saw it). */
  readonly queued: boolean;
  readonly images: Map<string, ImageRecord>;
}

/**
 * Gives each other resource that waits for an update, and is not updating, the results of the
 * images it shares with the update that built them (same ImageMap, same spec). As in Tilt, a
 * resource not queued keeps its own records, so a manual trigger does not spread.
 */
export function shareBuiltImages(
  built: readonly BuiltImage[],
  others: Iterable<{ state: SharingResource; images: readonly ImageTarget[] }>,
): void {
  if (built.length === 0) return;
  for (const { state, images } of others) {
    if (state.building || !state.queued) continue;
    for (const b of built) {
      const mine = images.find(
        (t) => t.imageMap === b.target.imageMap && t.specJson === b.target.specJson,
      );
      if (mine !== undefined) state.images.set(mine.name, { ...b.rec });
    }
  }
}

/** The resources other than `except`, with their image targets as the store has them now. */
export function* sharingResources(
  store: ObjectStore,
  states: ReadonlyMap<string, SharingResource>,
  except: string,
): Generator<{ state: SharingResource; images: readonly ImageTarget[] }> {
  for (const [name, state] of states) {
    if (name === except) continue;
    const m = readManifest(store.get('UIResource', name) as UIResource | undefined);
    if (m !== undefined) yield { state, images: resourceTargets(store, name, m).images };
  }
}
