// Kube context safety (Tilt's k8scontext + clusterid): local() and Kubernetes deploys are refused
// when the current context may be a production cluster, unless allow_k8s_contexts() names it.
import type { KubeContextInfo } from './host.ts';

/** clusterid.Product, or 'none' when there is no kube context at all. */
export type ClusterProduct =
  | 'none'
  | 'unknown'
  | 'gke'
  | 'eks'
  | 'minikube'
  | 'docker-desktop'
  | 'microk8s'
  | 'crc'
  | 'krucible'
  | 'kind'
  | 'k3d'
  | 'rancher-desktop'
  | 'colima'
  | 'orbstack';

const DEV_PRODUCTS: ReadonlySet<ClusterProduct> = new Set([
  'minikube',
  'docker-desktop',
  'microk8s',
  'crc',
  'kind',
  'k3d',
  'krucible',
  'rancher-desktop',
  'colima',
  'orbstack',
]);

/** clusterid.ProductFromContext, by the cluster name (the context name when it's unknown). */
export function clusterProduct(kube: KubeContextInfo): ClusterProduct {
  if (kube.context === '') return 'none';
  const cn = kube.cluster ?? kube.context;
  const starts = (p: string) => cn.startsWith(p);
  if (starts('minikube')) return 'minikube';
  if (starts('docker-for-desktop-cluster') || starts('docker-desktop')) return 'docker-desktop';
  if (starts('gke')) return 'gke';
  if (starts('arn:aws:eks:') || cn.endsWith('.eksctl.io')) return 'eks';
  if (cn === 'kind' || starts('kind-')) return 'kind';
  if (starts('microk8s')) return 'microk8s';
  if (starts('api-crc-testing')) return 'crc';
  if (starts('krucible-')) return 'krucible';
  if (starts('k3d-')) return 'k3d';
  if (starts('rancher-desktop')) return 'rancher-desktop';
  if (starts('colima')) return 'colima';
  if (cn === 'orbstack') return 'orbstack';
  return 'unknown';
}

/** Whether an API server URL points at this machine (a cluster on loopback is a dev cluster). */
export function isLoopbackServer(server: string | undefined): boolean {
  if (server === undefined || server === '') return false;
  let host: string;
  try {
    host = new URL(server).hostname;
  } catch {
    return false;
  }
  host = host.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A known local dev cluster (by product, or by an API server on loopback). */
export function isDevCluster(kube: KubeContextInfo): boolean {
  return DEV_PRODUCTS.has(clusterProduct(kube)) || isLoopbackServer(kube.clusterServer);
}

/** k8scontext.State.IsAllowed for the main Tiltfile. */
export function isK8sContextAllowed(kube: KubeContextInfo, allowed: readonly string[]): boolean {
  if (clusterProduct(kube) === 'none' || isDevCluster(kube)) return true;
  return allowed.includes(kube.context);
}

/** The error of a builtin refused on a possibly-production context (local()). */
export function unsafeBuiltinMessage(fnName: string, context: string): string {
  return `Refusing to run '${fnName}' because ${context} might be a production kube context.
If you're sure you want to continue add:
\tallow_k8s_contexts('${context}')
before this function call in your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.`;
}

/** The assembly error when the Tiltfile deploys to a possibly-production context. */
export function productionStopMessage(context: string): string {
  return `Stop! ${context} might be production.
If you're sure you want to deploy there, add:
\tallow_k8s_contexts('${context}')
to your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.`;
}
