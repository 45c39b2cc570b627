// UIResource: the view model of one resource, rolled up from the objects behind it.
import type { ApiVersion, ConditionStatus, MicroTime, ObjectMeta, Time } from '../meta.ts';
import type { DisableSource, DisableState, RuntimeStatus, UpdateStatus } from '../shared.ts';

/**
 * Numeric trigger modes. `auto`/`manual` says whether file changes update the resource on their
 * own; `AutoInit`/`ManualInit` says whether it starts when the session starts.
 */
export const TRIGGER_MODES = {
  auto: 0,
  manualWithAutoInit: 1,
  manual: 2,
  autoWithManualInit: 3,
} as const;
export type TriggerMode = (typeof TRIGGER_MODES)[keyof typeof TRIGGER_MODES];

/** Has no fields: a UIResource is written by Slant, never configured. */
export type UIResourceSpec = Record<string, never>;

/** A finished build (update) of the resource. */
export interface UIBuildTerminated {
  /** The failure message; empty when it succeeded. */
  error?: string;
  warnings?: string[];
  startTime?: MicroTime;
  finishTime?: MicroTime;
  /** The log span holding this build's output. */
  spanID?: string;
  isCrashRebuild?: boolean;
}

/** The build in progress. */
export interface UIBuildRunning {
  startTime?: MicroTime;
  spanID?: string;
}

/** A link shown with the resource (port forwards, `links=`, published ports). */
export interface UIResourceLink {
  url?: string;
  name?: string;
}

/** Runtime details of a Kubernetes resource, from its best pod. */
export interface UIResourceKubernetes {
  podName?: string;
  podCreationTime?: Time;
  podUpdateStartTime?: Time;
  podStatus?: string;
  podStatusMessage?: string;
  allContainersReady?: boolean;
  podRestarts?: number;
  /** The log span holding the pod's logs. */
  spanID?: string;
  /** Short names of the deployed objects, e.g. `web:deployment`. */
  displayNames?: string[];
}

export interface UIResourceCompose {
  healthStatus?: string;
}

export interface UIResourceLocal {
  /** PID of the serve command, when running. */
  pid?: number;
  isTest?: boolean;
}

export type UIResourceTargetType = 'unspecified' | 'image' | 'k8s' | 'docker-compose' | 'local';

/** One build/deploy target the resource is made of. */
export interface UIResourceTargetSpec {
  id?: string;
  type?: UIResourceTargetType;
  hasLiveUpdate?: boolean;
}

/** Rolls up the disable state of every object behind the resource. */
export interface DisableResourceStatus {
  enabledCount: number;
  disabledCount: number;
  state: DisableState;
  sources: DisableSource[];
}

/** An object a waiting resource is held on. */
export interface UIResourceStateWaitingOnRef {
  group: string;
  apiVersion: string;
  kind: string;
  name: string;
}

/** Why an update is held, e.g. `waiting-for-dep`, `waiting-for-local`, `tiltfile-reload`. */
export interface UIResourceStateWaiting {
  reason: string;
  on?: UIResourceStateWaitingOnRef[];
}

export type UIResourceConditionType = 'Ready' | 'UpToDate';

export interface UIResourceCondition {
  type: UIResourceConditionType;
  status: ConditionStatus;
  lastTransitionTime?: MicroTime;
  reason?: string;
  message?: string;
}

export interface UIResourceStatus {
  lastDeployTime?: MicroTime;
  triggerMode?: TriggerMode;
  /** Finished builds, newest first. */
  buildHistory?: UIBuildTerminated[];
  currentBuild?: UIBuildRunning;
  /** When a pending update was first noticed. */
  pendingBuildSince?: MicroTime;
  /** True when files changed since the last update. */
  hasPendingChanges?: boolean;
  endpointLinks?: UIResourceLink[];
  k8sResourceInfo?: UIResourceKubernetes;
  composeResourceInfo?: UIResourceCompose;
  localResourceInfo?: UIResourceLocal;
  runtimeStatus?: RuntimeStatus;
  updateStatus?: UpdateStatus;
  specs?: UIResourceTargetSpec[];
  /** True when an update is queued (e.g. by a manual trigger). */
  queued?: boolean;
  /** Display order when not otherwise sorted: lower first, then by name (Tiltfile order). */
  order?: number;
  disableStatus?: DisableResourceStatus;
  waiting?: UIResourceStateWaiting;
  conditions?: UIResourceCondition[];
}

export interface UIResource {
  apiVersion: ApiVersion;
  kind: 'UIResource';
  metadata: ObjectMeta;
  spec: UIResourceSpec;
  status?: UIResourceStatus;
}
