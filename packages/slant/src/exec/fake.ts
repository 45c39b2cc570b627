// A scripted ProcessRunner for unit tests: each start() is recorded; the test decides what the
// process prints and when it exits.
import type {
  ProcessExit,
  ProcessOutput,
  ProcessRunner,
  ProcessSpec,
  RunningProcess,
} from './types.ts';

export class FakeProcess implements RunningProcess {
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  stopped = false;
  /** The grace period stop() was given. */
  stopGraceMs: number | undefined;
  /** When false, stop() only records the request; the test ends the process with exit(). */
  exitOnStop = true;
  private settle!: (exit: ProcessExit) => void;
  private done = false;

  readonly spec: ProcessSpec;
  readonly output: ProcessOutput;

  constructor(spec: ProcessSpec, output: ProcessOutput, pid: number) {
    this.spec = spec;
    this.output = output;
    this.pid = pid;
    this.exited = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  get running(): boolean {
    return !this.done;
  }

  /** Ends the process with this exit code (no-op when it already ended). */
  exit(code: number | null, signal: string | null = null, error?: string): void {
    if (this.done) return;
    this.done = true;
    this.settle(error === undefined ? { code, signal } : { code, signal, error });
  }

  stop(graceMs?: number): Promise<ProcessExit> {
    this.stopped = true;
    this.stopGraceMs = graceMs;
    if (this.exitOnStop) this.exit(null, 'SIGTERM');
    return this.exited;
  }
}

export class FakeProcessRunner implements ProcessRunner {
  readonly started: FakeProcess[] = [];
  /** Called on each start, e.g. to print output or exit at once. */
  onStart: ((p: FakeProcess) => void) | undefined;
  /** When it returns a message, the process fails to start as the real runner's do (pid 0). */
  startError: ((spec: ProcessSpec) => string | undefined) | undefined;
  private nextPid = 1000;

  start(spec: ProcessSpec, output: ProcessOutput): FakeProcess {
    const error = this.startError?.(spec);
    if (error !== undefined) {
      const failed = new FakeProcess(spec, output, 0);
      failed.exit(null, null, error);
      this.started.push(failed);
      return failed;
    }
    const p = new FakeProcess(spec, output, this.nextPid++);
    this.started.push(p);
    this.onStart?.(p);
    return p;
  }

  /** The most recent process whose argv joins to `cmd` (or contains it). */
  find(cmd: string): FakeProcess | undefined {
    return this.started.findLast((p) => p.spec.argv.join(' ').includes(cmd));
  }
}
