// One FileWatch's running watch: filters events through the ignores, coalesces them into
// batches (a batch ends after `debounceMs` without events, or `maxBatchMs` after it began, as
// Tilt's fsevent.Coalesce) and keeps the status Tilt's watcher keeps.
import type { FileWatchSpec, FileWatchStatus } from '@slant/api';
import type { Clock, TimerHandle } from '../../clock.ts';
import { createFileChangeFilter } from '../../ignore/filter.ts';
import type { PathMatcher } from '../../ignore/pattern.ts';
import type { WatchHandle } from '../../watch/types.ts';
import { microTime } from '../common/time.ts';

/** Tilt's MaxFileEventHistory. */
export const MAX_FILE_EVENT_HISTORY = 20;

export interface BatchTiming {
  readonly debounceMs: number;
  readonly maxBatchMs: number;
}

export class ActiveWatch {
  readonly spec: FileWatchSpec;
  status: FileWatchStatus;
  handle: WatchHandle | undefined;
  /** When the watch stopped by itself or failed to start; it is restarted after the backoff. */
  doneAt: number | undefined;
  restartBackoffMs: number;
  private readonly clock: Clock;
  private readonly timing: BatchTiming;
  private readonly ignore: PathMatcher;
  private readonly onChange: () => void;
  private batch: string[] = [];
  private readonly fingerprint: ((path: string) => string) | undefined;
  /** Each reported path's fingerprint when it was last reported. */
  private readonly reported = new Map<string, string>();
  private restTimer: TimerHandle | undefined;
  private maxTimer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    spec: FileWatchSpec,
    status: FileWatchStatus,
    deps: {
      clock: Clock;
      timing: BatchTiming;
      onChange: () => void;
      restartBackoffMs: number;
      /** A file's modification state (e.g. mtime and size); equal means unchanged. */
      fingerprint?: (path: string) => string;
    },
  ) {
    this.fingerprint = deps.fingerprint;
    this.spec = structuredClone(spec);
    this.status = status;
    this.clock = deps.clock;
    this.timing = deps.timing;
    this.onChange = deps.onChange;
    this.restartBackoffMs = deps.restartBackoffMs;
    this.ignore = createFileChangeFilter(spec.ignores ?? []);
  }

  onEvents(paths: readonly string[]): void {
    if (this.stopped) return;
    const kept = paths.filter((p) => !this.ignore.matches(p));
    if (kept.length === 0) return;
    this.batch.push(...kept);
    if (this.restTimer !== undefined) this.clock.clearTimeout(this.restTimer);
    this.restTimer = this.clock.setTimeout(() => this.flush(), this.timing.debounceMs);
    this.maxTimer ??= this.clock.setTimeout(() => this.flush(), this.timing.maxBatchMs);
  }

  onError(err: Error): void {
    if (this.stopped) return;
    this.status.error = err.message;
    this.onChange();
  }

  /** Stops watching; a batch still being collected is dropped. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    this.batch = [];
    await this.handle?.close();
  }

  private clearTimers(): void {
    if (this.restTimer !== undefined) this.clock.clearTimeout(this.restTimer);
    if (this.maxTimer !== undefined) this.clock.clearTimeout(this.maxTimer);
    this.restTimer = undefined;
    this.maxTimer = undefined;
  }

  private flush(): void {
    this.clearTimers();
    // One save can reach the watcher as events on both sides of a batch boundary; a path whose
    // state is what the last batch reported has not changed again, so it is not reported twice.
    const seenFiles = [...new Set(this.batch)].filter((p) => this.changedSinceReported(p));
    this.batch = [];
    if (seenFiles.length === 0 || this.stopped) return;
    const time = microTime(this.clock.now());
    const events = [...(this.status.fileEvents ?? []), { time, seenFiles }];
    this.status.fileEvents = events.slice(-MAX_FILE_EVENT_HISTORY);
    this.status.lastEventTime = time;
    delete this.status.error;
    this.onChange();
  }

  private changedSinceReported(path: string): boolean {
    if (this.fingerprint === undefined) return true;
    const now = this.fingerprint(path);
    if (this.reported.get(path) === now) return false;
    if (this.reported.size > 10_000) this.reported.clear();
    this.reported.set(path, now);
    return true;
  }
}
