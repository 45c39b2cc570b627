// A scripted ProbeChecker for unit tests: every attempt is recorded and stays pending until the
// test answers it (or the attempt's signal aborts).
import type { ProbeChecker, ProbeOutcome } from './probe-types.ts';

export interface FakeProbeAttempt {
  readonly kind: 'httpGet' | 'tcpSocket' | 'exec';
  /** The URL, `host:port`, or the joined argv. */
  readonly target: string;
  readonly signal: AbortSignal;
  answer(outcome: ProbeOutcome): void;
}

export class FakeProbeChecker implements ProbeChecker {
  readonly attempts: FakeProbeAttempt[] = [];
  /** When set, attempts are answered at once with this. */
  autoAnswer: ProbeOutcome | undefined;

  httpGet(url: string, _h: readonly (readonly [string, string])[], signal: AbortSignal) {
    return this.attempt('httpGet', url, signal);
  }

  tcpSocket(host: string, port: number, signal: AbortSignal) {
    return this.attempt('tcpSocket', `${host}:${port}`, signal);
  }

  exec(argv: readonly string[], signal: AbortSignal) {
    return this.attempt('exec', argv.join(' '), signal);
  }

  /** The oldest attempt not yet answered. */
  pending(): FakeProbeAttempt | undefined {
    return this.open[0];
  }

  private readonly open: FakeProbeAttempt[] = [];

  private attempt(kind: FakeProbeAttempt['kind'], target: string, signal: AbortSignal) {
    return new Promise<ProbeOutcome>((resolve) => {
      const a: FakeProbeAttempt = {
        kind,
        target,
        signal,
        answer: (o) => {
          const i = this.open.indexOf(a);
          if (i >= 0) this.open.splice(i, 1);
          resolve(o);
        },
      };
      this.attempts.push(a);
      if (this.autoAnswer !== undefined) {
        resolve(this.autoAnswer);
        return;
      }
      this.open.push(a);
      signal.addEventListener('abort', () => a.answer({ result: 'failure', output: 'aborted' }));
    });
  }
}
