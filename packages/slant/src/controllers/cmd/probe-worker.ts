// Runs a readiness check periodically on the Clock and reports every result, marking the ones
// that change the status (the tilt-dev/probe worker, itself modelled on the kubelet's): the
// status starts Unknown and moves only after `successThreshold` / `failureThreshold` equal
// results in a row; an attempt that outlives the timeout counts as a failure.
import type { Clock, TimerHandle } from '../../clock.ts';
import type { ProbeOutcome, ProbeResult } from '../../exec/probe-types.ts';

export interface ProbeTiming {
  readonly initialDelayMs: number;
  readonly periodMs: number;
  readonly timeoutMs: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

export interface ProbeWorkerDeps {
  clock: Clock;
  timing: ProbeTiming;
  check(signal: AbortSignal): Promise<ProbeOutcome>;
  /** Every attempt; `error` is set for a timed-out one. */
  onResult(result: ProbeResult, statusChanged: boolean, output: string, error?: string): void;
}

const isSuccess = (r: ProbeResult) => r === 'success' || r === 'warning';

export class ProbeWorker {
  private readonly deps: ProbeWorkerDeps;
  private status: ProbeResult = 'unknown';
  private lastResult: ProbeResult = 'unknown';
  private run = 0;
  private stopped = false;
  private timer: TimerHandle | undefined;
  private attempt: AbortController | undefined;

  constructor(deps: ProbeWorkerDeps) {
    this.deps = deps;
  }

  start(): void {
    this.timer = this.deps.clock.setTimeout(
      () => void this.probe(),
      this.deps.timing.initialDelayMs,
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.attempt?.abort();
  }

  private async probe(): Promise<void> {
    const { clock, timing } = this.deps;
    const started = clock.now().getTime();
    const attempt = new AbortController();
    this.attempt = attempt;
    let timedOut = false;
    const timeout = clock.setTimeout(() => {
      timedOut = true;
      attempt.abort();
    }, timing.timeoutMs);
    const outcome = await this.deps.check(attempt.signal);
    clock.clearTimeout(timeout);
    if (this.stopped) return;
    if (timedOut) this.handle('failure', '', 'context deadline exceeded');
    else this.handle(outcome.result, outcome.output);
    if (this.stopped) return;
    // A ticker: the next attempt is one period after this one started, at once when overdue.
    const wait = Math.max(0, started + timing.periodMs - clock.now().getTime());
    this.timer = clock.setTimeout(() => void this.probe(), wait);
  }

  private handle(result: ProbeResult, output: string, error?: string): void {
    if (result === this.lastResult) this.run++;
    else {
      this.lastResult = result;
      this.run = 1;
    }
    const { successThreshold, failureThreshold } = this.deps.timing;
    const threshold = isSuccess(result) ? successThreshold : failureThreshold;
    let changed = false;
    if (this.run >= threshold && this.status !== result) {
      this.status = result;
      changed = true;
    }
    this.deps.onResult(result, changed, output, error);
  }
}
