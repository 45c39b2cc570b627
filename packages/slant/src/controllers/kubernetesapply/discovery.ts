// The KubernetesDiscovery a KubernetesApply owns (Tilt's disco.go): same name, watching the
// applied objects by uid and every namespace its YAML mentions, with the spec's selectors and
// the templates for pod log streams and port forwards.
import {
  ANNOTATIONS,
  API_VERSION,
  type KubernetesApply,
  type KubernetesDiscovery,
  type KubernetesDiscoverySpec,
  type KubernetesWatchRef,
} from '@slant/api';
import {
  DEFAULT_NAMESPACE,
  entityName,
  entityNamespaceRaw,
  isObject,
  type K8sEntity,
} from '../../k8s/entity.ts';
import { parseYAML } from '../../k8s/yaml.ts';

function uidOf(e: K8sEntity): string {
  return isObject(e.metadata) && typeof e.metadata.uid === 'string' ? e.metadata.uid : '';
}

/** Watch refs: applied objects by uid, then each other namespace of the YAML. */
export function watchRefs(ka: KubernetesApply, contextNamespace: string): KubernetesWatchRef[] {
  const seen = new Set<string>();
  const result: KubernetesWatchRef[] = [];
  const resultYAML = ka.status?.resultYAML ?? '';
  if (resultYAML !== '' && ka.spec.discoveryStrategy !== 'selectors-only') {
    for (const e of parseYAML(resultYAML)) {
      // Deployed objects have a namespace; an empty one really is `default`.
      const namespace = entityNamespaceRaw(e) || DEFAULT_NAMESPACE;
      seen.add(namespace);
      result.push({ uid: uidOf(e), namespace, name: entityName(e) });
    }
  }
  // The spec's YAML lets discovery start before the first apply; apply commands have only the result.
  const yaml = ka.spec.yaml || resultYAML;
  for (const e of parseYAML(yaml)) {
    const namespace = entityNamespaceRaw(e) || contextNamespace || DEFAULT_NAMESPACE;
    if (seen.has(namespace)) continue;
    seen.add(namespace);
    result.push({ namespace });
  }
  return result;
}

/** The desired KubernetesDiscovery, or undefined when there should be none. */
export function desiredDiscovery(
  ka: KubernetesApply,
  contextNamespace: string,
): KubernetesDiscovery | undefined {
  if (ka.status?.disableStatus?.state === 'Disabled') return undefined;
  const watches = watchRefs(ka, contextNamespace);
  if (watches.length === 0) return undefined;
  const spec: KubernetesDiscoverySpec = { cluster: ka.spec.cluster, watches };
  const extra = ka.spec.kubernetesDiscoveryTemplateSpec?.extraSelectors;
  if (extra !== undefined) spec.extraSelectors = structuredClone(extra);
  if (ka.spec.podLogStreamTemplateSpec !== undefined) {
    spec.podLogStreamTemplateSpec = structuredClone(ka.spec.podLogStreamTemplateSpec);
  }
  if (ka.spec.portForwardTemplateSpec !== undefined) {
    spec.portForwardTemplateSpec = structuredClone(ka.spec.portForwardTemplateSpec);
  }
  const a = ka.metadata.annotations ?? {};
  return {
    apiVersion: API_VERSION,
    kind: 'KubernetesDiscovery',
    metadata: {
      name: ka.metadata.name,
      annotations: {
        [ANNOTATIONS.resource]: a[ANNOTATIONS.resource] ?? '',
        [ANNOTATIONS.logSpanId]: a[ANNOTATIONS.logSpanId] ?? '',
      },
      ownerReferences: [
        {
          apiVersion: API_VERSION,
          kind: 'KubernetesApply',
          name: ka.metadata.name,
          uid: ka.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec,
  };
}
