// Which containers a LiveUpdate updates (Tilt's visitSelectedContainers): the pods of its
// KubernetesDiscovery that belong to the current deploy, and in them the containers running the
// ImageMap's image (or named by container_selector, or running `image` for live-update-only
// images); or the container of its DockerComposeService.
import type {
  Container,
  ContainerState,
  DockerComposeService,
  KubernetesApply,
  LiveUpdate,
} from '@slant/api';
import { parseNormalizedNamed, refName, refString } from '../../container/ref.ts';
import type { ObjectStore } from '../../store/store.ts';
import { currentPods } from '../uiresource/apply-filter.ts';

export interface SelectedContainer {
  /** How it is reached: a pod's container through the API server, or the Docker engine. */
  readonly runtime: 'kubernetes' | 'docker';
  /** '' for a Docker container: Tilt models it as a pod without a name. */
  readonly podName: string;
  readonly namespace: string;
  /** The pod's phase; '' for a Docker container. */
  readonly phase: string;
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
  const dc = lu.spec.selector.dockerCompose;
  if (dc !== undefined) return composeContainers(store, dc.service);
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
  for (const pod of pods) {
    for (const c of pod.containers) {
      if (!match(c)) continue;
      const { name: podName, namespace, phase } = pod;
      out.push({ runtime: 'kubernetes', podName, namespace, phase, container: c });
    }
  }
  return out;
}

// Docker's container states as Kubernetes ones (Tilt's luDCResource).
function composeState(dcs: DockerComposeService): ContainerState {
  const s = dcs.status?.containerState ?? {};
  const status = s.status ?? '';
  if (['created', 'paused', 'restarting'].includes(status)) return { waiting: { reason: status } };
  if (status === 'running') return { running: { startedAt: s.startedAt ?? '' } };
  if (['removing', 'exited', 'dead'].includes(status)) {
    return {
      terminated: {
        exitCode: s.exitCode ?? 0,
        reason: status,
        startedAt: s.startedAt ?? '',
        finishedAt: s.finishedAt ?? '',
      },
    };
  }
  return {};
}

/** The service's container, once `docker compose up` has created one. */
function composeContainers(store: ObjectStore, service: string): SelectedContainer[] {
  const dcs = store.get('DockerComposeService', service) as DockerComposeService | undefined;
  const id = dcs?.status?.containerID ?? '';
  if (dcs === undefined || id === '' || dcs.status?.containerState === undefined) return [];
  const state = composeState(dcs);
  const container: Container = {
    name: dcs.status?.containerName ?? '',
    id,
    ready: state.running !== undefined,
    image: '',
    restarts: 0,
    state,
    ports: [],
  };
  return [{ runtime: 'docker', podName: '', namespace: '', phase: '', container }];
}

/** Terminated: the pod completed or the container exited (no update can reach it). */
export function isTerminated(s: SelectedContainer): boolean {
  return (
    s.phase === 'Succeeded' || s.phase === 'Failed' || s.container.state.terminated !== undefined
  );
}

/** How Tilt names the container in its logs: `pod/container`, or the Docker container's name. */
export function displayName(s: SelectedContainer): string {
  if (s.podName !== '') return `${s.podName}/${s.container.name}`;
  return s.container.name !== '' ? s.container.name : s.container.id.slice(0, 10);
}
