// Session: one `up` or `ci` run and the policy for when it is finished.
import type { ApiVersion, Duration, MicroTime, ObjectMeta } from '../meta.ts';

/** `manual`: run until stopped. `ci`: exit when everything is ready, or on the first error. */
export type ExitCondition = 'manual' | 'ci';

/** Time limits of a `ci` session. */
export interface SessionCISpec {
  /** How long a Kubernetes runtime error is tolerated before the session fails. */
  k8sGracePeriod?: Duration;
  /** Limit for the whole session. */
  timeout?: Duration;
  /** Limit for one resource to become ready after it starts. */
  readinessTimeout?: Duration;
}

export interface SessionSpec {
  tiltfilePath: string;
  exitCondition: ExitCondition;
  ci?: SessionCISpec;
}

/** `job` targets finish (builds, one-shot commands); `server` targets keep running. */
export type TargetType = 'job' | 'server';

export interface TargetStateWaiting {
  waitReason: string;
}

export interface TargetStateActive {
  startTime: MicroTime;
  /** Servers only: whether it currently passes its readiness check. */
  ready: boolean;
  lastReadyTime: MicroTime;
}

/** Whether a runtime error is still within its grace period. `''` means not applicable. */
export type TargetGraceStatus = '' | 'Tolerated' | 'Exceeded';

export interface TargetStateTerminated {
  startTime: MicroTime;
  finishTime: MicroTime;
  error?: string;
  graceStatus?: TargetGraceStatus;
}

export type TargetStateDisabled = Record<string, never>;

/** At most one of the states is set. */
export interface TargetState {
  waiting?: TargetStateWaiting;
  active?: TargetStateActive;
  terminated?: TargetStateTerminated;
  disabled?: TargetStateDisabled;
}

/** A unit of work the session tracks, e.g. `web:update`, `web:runtime`, `tiltfile:update`. */
export interface Target {
  name: string;
  type: TargetType;
  /** Names of the resources this target belongs to. */
  resources: string[];
  state: TargetState;
}

export interface SessionStatus {
  pid: number;
  startTime: MicroTime;
  targets: Target[];
  /** True once the exit condition is met; `error` then says whether it failed. */
  done: boolean;
  error?: string;
}

export interface Session {
  apiVersion: ApiVersion;
  kind: 'Session';
  metadata: ObjectMeta;
  spec: SessionSpec;
  status?: SessionStatus;
}
