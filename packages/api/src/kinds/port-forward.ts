// PortForward: forwards local ports to one pod.
import type { ApiVersion, MicroTime, ObjectMeta } from '../meta.ts';

/** One forwarded port. */
export interface Forward {
  /** Defaults to `containerPort`. */
  localPort?: number;
  containerPort: number;
  /** Local address to listen on (`localhost` when empty). */
  host: string;
  /** Link text shown in the UI. */
  name?: string;
  /** Path appended to the link shown in the UI. */
  path?: string;
}

export interface PortForwardSpec {
  podName: string;
  namespace?: string;
  forwards: Forward[];
  cluster: string;
}

export interface ForwardStatus {
  localPort: number;
  containerPort: number;
  /** Local addresses actually listened on. */
  addresses: string[];
  startedAt?: MicroTime;
  error?: string;
}

export interface PortForwardStatus {
  forwardStatuses?: ForwardStatus[];
}

export interface PortForward {
  apiVersion: ApiVersion;
  kind: 'PortForward';
  metadata: ObjectMeta;
  spec: PortForwardSpec;
  status?: PortForwardStatus;
}
