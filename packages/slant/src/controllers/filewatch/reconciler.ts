// The FileWatch controller (Tilt's internal/controllers/core/filewatch): one watch per
// FileWatch on spec.watchedPaths, restarted when the spec changes, stopped on delete and while
// disabled; batches of changed files that pass spec.ignores land in status.fileEvents and
// status.lastEventTime, which restartOn / the build scheduler read.

import { isDeepStrictEqual } from 'node:util';
import type { FileWatch, FileWatchStatus } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { Reconciler } from '../../engine/manager.ts';
import type { ProcessOutcome } from '../../engine/workqueue.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import type { WatcherFactory } from '../../watch/types.ts';
import { disableConfigMapNames, nextDisableStatus } from '../common/disable.ts';
import { logTarget } from '../common/log-target.ts';
import { microTime } from '../common/time.ts';
import { ActiveWatch } from './batch.ts';

export interface FileWatchReconcilerDeps {
  store: ObjectStore;
  clock: Clock;
  watcher: WatcherFactory;
  logs: LogWriter;
  /**
   * Quiet time that ends a batch of events (Tilt: 200 ms; default 10 ms: @parcel/watcher already
   * gathers the events of one save for at least 50 ms, and repeats are dropped by fingerprint).
   */
  debounceMs?: number;
  /** Longest a batch collects before it is reported anyway (Tilt: 10 s). */
  maxBatchMs?: number;
  /** A file's modification state, to drop repeated events of one change; none: report all. */
  fingerprint?: (path: string) => string;
}

export interface FileWatchReconciler extends Reconciler {
  /** Closes every watch (shutdown). */
  stopAll(): Promise<void>;
}

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 5 * 60 * 1000;

export function createFileWatchReconciler(deps: FileWatchReconcilerDeps): FileWatchReconciler {
  const { store, clock } = deps;
  const timing = { debounceMs: deps.debounceMs ?? 10, maxBatchMs: deps.maxBatchMs ?? 10_000 };
  const watches = new Map<string, ActiveWatch>();

  /** Writes the status, logging a new error once (as Tilt's maybeUpdateObjectStatus). */
  function write(fw: FileWatch, status: FileWatchStatus): void {
    store.mutateStatus('FileWatch', fw.metadata.name, () => status);
    const error = status.error ?? '';
    if (error !== '' && error !== (fw.status?.error ?? '')) {
      deps.logs.write({
        ...logTarget(fw),
        text: `filewatch ${fw.metadata.name}: ${error}\n`,
        level: 'ERROR',
      });
    }
  }

  function statusOf(w: ActiveWatch | undefined, fw: FileWatch): FileWatchStatus {
    const disableStatus = fw.status?.disableStatus;
    const base = w === undefined ? {} : structuredClone(w.status);
    return disableStatus === undefined ? base : { ...base, disableStatus };
  }

  /** A watch's callbacks write its status between reconciles. */
  function publish(name: string, w: ActiveWatch): void {
    const fw = store.get('FileWatch', name);
    if (fw === undefined || watches.get(name) !== w) return;
    write(fw, statusOf(w, fw));
  }

  async function start(fw: FileWatch, existing: ActiveWatch | undefined): Promise<void> {
    const name = fw.metadata.name;
    const sameSpec = existing !== undefined && isDeepStrictEqual(existing.spec, fw.spec);
    const status: FileWatchStatus = {};
    if (existing?.status.fileEvents !== undefined) status.fileEvents = existing.status.fileEvents;
    if (existing?.status.lastEventTime !== undefined) {
      status.lastEventTime = existing.status.lastEventTime;
    }
    if (sameSpec && existing.status.error !== undefined) status.error = existing.status.error;
    const backoff = sameSpec
      ? Math.min(existing.restartBackoffMs * 2, MAX_BACKOFF_MS)
      : INITIAL_BACKOFF_MS;
    const w: ActiveWatch = new ActiveWatch(fw.spec, status, {
      clock,
      timing,
      restartBackoffMs: backoff,
      onChange: () => publish(name, w),
      ...(deps.fingerprint === undefined ? {} : { fingerprint: deps.fingerprint }),
    });
    try {
      w.handle = await deps.watcher.watch(
        fw.spec.watchedPaths,
        (paths) => w.onEvents(paths),
        (err) => w.onError(err),
      );
      w.status.monitorStartTime = microTime(clock.now());
      // A retry that worked: the failure to start is over (errors of a running watch stay).
      if (w.status.error?.startsWith('filewatch init: ')) delete w.status.error;
    } catch (err) {
      w.status.error = `filewatch init: ${err instanceof Error ? err.message : String(err)}`;
      w.doneAt = clock.now().getTime();
    }
    // The old watch goes only once the new one runs, so no change falls between the two.
    await existing?.stop();
    watches.set(name, w);
  }

  async function reconcile(name: string): Promise<ProcessOutcome> {
    const fw = store.get('FileWatch', name);
    const existing = watches.get(name);
    if (fw === undefined || fw.metadata.deletionTimestamp !== undefined) {
      watches.delete(name);
      await existing?.stop();
      return;
    }
    const disableStatus = nextDisableStatus(
      store,
      clock,
      fw.spec.disableSource,
      fw.status?.disableStatus,
    );
    let requeueAfter: number | undefined;
    if (disableStatus.state === 'Disabled') {
      watches.delete(name);
      await existing?.stop();
    } else {
      let restart = existing === undefined || !isDeepStrictEqual(existing.spec, fw.spec);
      if (!restart && existing?.doneAt !== undefined) {
        const waited = clock.now().getTime() - existing.doneAt;
        if (waited < existing.restartBackoffMs) requeueAfter = existing.restartBackoffMs - waited;
        else restart = true;
      }
      if (restart) await start(fw, existing);
    }
    const current = store.get('FileWatch', name);
    if (current === undefined) return;
    const w = watches.get(name);
    write(current, { ...statusOf(w, current), disableStatus });
    return requeueAfter === undefined ? undefined : { requeueAfter };
  }

  return {
    kind: 'FileWatch',
    reconcile,
    watches: [
      {
        kind: 'ConfigMap',
        map: (cm) =>
          store
            .list('FileWatch')
            .filter((fw) => disableConfigMapNames(fw.spec.disableSource).includes(cm.metadata.name))
            .map((fw) => fw.metadata.name),
      },
    ],
    async stopAll() {
      const all = [...watches.values()];
      watches.clear();
      await Promise.all(all.map((w) => w.stop()));
    },
  };
}
