// The update half of UIResource status, written by the build controller: the current build,
// the history (newest first, as Tilt keeps it), pending changes, the queue and why it waits.
import type { TriggerMode, UIBuildTerminated, UIResourceStatus } from '@slant/api';
import type { ObjectStore } from '../../store/store.ts';
import type { Manifest } from '../manifest.ts';
import type { Hold, ResourceView } from './scheduler.ts';

/** Tilt keeps this many finished builds per resource. */
const BUILD_HISTORY_LIMIT = 2;

function mutate(
  store: ObjectStore,
  name: string,
  fn: (cur: UIResourceStatus) => UIResourceStatus,
): void {
  if (store.get('UIResource', name) === undefined) return;
  store.mutateStatus('UIResource', name, (ui) => fn(ui.status ?? {}));
}

export function startBuild(
  store: ObjectStore,
  name: string,
  spanID: string,
  startTime: string,
  triggerMode: TriggerMode,
): void {
  mutate(store, name, (cur) => {
    const { waiting: _w, pendingBuildSince: _p, ...rest } = cur;
    return {
      ...rest,
      triggerMode,
      currentBuild: { startTime, spanID },
      updateStatus: 'in_progress',
      hasPendingChanges: false,
      queued: false,
    };
  });
}

export function finishBuild(store: ObjectStore, name: string, build: UIBuildTerminated): void {
  mutate(store, name, (cur) => {
    const { currentBuild: _c, ...rest } = cur;
    return {
      ...rest,
      buildHistory: [build, ...(cur.buildHistory ?? [])].slice(0, BUILD_HISTORY_LIMIT),
      updateStatus: build.error === undefined ? 'ok' : 'error',
      ...(build.error === undefined && build.finishTime !== undefined
        ? { lastDeployTime: build.finishTime }
        : {}),
    };
  });
}

/** Status of a resource not updating right now: pending changes, queue, hold. */
export function writeIdleStatus(
  store: ObjectStore,
  v: ResourceView,
  m: Manifest,
  triggerMode: TriggerMode,
  hold: Hold | undefined,
): void {
  mutate(store, v.name, (cur) => {
    const { waiting: _w, pendingBuildSince: _p, ...rest } = cur;
    const pending = v.pendingSince !== undefined && v.startedFirstBuild;
    let updateStatus = cur.updateStatus;
    if (!v.startedFirstBuild) {
      updateStatus = v.autoInit || v.triggered ? 'pending' : 'none';
    } else if (pending && v.autoOnChange && updateStatus !== 'error') {
      updateStatus = 'pending';
    }
    const next: UIResourceStatus = {
      ...rest,
      triggerMode,
      order: m.order + 1,
      hasPendingChanges: pending,
      queued: v.triggered,
      ...(updateStatus === undefined ? {} : { updateStatus }),
    };
    if (pending && v.pendingSince !== undefined && Number.isFinite(v.pendingSince)) {
      next.pendingBuildSince = new Date(v.pendingSince).toISOString();
    }
    if (hold !== undefined) {
      next.waiting = {
        reason: hold.reason,
        ...(hold.on.length > 0
          ? {
              on: hold.on.map((n) => ({
                group: 'tilt.dev',
                apiVersion: 'v1alpha1',
                kind: hold.onKind ?? 'UIResource',
                name: n,
              })),
            }
          : {}),
      };
    }
    return next;
  });
}
