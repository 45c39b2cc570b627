// Tiltfile: one Tiltfile to execute; its reconciler owns the objects the Tiltfile declares.
import type { ApiVersion, MicroTime, ObjectMeta } from '../meta.ts';
import type { RestartOnSpec, StopOnSpec } from '../shared.ts';

export interface TiltfileSpec {
  /** Absolute path of the Tiltfile. */
  path: string;
  /** Labels given to every resource the Tiltfile declares. */
  labels?: Record<string, string>;
  /** Re-execute when these FileWatches or UIButtons fire. */
  restartOn?: RestartOnSpec;
  /** Arguments passed to the Tiltfile (read with `config.parse()`). */
  args?: string[];
  /** Stop the current execution when these UIButtons are clicked. */
  stopOn?: StopOnSpec;
}

export interface TiltfileStateWaiting {
  reason?: string;
}

export interface TiltfileStateRunning {
  /** Why this execution started (e.g. initial load, changed files). */
  reasons?: string[];
  startedAt?: MicroTime;
}

export interface TiltfileStateTerminated {
  reasons?: string[];
  /** The execution error; empty when it succeeded. */
  error?: string;
  startedAt?: MicroTime;
  finishedAt?: MicroTime;
  warningCount?: number;
}

/** At most one of the three states is set. */
export interface TiltfileStatus {
  waiting?: TiltfileStateWaiting;
  running?: TiltfileStateRunning;
  terminated?: TiltfileStateTerminated;
}

export interface Tiltfile {
  apiVersion: ApiVersion;
  kind: 'Tiltfile';
  metadata: ObjectMeta;
  spec: TiltfileSpec;
  status?: TiltfileStatus;
}
