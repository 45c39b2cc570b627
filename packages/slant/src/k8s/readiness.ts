// Whether Slant waits for a resource's pods (Tilt's inferPodReadinessMode).
import type { K8sEntity } from './entity.ts';
import type { KindInfo, PodReadinessMode } from './group.ts';
import { objectSelectorMatches } from './object-selector.ts';

export interface ReadinessInput {
  readonly entities: readonly K8sEntity[];
  readonly kinds: readonly KindInfo[];
  /** k8s_resource(pod_readiness=...); '' when not given. */
  readonly explicitMode: PodReadinessMode;
  readonly manuallyGrouped: boolean;
  readonly extraPodSelectorCount: number;
  readonly imageMapDepCount: number;
}

/**
 * The explicit mode wins; then a mode from a matching k8s_kind (wait before ignore before
 * succeeded); then a resource grouped by hand with no images and no pod selectors is assumed to
 * make no pods; everything else waits.
 */
export function inferPodReadinessMode(r: ReadinessInput): Exclude<PodReadinessMode, ''> {
  if (r.explicitMode !== '') return r.explicitMode;
  const modes = new Set<PodReadinessMode>();
  for (const e of r.entities) {
    for (const k of r.kinds)
      if (objectSelectorMatches(k.selector, e)) modes.add(k.podReadinessMode);
  }
  for (const m of ['wait', 'ignore', 'succeeded'] as const) if (modes.has(m)) return m;
  if (r.manuallyGrouped && r.extraPodSelectorCount === 0 && r.imageMapDepCount === 0)
    return 'ignore';
  return 'wait';
}
