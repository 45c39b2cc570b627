// Which containers a LiveUpdate updates (Tilt's visitSelectedContainers): the pods of its
// KubernetesDiscovery that belong to the current deploy, and in them the containers running the
// ImageMap's image (or named by container_selector, or running `image` for live-update-only images).
import type { Container, KubernetesApply, LiveUpdate, Pod } from '@slant/api';
import { parseNormalizedNamed, refName, refString } from '../../container/ref.ts';
import type { ObjectStore } from '../../store/store.ts';
import { currentPods } from '../uiresource/apply-filter.ts';

export interface SelectedContainer {
  readonly pod: Pod;
  readonly container: Container;
}

function sameRef(a: string, b: string, exact: boolean): boolean {
  try {
    const ra = parseNormalizedNamed(a);
    const rb = parseNormalizedNamed(b);
    return exact ? refString(ra) === refString(rb) : refName(ra) === refName(rb);
  } catch {
    return a === b;
  }
}

export function selectedContainers(store: ObjectStore, lu: LiveUpdate): SelectedContainer[] {
  const sel = lu.spec.selector.kubernetes;
  if (sel === undefined) return [];
  const kd = store.get('KubernetesDiscovery', sel.discoveryName);
  let pods = kd?.status?.pods ?? [];
  if ((sel.applyName ?? '') !== '') {
    const ka = store.get('KubernetesApply', sel.applyName ?? '') as KubernetesApply | undefined;
    pods = currentPods(ka, pods);
  }
  let match: (c: Container) => boolean;
  if ((sel.containerName ?? '') !== '') {
    match = (c) => c.name === sel.containerName;
  } else if ((sel.imageMapName ?? '') !== '') {
    const image = store.get('ImageMap', sel.imageMapName ?? '')?.status?.imageFromCluster ?? '';
    if (image === '') return [];
    match = (c) => sameRef(c.image, image, true);
  } else if ((sel.image ?? '') !== '') {
    match = (c) => sameRef(c.image, sel.image ?? '', false);
  } else {
    return [];
  }
  const out: SelectedContainer[] = [];
  for (const pod of pods)
    for (const c of pod.containers) if (match(c)) out.push({ pod, container: c });
  return out;
}

/** Terminated: the pod completed or the container exited (no update can reach it). */
export function isTerminated(s: SelectedContainer): boolean {
  return (
    s.pod.phase === 'Succeeded' ||
    s.pod.phase === 'Failed' ||
    s.container.state.terminated !== undefined
  );
}
