// Changes a resource's live updates take care of (Tilt's HoldLiveUpdateTargetsHandledByReconciler):
// file changes of a FileWatch that feeds a LiveUpdate of the resource are synced into its
// containers instead of rebuilding — unless one of its LiveUpdates has failed (a change outside
// the syncs, a fall_back_on file, a crashing container), which makes them image-build changes again.
import type { LiveUpdate } from '@slant/api';
import { ANNOTATIONS } from '@slant/api';
import type { ObjectStore } from '../../store/store.ts';

export interface LiveUpdateCoverage {
  /** FileWatch names whose changes live update handles. */
  readonly handled: ReadonlySet<string>;
  /** Some live update of the resource runs only on a manual trigger. */
  readonly manual: boolean;
}

export function liveUpdateCoverage(store: ObjectStore, resource: string): LiveUpdateCoverage {
  const lus = (store.list('LiveUpdate') as LiveUpdate[]).filter(
    (lu) => lu.metadata.annotations?.[ANNOTATIONS.resource] === resource,
  );
  const manual = lus.some((lu) => lu.metadata.annotations?.[ANNOTATIONS.updateMode] === 'manual');
  if (lus.length === 0 || lus.some((lu) => lu.status?.failed !== undefined)) {
    return { handled: new Set(), manual };
  }
  const handled = new Set<string>();
  for (const lu of lus) {
    for (const s of lu.spec.sources ?? []) if (s.fileWatch !== undefined) handled.add(s.fileWatch);
  }
  return { handled, manual };
}
