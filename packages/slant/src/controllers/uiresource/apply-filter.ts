// Which discovered pods belong to the current deploy (Tilt's KubernetesApplyFilter): after an
// update, pods of the previous pod template may linger (terminating, or crash-looping until the
// rollout replaces them); they must not decide the resource's status.
import type { KubernetesApply, Pod } from '@slant/api';
import { readPodTemplateSpecHashes } from '../../k8s/pod-template.ts';
import { parseYAML } from '../../k8s/yaml.ts';

function appliedHashes(apply: KubernetesApply): ReadonlySet<string> {
  const hashes = new Set<string>();
  try {
    for (const e of parseYAML(apply.status?.resultYAML ?? '')) {
      for (const h of readPodTemplateSpecHashes(e)) if (h !== '') hashes.add(h);
    }
  } catch {
    // Unparseable result: no filter.
  }
  return hashes;
}

/** The pods of the current pod templates (all pods when nothing applied carries a hash). */
export function currentPods(apply: KubernetesApply | undefined, pods: readonly Pod[]): Pod[] {
  if (apply === undefined) return [...pods];
  const hashes = appliedHashes(apply);
  if (hashes.size === 0) return [...pods];
  return pods.filter(
    (p) => p.podTemplateSpecHash === undefined || hashes.has(p.podTemplateSpecHash),
  );
}
