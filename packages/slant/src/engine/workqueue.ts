// A work queue of string keys (object names) in the spirit of client-go's rate-limited queue:
// - a key is queued at most once, and processed by at most one worker at a time;
// - a key added while it is being processed is marked dirty and runs once more afterwards, so a
//   burst of events during a reconcile costs one extra reconcile, not one per event;
// - a throwing process() retries after an exponential per-key backoff (base·2^(n-1), capped);
//   success resets the count; a fresh add() skips a pending retry wait (new input, new try);
// - at most `maxConcurrent` keys run at once;
// - process() may ask to run again after a delay (a level-based poll, e.g. for a timeout);
// - starts are rate-limited by a token bucket (burst, then perSecond), so a reconciler that
//   keeps re-triggering itself cannot spin the CPU.
import type { Clock, TimerHandle } from '../clock.ts';

export interface ProcessResult {
  /** Run this key again after this many milliseconds. */
  requeueAfter?: number;
}

/** What process() resolves to; `void` so plain `async () => {}` functions fit. */
// biome-ignore lint/suspicious/noConfusingVoidType: lets callbacks that return nothing type-check
export type ProcessOutcome = ProcessResult | undefined | void;

export interface WorkQueueDeps {
  clock: Clock;
  process: (key: string) => Promise<ProcessOutcome>;
  /** Told about every failed attempt, with the delay before the retry. */
  onError?: (key: string, err: unknown, retryInMs: number) => void;
  maxConcurrent?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  rateLimit?: RateLimit;
}

export interface RateLimit {
  /** Starts allowed at once after a quiet period. */
  burst: number;
  /** Sustained starts per second. */
  perSecond: number;
}

/** controller-runtime's default overall limit. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 100, perSecond: 10 };

export const DEFAULT_BACKOFF_BASE_MS = 5;
export const DEFAULT_BACKOFF_MAX_MS = 60_000;

export class WorkQueue {
  private readonly deps: WorkQueueDeps;
  private readonly maxConcurrent: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  /** Keys waiting for a worker, in arrival order. */
  private readonly ready: string[] = [];
  private readonly queued = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, TimerHandle>();
  private stopped = false;
  private readonly rate: RateLimit;
  private tokens: number;
  private refilledAt: number;
  private wake: TimerHandle | undefined;

  constructor(deps: WorkQueueDeps) {
    this.deps = deps;
    this.maxConcurrent = deps.maxConcurrent ?? 1;
    this.baseMs = deps.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
    this.maxMs = deps.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS;
    this.rate = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
    this.tokens = this.rate.burst;
    this.refilledAt = deps.clock.now().getTime();
  }

  /** Asks for `key` to be processed; cheap and idempotent while it is already pending. */
  add(key: string): void {
    if (this.stopped) return;
    this.cancelTimer(key);
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.ready.push(key);
    this.pump();
  }

  /** Adds `key` after `ms`; an earlier add() wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    this.cancelTimer(key);
    this.timers.set(
      key,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(key);
        this.add(key);
      }, ms),
    );
  }

  /** How many attempts in a row have failed for `key`. */
  failureCount(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Keys being processed right now. */
  inFlight(): string[] {
    return [...this.running.keys()];
  }

  /** Whether nothing is queued, running or waiting on a timer. */
  isIdle(): boolean {
    return this.ready.length === 0 && this.running.size === 0 && this.timers.size === 0;
  }

  /** Stops taking work, drops pending keys and timers, and waits for in-flight work to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) this.deps.clock.clearTimeout(t);
    this.timers.clear();
    if (this.wake !== undefined) this.deps.clock.clearTimeout(this.wake);
    this.wake = undefined;
    this.ready.length = 0;
    this.queued.clear();
    this.dirty.clear();
    await Promise.all(this.running.values());
  }

  private cancelTimer(key: string): void {
    const t = this.timers.get(key);
    if (t !== undefined) {
      this.deps.clock.clearTimeout(t);
      this.timers.delete(key);
    }
  }

  /** Takes a start token, or schedules a pump for when the next one is due. */
  private takeToken(): boolean {
    const now = this.deps.clock.now().getTime();
    const refill = ((now - this.refilledAt) / 1000) * this.rate.perSecond;
    this.tokens = Math.min(this.rate.burst, this.tokens + refill);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (this.wake === undefined) {
      const ms = Math.ceil(((1 - this.tokens) / this.rate.perSecond) * 1000);
      this.wake = this.deps.clock.setTimeout(() => {
        this.wake = undefined;
        this.pump();
      }, ms);
    }
    return false;
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.maxConcurrent && this.ready.length > 0) {
      if (!this.takeToken()) return;
      const key = this.ready.shift()!;
      this.queued.delete(key);
      this.running.set(key, this.run(key));
    }
  }

  private async run(key: string): Promise<void> {
    let result: ProcessOutcome;
    let failed = false;
    let error: unknown;
    try {
      // A microtask boundary so add() never runs process() inside the caller's stack.
      await Promise.resolve();
      result = await this.deps.process(key);
    } catch (err) {
      failed = true;
      error = err;
    }
    this.running.delete(key);
    const wasDirty = this.dirty.delete(key);
    if (failed) {
      const n = this.failureCount(key) + 1;
      this.failures.set(key, n);
      const delay = Math.min(this.baseMs * 2 ** (n - 1), this.maxMs);
      this.deps.onError?.(key, error, delay);
      if (wasDirty) this.add(key);
      else this.addAfter(key, delay);
    } else {
      this.failures.delete(key);
      if (wasDirty) this.add(key);
      else if (result?.requeueAfter !== undefined) this.addAfter(key, result.requeueAfter);
    }
    this.pump();
  }
}
