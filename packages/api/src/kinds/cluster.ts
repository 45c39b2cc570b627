// Cluster and ConfigMap.
import type { ApiVersion, MicroTime, ObjectMeta } from '../meta.ts';
import type { RegistryHosting } from '../shared.ts';

export interface KubernetesClusterConnection {
  /** kubeconfig context; the current context when empty. */
  context?: string;
  /** Default namespace; the context's namespace when empty. */
  namespace?: string;
}

export interface DockerClusterConnection {
  /** Docker daemon address; DOCKER_HOST or the default socket when empty. */
  host?: string;
}

/** Exactly one field is set. */
export interface ClusterConnection {
  kubernetes?: KubernetesClusterConnection;
  docker?: DockerClusterConnection;
}

export interface ClusterSpec {
  connection?: ClusterConnection;
  /** Where to push images when the cluster does not advertise a local registry. */
  defaultRegistry?: RegistryHosting;
}

/** What the connection resolved to. */
export interface KubernetesClusterConnectionStatus {
  context: string;
  namespace: string;
  /** The cluster name from kubeconfig. */
  cluster: string;
  /** The detected product, e.g. `kind`, `minikube`, `docker-desktop`, `k3d`. */
  product?: string;
  configPath?: string;
}

export interface ClusterConnectionStatus {
  kubernetes?: KubernetesClusterConnectionStatus;
}

export interface ClusterStatus {
  /** Node CPU architecture, e.g. `amd64`, `arm64`. */
  arch?: string;
  /** Why the cluster is unreachable; empty when healthy. */
  error?: string;
  connectedAt?: MicroTime;
  /** The registry images are pushed to, when the cluster has one. */
  registry?: RegistryHosting;
  connection?: ClusterConnectionStatus;
  /** Server version, e.g. `v1.30.0`. */
  version?: string;
}

export interface Cluster {
  apiVersion: ApiVersion;
  kind: 'Cluster';
  metadata: ObjectMeta;
  spec: ClusterSpec;
  status?: ClusterStatus;
}

/** A plain string map; used for disable flags, the trigger queue and user data. No spec/status. */
export interface ConfigMap {
  apiVersion: ApiVersion;
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: Record<string, string>;
}
