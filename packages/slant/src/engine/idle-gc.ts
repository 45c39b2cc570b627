// Idle-time garbage collection, as browsers do it: once the session has been quiet for a while (no
// store writes, no log lines), one full collection that compacts the heap and hands its free pages
// back. Left alone, V8 keeps start-up's garbage and half-empty pages at rest (~5 MB of a resting
// 50-resource `slant up`), since nothing allocates enough to make it collect again.
import type { Clock, TimerHandle } from '../clock.ts';

/** Subscribes to one kind of work (store writes, log lines); returns the unsubscribe function. */
export type ActivitySource = (onActivity: () => void) => () => void;

export interface IdleCollectorDeps {
  readonly clock: Clock;
  /** One full, memory-reducing garbage collection. */
  readonly collect: () => void;
  readonly sources: readonly ActivitySource[];
  /** Quiet time after the last work before collecting (ms); default 3000. */
  readonly quietMs?: number;
  /**
   * Least time between two collections (ms); default 30000. A full collection takes ~100 ms of
   * the main thread: a resource that logs a line every few seconds costs one per this interval.
   */
  readonly minIntervalMs?: number;
}

export class IdleCollector {
  private readonly deps: IdleCollectorDeps;
  private readonly quietMs: number;
  private readonly minIntervalMs: number;
  private unsubscribes: (() => void)[] = [];
  private timer: TimerHandle | undefined;
  /** Work seen since the last collection. */
  private dirty = false;
  private lastActivity = 0;
  private lastCollect = Number.NEGATIVE_INFINITY;

  constructor(deps: IdleCollectorDeps) {
    this.deps = deps;
    this.quietMs = deps.quietMs ?? 3000;
    this.minIntervalMs = deps.minIntervalMs ?? 30_000;
  }

  start(): void {
    this.unsubscribes = this.deps.sources.map((source) => source(() => this.onActivity()));
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  // Called on every store write: records the time and arms at most one timer, which re-arms
  // itself on firing when work came meanwhile (no timer churn in a burst).
  private onActivity(): void {
    this.dirty = true;
    this.lastActivity = this.deps.clock.now().getTime();
    if (this.timer === undefined) this.arm(this.quietMs);
  }

  private arm(ms: number): void {
    this.timer = this.deps.clock.setTimeout(() => this.fire(), ms);
  }

  private fire(): void {
    this.timer = undefined;
    if (!this.dirty) return;
    const now = this.deps.clock.now().getTime();
    const due = Math.max(this.lastActivity + this.quietMs, this.lastCollect + this.minIntervalMs);
    if (now < due) {
      this.arm(due - now);
      return;
    }
    this.dirty = false;
    this.lastCollect = now;
    this.deps.collect();
  }
}
