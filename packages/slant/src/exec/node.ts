// The real ProcessRunner: child_process.spawn in a new process group (detached), so that stop()
// and exit can signal the whole group and no child of a serve command outlives it. Start
// failures are reported in Go's words, as Tilt's users see them.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Clock, TimerHandle } from '../clock.ts';
import type { ProcessGroupReaper } from './reaper.ts';
import type {
  ProcessExit,
  ProcessOutput,
  ProcessRunner,
  ProcessSpec,
  RunningProcess,
} from './types.ts';

export interface NodeProcessRunnerDeps {
  clock: Clock;
  /** How long to wait for the pipes to close after the process group is gone (default 1000). */
  drainMs?: number;
  /** Kills the groups still running if Slant dies without stopping them. */
  reaper?: ProcessGroupReaper;
}

const DEFAULT_GRACE_MS = 5000;

export class NodeProcessRunner implements ProcessRunner {
  private readonly deps: NodeProcessRunnerDeps;

  constructor(deps: NodeProcessRunnerDeps) {
    this.deps = deps;
  }

  start(spec: ProcessSpec, output: ProcessOutput): RunningProcess {
    const error = preflight(spec);
    if (error !== undefined) return failed(error);
    let child: ChildProcess;
    try {
      child = spawn(spec.argv[0]!, spec.argv.slice(1), {
        cwd: spec.dir,
        env: { ...spec.env },
        detached: true,
        stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
    } catch (err) {
      return failed(goStartError(spec, err));
    }
    return new NodeProcess(child, spec, output, this.deps);
  }
}

/** Checks Go's exec.Command would do before starting: the directory and the program lookup. */
function preflight(spec: ProcessSpec): string | undefined {
  const name = spec.argv[0];
  if (name === undefined || name === '') return 'empty cmd';
  try {
    if (!statSync(spec.dir).isDirectory()) return `chdir ${spec.dir}: not a directory`;
  } catch {
    return `chdir ${spec.dir}: no such file or directory`;
  }
  if (name.includes('/')) return undefined;
  for (const dir of (spec.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return undefined;
  }
  return `exec: "${name}": executable file not found in $PATH`;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function goStartError(spec: ProcessSpec, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  // Go names the program as given (a relative path stays relative).
  const path = spec.argv[0] ?? '';
  if (code === 'ENOENT') return `fork/exec ${path}: no such file or directory`;
  if (code === 'EACCES') return `fork/exec ${path}: permission denied`;
  return `fork/exec ${path}: ${(err as Error).message}`;
}

function failed(error: string): RunningProcess {
  const exit: ProcessExit = { code: null, signal: null, error };
  const exited = Promise.resolve(exit);
  return { pid: 0, exited, stop: () => exited };
}

class NodeProcess implements RunningProcess {
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly deps: NodeProcessRunnerDeps;
  private settle!: (exit: ProcessExit) => void;
  private done = false;
  private killTimer: TimerHandle | undefined;
  private drainTimer: TimerHandle | undefined;

  constructor(
    child: ChildProcess,
    spec: ProcessSpec,
    output: ProcessOutput,
    deps: NodeProcessRunnerDeps,
  ) {
    this.child = child;
    this.deps = deps;
    this.pid = child.pid ?? 0;
    if (this.pid !== 0) deps.reaper?.track(this.pid);
    this.exited = new Promise((res) => {
      this.settle = res;
    });
    // setEncoding decodes with a StringDecoder, which holds back a character split across chunks.
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (s: string) => output.stdout(s));
    child.stderr?.on('data', (s: string) => output.stderr(s));
    if (spec.stdin !== undefined && child.stdin) {
      child.stdin.on('error', () => {}); // EPIPE when the program does not read its input
      child.stdin.end(spec.stdin);
    }
    child.on('error', (err) => {
      // Only when spawn itself fails after the preflight (e.g. EACCES on a path); 'exit' may not
      // follow then.
      if (this.pid === 0) this.finish(null, null, goStartError(spec, err));
    });
    child.on('exit', (code, signal) => this.onExit(code, signal));
  }

  stop(graceMs = DEFAULT_GRACE_MS): Promise<ProcessExit> {
    if (this.done || this.killTimer !== undefined) return this.exited;
    this.signalGroup('SIGTERM');
    this.killTimer = this.deps.clock.setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
    return this.exited;
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    // The main process is gone: its group goes too, as Tilt does (a leftover child holding the
    // pipes open would otherwise keep the command "running" forever).
    this.signalGroup('SIGKILL');
    const finish = () => this.finish(code, signal);
    if (this.child.stdout?.readableEnded !== false && this.child.stderr?.readableEnded !== false) {
      finish();
      return;
    }
    this.child.on('close', finish);
    // A grandchild that left the group may still hold the pipes: stop waiting after a while.
    this.drainTimer = this.deps.clock.setTimeout(() => {
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      finish();
    }, this.deps.drainMs ?? 1000);
  }

  private finish(code: number | null, signal: string | null, error?: string): void {
    if (this.done) return;
    this.done = true;
    if (this.pid !== 0) this.deps.reaper?.untrack(this.pid);
    if (this.killTimer !== undefined) this.deps.clock.clearTimeout(this.killTimer);
    if (this.drainTimer !== undefined) this.deps.clock.clearTimeout(this.drainTimer);
    this.settle(error === undefined ? { code, signal } : { code, signal, error });
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.pid === 0) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  }
}
