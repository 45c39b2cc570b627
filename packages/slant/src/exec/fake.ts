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

  stop(): Promise<ProcessExit> {
    this.stopped = true;
    this.exit(null, 'SIGTERM');
    return this.exited;
  }
}

export class FakeProcessRunner implements ProcessRunner {
  readonly started: FakeProcess[] = [];
  /** Called on each start, e.g. to print output or exit at once. */
  onStart: ((p: FakeProcess) => void) | undefined;
  private nextPid = 1000;

  start(spec: ProcessSpec, output: ProcessOutput): FakeProcess {
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
