// The local registry a cluster advertises (KEP-1755): the `localRegistryHosting.v1` key of the
// ConfigMap kube-public/local-registry-hosting, and Tilt's pick of a product from a context.
import type { RegistryHosting } from '@slant/api';
import type { KubeObjectRef } from './client.ts';
import { isObject, type K8sEntity } from './entity.ts';
import { parseYAMLValues } from './yaml.ts';

export const LOCAL_REGISTRY_HOSTING_REF: KubeObjectRef = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace: 'kube-public',
  name: 'local-registry-hosting',
};

/** The advertised registry, or undefined when there is none (or it names no host). */
export function registryFromConfigMap(cm: K8sEntity | undefined): RegistryHosting | undefined {
  const data = cm !== undefined && isObject(cm.data) ? cm.data : {};
  const raw = data['localRegistryHosting.v1'];
  if (typeof raw !== 'string') return undefined;
  let doc: unknown;
  try {
    [doc] = parseYAMLValues(raw);
  } catch {
    return undefined;
  }
  if (!isObject(doc) || typeof doc.host !== 'string' || doc.host === '') return undefined;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const reg: RegistryHosting = { host: doc.host };
  const fromNet = str(doc.hostFromClusterNetwork);
  const fromRuntime = str(doc.hostFromContainerRuntime);
  const help = str(doc.help);
  if (fromNet !== undefined) reg.hostFromClusterNetwork = fromNet;
  if (fromRuntime !== undefined) reg.hostFromContainerRuntime = fromRuntime;
  if (help !== undefined) reg.help = help;
  return reg;
}

/** Go's `%s` of a *RegistryHosting, as Tilt logs it: `&{host fromNetwork fromRuntime help singleName}`. */
export function goFormatRegistry(r: RegistryHosting): string {
  const f = [r.host, r.hostFromClusterNetwork, r.hostFromContainerRuntime, r.help, r.singleName];
  return `&{${f.map((x) => x ?? '').join(' ')}}`;
}

/** The cluster product from the kubeconfig cluster name (clusterid.ProductFromContext's name rules). */
export function productFromClusterName(cn: string): string {
  const prefixes: [string, string][] = [
    ['minikube', 'minikube'],
    ['docker-for-desktop-cluster', 'docker-desktop'],
    ['docker-desktop', 'docker-desktop'],
    ['gke', 'gke'],
    ['arn:aws:eks:', 'eks'],
    ['kind-', 'kind'],
    ['microk8s', 'microk8s'],
    ['api-crc-testing', 'crc'],
    ['krucible-', 'krucible'],
    ['k3d-', 'k3d'],
    ['rancher-desktop', 'rancher-desktop'],
    ['colima', 'colima'],
  ];
  if (cn === 'kind') return 'kind';
  if (cn === 'orbstack') return 'orbstack';
  if (cn.endsWith('.eksctl.io')) return 'eks';
  return prefixes.find(([p]) => cn.startsWith(p))?.[1] ?? 'unknown';
}
