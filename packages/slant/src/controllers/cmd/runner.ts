// The Cmd controller's state: at most one process per Cmd, restarted when the exec part of the
// spec changes or a restartOn/startOn trigger fires, stopped when the Cmd is deleted or
// disabled (Tilt's internal/controllers/core/cmd). Cmds of local_resource updates and
// custom_build commands are run only on request (forceRun), when the build controller decides.

import { isDeepStrictEqual } from 'node:util';
import { ANNOTATIONS, type Cmd, type CmdSpec, type CmdStatus } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { ProbeChecker } from '../../exec/probe-types.ts';
import type { ProcessRunner } from '../../exec/types.ts';
import type { LogLevel, LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { cmdString } from '../../tiltfile/cmd.ts';
import { nextDisableStatus } from '../common/disable.ts';
import { logTarget } from '../common/log-target.ts';
import { isAfter } from '../common/time.ts';
import { lastRestartEvent, lastStartEvent, type TriggerEvent } from '../common/trigger.ts';
import { buttonInputEnv, mergeEnv } from './env.ts';
import { CmdRun } from './run.ts';

export interface CmdRunnerDeps {
  store: ObjectStore;
  clock: Clock;
  processes: ProcessRunner;
  probes: ProbeChecker;
  logs: LogWriter;
  /** Slant's own environment; a Cmd's `K=V` entries go on top. */
  env: Readonly<Record<string, string>>;
  /** Working directory of Cmds without spec.dir. */
  cwd: string;
  /** SIGTERM → SIGKILL delay when stopping a process (default 30 s, Tilt's). */
  gracePeriodMs?: number;
}

export interface ForceRunResult {
  /** null when the run was cancelled or the Cmd does not exist. */
  readonly exitCode: number | null;
  /** Why it failed: status.terminated.reason (e.g. `exit status 1`), `context canceled`, … */
  readonly error?: string;
  readonly status: CmdStatus;
}

/** Tilt's annotation on a serve_cmd's Cmd, naming the resource (CmdServer) that owns it. */
export const OWNER_KIND_ANNOTATION = 'tilt.dev/owner-kind';
export const OWNER_NAME_ANNOTATION = 'tilt.dev/owner-name';

const WAITING_ON_START_ON = 'cmd StartOn has not been triggered';

interface Proc {
  /** The spec of the last run; `{}` before one and after disabling (Tilt's zero spec). */
  spec: CmdSpec;
  lastRestartOn: string;
  lastStartOn: string;
  run: CmdRun | undefined;
  status: CmdStatus;
  /** The serve_cmd owner, so a new serve Cmd first stops its predecessor (same port). */
  server: string | undefined;
}

/** Spec fields that make a different process; triggers do not (Tilt's cmdExecEqual). */
function execEqual(a: CmdSpec, b: CmdSpec): boolean {
  const exec = (s: CmdSpec) =>
    JSON.parse(
      JSON.stringify({
        args: s.args ?? [],
        dir: s.dir ?? '',
        env: s.env ?? [],
        probe: s.readinessProbe ?? null,
        disable: s.disableSource ?? null,
      }),
    ) as unknown;
  return isDeepStrictEqual(exec(a), exec(b));
}

function isManaged(cmd: Cmd): boolean {
  const by = cmd.metadata.annotations?.[ANNOTATIONS.managedBy];
  return by === 'local_resource' || by === 'cmd_image';
}

function serverOf(cmd: Cmd): string | undefined {
  const a = cmd.metadata.annotations ?? {};
  return a[OWNER_KIND_ANNOTATION] === 'CmdServer' ? a[OWNER_NAME_ANNOTATION] : undefined;
}

export class CmdRunner {
  private readonly deps: CmdRunnerDeps;
  private readonly procs = new Map<string, Proc>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(deps: CmdRunnerDeps) {
    this.deps = deps;
  }

  /** Converges one Cmd (the reconciler's body). */
  reconcile(name: string): Promise<void> {
    return this.withLock(name, () => this.reconcileLocked(name));
  }

  /**
   * Runs the Cmd's spec once now (plus `extraEnv`) and waits for it to finish (Tilt's ForceRun);
   * `spanId` puts its output in the caller's log span (a build's), as Tilt's context logger does.
   */
  async forceRun(
    name: string,
    opts: { signal: AbortSignal; extraEnv?: readonly string[]; spanId?: string },
  ): Promise<ForceRunResult> {
    const run = await this.withLock(name, async () => {
      const cmd = this.deps.store.get('Cmd', name);
      if (cmd === undefined || this.closed) return undefined;
      return this.startRun(
        cmd,
        { time: '', button: undefined },
        { time: '', button: undefined },
        [...(opts.extraEnv ?? [])],
        opts.spanId,
      );
    });
    if (run === undefined) {
      // Shutting down is a cancellation, as in Tilt (the context of the run is gone).
      const error = this.closed ? 'context canceled' : `cmds.tilt.dev "${name}" not found`;
      return { exitCode: null, error, status: {} };
    }
    const aborted = new Promise<void>((resolve) => {
      if (opts.signal.aborted) resolve();
      opts.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([run.done, aborted]);
    if (opts.signal.aborted) {
      await run.stop();
      return { exitCode: null, error: 'context canceled', status: this.statusOf(name) };
    }
    const status = this.statusOf(name);
    const t = status.terminated;
    if (t === undefined) return { exitCode: null, error: "Command didn't terminate", status };
    if (t.exitCode === 0) return { exitCode: 0, status };
    return { exitCode: t.exitCode, error: t.reason ?? `exit status ${t.exitCode}`, status };
  }

  /** Stops every process and starts no more (Slant is shutting down). */
  async stopAll(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [...this.procs.keys()].map((name) => this.withLock(name, () => this.stop(name))),
    );
  }

  private statusOf(name: string): CmdStatus {
    return structuredClone(this.procs.get(name)?.status ?? {});
  }

  private async reconcileLocked(name: string): Promise<void> {
    const { store, clock } = this.deps;
    const cmd = store.get('Cmd', name);
    if (cmd === undefined || cmd.metadata.deletionTimestamp !== undefined) {
      await this.stop(name);
      this.procs.delete(name);
      return;
    }
    const proc = this.ensure(name);
    proc.status.disableStatus = nextDisableStatus(
      store,
      clock,
      cmd.spec.disableSource,
      cmd.status?.disableStatus,
    );
    const disabled = proc.status.disableStatus.state === 'Disabled';
    if (disabled) {
      // Stop, and forget the last run so enabling again starts afresh.
      await this.stop(name);
      proc.spec = {};
      proc.lastStartOn = '';
      proc.lastRestartOn = '';
    }
    if (isManaged(cmd) || disabled || this.closed) {
      this.publish(name);
      return;
    }
    const restart = lastRestartEvent(store, cmd.spec.restartOn);
    const start = lastStartEvent(store, cmd.spec.startOn);
    const waitsOnStartOn = (cmd.spec.startOn?.uiButtons.length ?? 0) > 0;
    const restartTriggered = isAfter(restart.time, proc.lastRestartOn);
    const startTriggered = isAfter(start.time, proc.lastStartOn);
    const specChanged = !execEqual(proc.spec, cmd.spec);
    if (specChanged) await this.stop(name);
    if (specChanged && waitsOnStartOn && !startTriggered) {
      const s = proc.status;
      delete s.running;
      delete s.terminated;
      s.waiting = { reason: WAITING_ON_START_ON };
      s.ready = false;
    } else if (specChanged || restartTriggered || startTriggered) {
      await this.startRun(cmd, restart, start, []);
    }
    this.publish(name);
  }

  /** Stops any running process of the Cmd, then starts a new one. Call with the lock held. */
  private async startRun(
    cmd: Cmd,
    restart: TriggerEvent,
    start: TriggerEvent,
    extraEnv: string[],
    spanId?: string,
  ): Promise<CmdRun> {
    const name = cmd.metadata.name;
    await this.stop(name);
    const server = serverOf(cmd);
    if (server !== undefined) await this.stopOtherServers(name, server);
    const proc = this.ensure(name);
    proc.spec = structuredClone(cmd.spec);
    proc.lastRestartOn = restart.time;
    proc.lastStartOn = start.time;
    proc.server = server;
    const button = isAfter(restart.time, start.time) ? restart.button : start.button;
    const { logs } = this.deps;
    const target = spanId === undefined ? logTarget(cmd) : { ...logTarget(cmd), spanId };
    const log = (text: string, level?: LogLevel) =>
      logs.write(level === undefined ? { ...target, text } : { ...target, text, level });
    const argv = cmd.spec.args ?? [];
    const dir = cmd.spec.dir || this.deps.cwd;
    const run = new CmdRun(
      {
        clock: this.deps.clock,
        processes: this.deps.processes,
        probes: this.deps.probes,
        gracePeriodMs: this.deps.gracePeriodMs ?? 30_000,
        log,
        update: (fn) => {
          // A run replaced by a newer one (or a deleted Cmd) no longer owns the status.
          if (this.procs.get(name) !== proc || (proc.run !== undefined && proc.run !== run)) return;
          fn(proc.status);
          this.publish(name);
        },
      },
      {
        argv,
        display: cmdString({ argv, dir, env: [] }),
        dir,
        env: mergeEnv(this.deps.env, cmd.spec.env ?? [], extraEnv, buttonInputEnv(button)),
        probe: cmd.spec.readinessProbe,
        isServer: proc.server !== undefined,
      },
    );
    proc.run = run;
    return run;
  }

  private async stop(name: string): Promise<void> {
    const proc = this.procs.get(name);
    const run = proc?.run;
    if (proc === undefined || run === undefined) return;
    await run.stop();
    if (proc.run === run) proc.run = undefined;
  }

  /**
   * A serve_cmd replaced by a new Cmd (Tilt names them `<resource>-serve-<n>`) lets go of its port
   * first. Only the Cmd that starts stops the others; their own locks are not taken (a stop is
   * idempotent), so two serve Cmds starting at once cannot wait on each other.
   */
  private async stopOtherServers(name: string, server: string): Promise<void> {
    const others = [...this.procs].filter(([n, p]) => n !== name && p.server === server);
    await Promise.all(others.map(([, p]) => p.run?.stop() ?? Promise.resolve()));
  }

  private ensure(name: string): Proc {
    let proc = this.procs.get(name);
    if (proc === undefined) {
      proc = {
        spec: {},
        lastRestartOn: '',
        lastStartOn: '',
        run: undefined,
        status: {},
        server: undefined,
      };
      this.procs.set(name, proc);
    }
    return proc;
  }

  private publish(name: string): void {
    const proc = this.procs.get(name);
    if (proc === undefined || this.deps.store.get('Cmd', name) === undefined) return;
    const status = structuredClone(proc.status);
    this.deps.store.mutateStatus('Cmd', name, () => status);
  }

  /** One critical section per Cmd at a time (reconciles and forced runs may overlap). */
  private withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(name) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => {});
    this.locks.set(name, tail);
    void tail.then(() => {
      if (this.locks.get(name) === tail) this.locks.delete(name);
    });
    return next;
  }
}
