// One run of a Cmd's process: starts it, follows it with the readiness probe, and moves the
// status waiting → running → terminated as Tilt's Cmd controller does. Stopping sends SIGTERM to
// the process group, logs while it waits, and SIGKILLs after the grace period.
import type { CmdStatus, Probe } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { ProbeChecker, ProbeResult } from '../../exec/probe-types.ts';
import type { ProcessExit, ProcessRunner, RunningProcess } from '../../exec/types.ts';
import type { LogLevel } from '../../logs/types.ts';
import { microTime } from '../common/time.ts';
import { exitReason, goDuration } from './env.ts';
import { probePlan } from './probe-spec.ts';
import { ProbeWorker } from './probe-worker.ts';

export interface RunDeps {
  clock: Clock;
  processes: ProcessRunner;
  probes: ProbeChecker;
  gracePeriodMs: number;
  log(text: string, level?: LogLevel): void;
  /** Changes the Cmd's status and writes it to the store. */
  update(fn: (status: CmdStatus) => void): void;
}

export interface RunSpec {
  readonly argv: readonly string[];
  /** model.Cmd.String(), for log lines. */
  readonly display: string;
  readonly dir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly probe: Probe | undefined;
  /** A serve_cmd: exiting at all is an error. */
  readonly isServer: boolean;
}

function terminate(status: CmdStatus, t: NonNullable<CmdStatus['terminated']>): void {
  delete status.waiting;
  delete status.running;
  status.terminated = t;
}

export class CmdRun {
  /** Settles once the terminated status is written. */
  readonly done: Promise<void>;
  private readonly deps: RunDeps;
  private process: RunningProcess | undefined;
  private probe: ProbeWorker | undefined;
  private stopping = false;

  constructor(deps: RunDeps, spec: RunSpec) {
    this.deps = deps;
    deps.update((s) => {
      delete s.running;
      delete s.terminated;
      s.waiting = {};
      s.ready = false;
    });
    this.done = this.start(spec);
  }

  /** Stops the process (and its group) and waits until its exit is recorded. */
  async stop(): Promise<void> {
    if (this.stopping) return this.done;
    this.stopping = true;
    this.probe?.stop();
    const p = this.process;
    if (p !== undefined && p.pid !== 0) {
      const { clock, gracePeriodMs: grace, log } = this.deps;
      const timers = [
        clock.setTimeout(
          () => log(`Waiting ${goDuration(grace)} for process to exit... (pid: ${p.pid})\n`),
          grace / 20,
        ),
        clock.setTimeout(() => log(`Still waiting on exit... (pid: ${p.pid})\n`), grace / 3),
        clock.setTimeout(() => log(`Time is up! Sending ${p.pid} a kill signal\n`), grace),
      ];
      void p.stop(grace);
      await this.done;
      for (const t of timers) clock.clearTimeout(t);
    }
    return this.done;
  }

  private async start(spec: RunSpec): Promise<void> {
    const { clock, log, update } = this.deps;
    if (spec.probe !== undefined) {
      const plan = probePlan(spec.probe, this.deps.probes);
      if (typeof plan === 'string') {
        log(`Invalid readiness probe: ${plan}\n`, 'ERROR');
        update((s) => {
          terminate(s, { pid: 0, exitCode: 1, reason: `Invalid readiness probe: ${plan}` });
          s.ready = false;
        });
        return;
      }
      this.probe = new ProbeWorker({
        clock,
        timing: plan.timing,
        check: plan.check,
        onResult: (result, changed, output, error) => this.onProbe(result, changed, output, error),
      });
    }
    const startedAt = microTime(clock.now());
    log(`Running cmd: ${spec.display}\n`);
    if (spec.argv.length === 0) {
      log(`"${spec.display}" invalid cmd: empty cmd\n`, 'ERROR');
      update((s) => terminate(s, { pid: 0, exitCode: 1, reason: 'invalid cmd: empty cmd' }));
      return;
    }
    const output = (text: string) => log(text);
    const p = this.deps.processes.start(
      { argv: spec.argv, dir: spec.dir, env: spec.env },
      { stdout: output, stderr: output },
    );
    this.process = p;
    if (p.pid !== 0) {
      update((s) => {
        delete s.waiting;
        delete s.terminated;
        s.running = { pid: p.pid, startedAt };
        if (this.probe === undefined) s.ready = true;
      });
      if (!this.stopping) this.probe?.start();
    }
    const exit = await p.exited;
    this.probe?.stop();
    this.onExit(spec, p.pid, startedAt, exit);
  }

  private onExit(spec: RunSpec, pid: number, startedAt: string, exit: ProcessExit): void {
    const { clock, log, update } = this.deps;
    const finishedAt = microTime(clock.now());
    if (exit.error !== undefined) {
      log(`${spec.display} failed to start: ${exit.error}\n`, 'ERROR');
      update((s) =>
        terminate(s, {
          pid,
          exitCode: 1,
          reason: `failed to start: ${exit.error}`,
          startedAt,
          finishedAt,
        }),
      );
      return;
    }
    if (this.stopping) {
      // Stopped on purpose: not an error (Tilt's "killed", 137 whatever the signal did).
      update((s) => terminate(s, { pid, exitCode: 137, reason: 'killed', startedAt, finishedAt }));
      return;
    }
    if (spec.isServer && exit.code === 0) log('Server exited with exit code 0\n', 'ERROR');
    const exitCode = exit.code ?? -1;
    update((s) =>
      terminate(
        s,
        exitCode === 0
          ? { pid, exitCode, startedAt, finishedAt }
          : { pid, exitCode, reason: exitReason(exit.code, exit.signal), startedAt, finishedAt },
      ),
    );
  }

  private onProbe(result: ProbeResult, changed: boolean, output: string, error?: string): void {
    if (this.stopping) return;
    // Transitions are logged (to failure as a warning); repeated failures are not.
    if (changed) {
      const level: LogLevel = result === 'success' ? 'INFO' : 'WARN';
      if (error !== undefined) this.deps.log(`[readiness probe error] ${error}\n`, level);
      else if (output !== '') {
        const lines = output.replace(/\n$/, '').split('\n');
        this.deps.log(lines.map((l) => `[readiness probe: ${result}] ${l}\n`).join(''), level);
      }
      const ready = result === 'success' || result === 'warning';
      this.deps.update((s) => {
        s.ready = ready;
      });
    }
  }
}
