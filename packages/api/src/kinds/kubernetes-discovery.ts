// KubernetesDiscovery: finds and reports the pods that belong to deployed objects.
import type { ApiVersion, LabelSelector, MicroTime, ObjectMeta, Time } from '../meta.ts';
import type { Forward } from './port-forward.ts';

/** An object whose pods to follow: by UID (owner references), or by namespace and name. */
export interface KubernetesWatchRef {
  uid?: string;
  namespace: string;
  name?: string;
}

/** The port forwards to create for a discovered pod. */
export interface PortForwardTemplateSpec {
  forwards: Forward[];
}

/** The log streams to create for discovered pods. */
export interface PodLogStreamTemplateSpec {
  sinceTime?: Time;
  onlyContainers?: string[];
  ignoreContainers?: string[];
}

export interface KubernetesDiscoverySpec {
  watches: KubernetesWatchRef[];
  /** Pods matching any of these are followed too. */
  extraSelectors?: LabelSelector[];
  portForwardTemplateSpec?: PortForwardTemplateSpec;
  podLogStreamTemplateSpec?: PodLogStreamTemplateSpec;
  cluster: string;
}

export interface ContainerStateWaiting {
  reason: string;
}

export interface ContainerStateRunning {
  startedAt: Time;
}

export interface ContainerStateTerminated {
  startedAt: Time;
  finishedAt: Time;
  reason?: string;
  exitCode: number;
}

/** At most one of the states is set. */
export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
}

export interface Container {
  name: string;
  id: string;
  ready: boolean;
  image: string;
  restarts: number;
  state: ContainerState;
  /** Container ports declared in the pod spec. */
  ports: number[];
}

/** A pod condition, as in the Kubernetes API (`Ready`, `PodScheduled`, ...). */
export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: Time;
  reason?: string;
  message?: string;
}

/** The direct owner of a pod (e.g. its ReplicaSet). */
export interface PodOwner {
  name: string;
  apiVersion: string;
  kind: string;
  creationTimestamp?: Time;
}

/** A discovered pod, reduced to what Slant needs. */
export interface Pod {
  uid: string;
  name: string;
  namespace: string;
  createdAt: Time;
  /** The Kubernetes pod phase: Pending, Running, Succeeded, Failed or Unknown. */
  phase: string;
  /** True once the pod is being removed. */
  deleting: boolean;
  conditions?: PodCondition[];
  initContainers?: Container[];
  containers: Container[];
  /** UID of the watched object this pod descends from; empty if matched by a selector. */
  ancestorUID?: string;
  /** Hash of the pod template, linking the pod to the deploy that created it. */
  podTemplateSpecHash?: string;
  /** A short description like `kubectl get pod` shows (`Running`, `CrashLoopBackOff`, ...). */
  status: string;
  /** Error messages of the pod and its containers. */
  errors: string[];
  owner?: PodOwner;
}

export interface KubernetesDiscoveryStateWaiting {
  reason: string;
}

export interface KubernetesDiscoveryStateRunning {
  startTime: MicroTime;
}

export interface KubernetesDiscoveryStatus {
  monitorStartTime?: MicroTime;
  pods: Pod[];
  waiting?: KubernetesDiscoveryStateWaiting;
  running?: KubernetesDiscoveryStateRunning;
}

export interface KubernetesDiscovery {
  apiVersion: ApiVersion;
  kind: 'KubernetesDiscovery';
  metadata: ObjectMeta;
  spec: KubernetesDiscoverySpec;
  status?: KubernetesDiscoveryStatus;
}
