// Cmd: a process on the host (local_resource commands, serve commands, custom_build commands).
import type { ApiVersion, MicroTime, ObjectMeta } from '../meta.ts';
import type { Probe } from '../probe.ts';
import type { DisableSource, DisableStatus, RestartOnSpec, StartOnSpec } from '../shared.ts';

export interface CmdSpec {
  /** The program and its arguments. */
  args?: string[];
  /** Working directory; defaults to the directory Slant runs in. */
  dir?: string;
  /** Extra environment variables as `KEY=value`, on top of Slant's own environment. */
  env?: string[];
  /** Decides `status.ready`; without it the process is ready as soon as it runs. */
  readinessProbe?: Probe;
  /** Restart the process when these fire. */
  restartOn?: RestartOnSpec;
  /** Do not start until one of these buttons is clicked. */
  startOn?: StartOnSpec;
  disableSource?: DisableSource;
}

export interface CmdStateWaiting {
  reason?: string;
}

export interface CmdStateRunning {
  pid: number;
  startedAt?: MicroTime;
}

export interface CmdStateTerminated {
  pid: number;
  exitCode: number;
  startedAt?: MicroTime;
  finishedAt?: MicroTime;
  reason?: string;
}

/** At most one of waiting / running / terminated is set. */
export interface CmdStatus {
  waiting?: CmdStateWaiting;
  running?: CmdStateRunning;
  terminated?: CmdStateTerminated;
  ready?: boolean;
  disableStatus?: DisableStatus;
}

export interface Cmd {
  apiVersion: ApiVersion;
  kind: 'Cmd';
  metadata: ObjectMeta;
  spec: CmdSpec;
  status?: CmdStatus;
}
