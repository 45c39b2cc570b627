// PodLogStream: streams the container logs of one pod into the log store.
import type { ApiVersion, ObjectMeta, Time } from '../meta.ts';

export interface PodLogStreamSpec {
  pod?: string;
  namespace?: string;
  /** Only logs after this time. */
  sinceTime?: Time;
  /** Stream only these containers. */
  onlyContainers?: string[];
  /** Never stream these containers (e.g. service-mesh sidecars). */
  ignoreContainers?: string[];
  cluster: string;
}

export interface ContainerLogStreamStatus {
  name?: string;
  active?: boolean;
  terminated?: boolean;
  error?: string;
}

export interface PodLogStreamStatus {
  containerStatuses?: ContainerLogStreamStatus[];
  error?: string;
}

export interface PodLogStream {
  apiVersion: ApiVersion;
  kind: 'PodLogStream';
  metadata: ObjectMeta;
  spec: PodLogStreamSpec;
  status?: PodLogStreamStatus;
}
