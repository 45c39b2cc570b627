// Object metadata and the small Kubernetes-style building blocks every kind shares.

/** The one API group/version Slant serves. */
export const API_VERSION = 'tilt.dev/v1alpha1';
export type ApiVersion = typeof API_VERSION;

/** A point in time as an RFC 3339 string with second precision, e.g. `2024-05-01T10:00:00Z`. */
export type Time = string;

/** A point in time as an RFC 3339 string with microsecond precision. */
export type MicroTime = string;

/** A Go-style duration string, e.g. `30s`, `1m30s`, `5m0s`. */
export type Duration = string;

/** Points from a dependent object to the object that owns it (used for garbage collection). */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  /** True when the owner is the managing controller. */
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The subset of Kubernetes object metadata that Slant keeps. Objects are cluster-scoped. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Assigned by the store on create. */
  uid?: string;
  /** Assigned by the store; changes on every write. */
  resourceVersion?: string;
  /** Assigned by the store: 1 on create, +1 on every change outside metadata and status. */
  generation?: number;
  /** Assigned by the store on create. */
  creationTimestamp?: Time;
  /** Set on an object that is gone; the web protocol uses it as a deletion marker. */
  deletionTimestamp?: Time;
  ownerReferences?: OwnerReference[];
}

/** Metadata of a list response. */
export interface ListMeta {
  resourceVersion?: string;
}

/** A list of objects of one kind, as the store's HTTP API returns it. */
export interface ObjectList<T> {
  apiVersion: ApiVersion;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** Kubernetes tri-state condition value. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A standard Kubernetes-style status condition. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: Time;
  reason: string;
  message: string;
}

/** One requirement of a label selector. */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** A Kubernetes label selector: all listed labels and expressions must match. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Annotation keys Slant writes on its objects (the same keys as Tilt). */
export const ANNOTATIONS = {
  /** The resource (manifest) whose logs and status an object belongs to. */
  resource: 'tilt.dev/resource',
  /** The internal build-graph target an object belongs to. */
  targetId: 'tilt.dev/target-id',
  /** The system that manages an object outside of the API model. */
  managedBy: 'tilt.dev/managed-by',
  /** The log span an object's logs go under. */
  logSpanId: 'tilt.dev/log-span-id',
  /** Marks a UIButton the UI renders specially; see BUTTON_TYPES. */
  buttonType: 'tilt.dev/uibutton-type',
  /** `auto` or `manual` on a LiveUpdate; see UPDATE_MODES. */
  updateMode: 'tilt.dev/update-mode',
  /** On a deployed Kubernetes object: `keep` leaves it in place on `down`. */
  downPolicy: 'tilt.dev/down-policy',
} as const;

/** Values of the `tilt.dev/uibutton-type` annotation. */
export const BUTTON_TYPES = {
  disableToggle: 'DisableToggle',
  stopBuild: 'StopBuild',
} as const;
export type ButtonType = (typeof BUTTON_TYPES)[keyof typeof BUTTON_TYPES];

/** Values of the `tilt.dev/update-mode` annotation. */
export const UPDATE_MODES = {
  auto: 'auto',
  manual: 'manual',
} as const;
export type UpdateMode = (typeof UPDATE_MODES)[keyof typeof UPDATE_MODES];

/** Labels Slant puts on the Kubernetes objects it deploys. */
export const LABELS = {
  /** Always `tilt`, on every deployed object. */
  managedBy: 'app.kubernetes.io/managed-by',
  /** The resource (manifest) name of a deployed object. */
  manifest: 'tilt-manifest',
  /** Hash of the pod template, used to tell new pods from old ones. */
  podTemplateHash: 'tilt.dev/pod-template-hash',
} as const;

/** Value of the `app.kubernetes.io/managed-by` label. */
export const MANAGED_BY_VALUE = 'tilt';

/** Object and resource names with a fixed meaning. */
export const WELL_KNOWN_NAMES = {
  /** The resource name of the main Tiltfile, and the name of its Tiltfile object. */
  mainTiltfile: '(Tiltfile)',
  /** The name of the Session and of the UISession. */
  session: 'Tiltfile',
  /** The default Kubernetes cluster. */
  defaultCluster: 'default',
  /** The Docker cluster used by Docker Compose resources. */
  dockerCluster: 'docker',
  /** The ConfigMap that queues manual triggers. */
  triggerQueue: 'tilt-trigger-queue',
  /** Key in a resource's `<name>-disable` ConfigMap that holds `true` or `false`. */
  disableKey: 'isDisabled',
} as const;
