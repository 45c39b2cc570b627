// Makes the PodLogStreams of a KubernetesDiscovery: one per pod in its status, from
// spec.podLogStreamTemplateSpec, owned by the discovery (Tilt's manageOwnedPodLogStreams in the
// KubernetesDiscovery reconciler). Streams of pods no longer listed are deleted; a stream that
// exists is left as it is, as in Tilt.
import {
  ANNOTATIONS,
  API_VERSION,
  type KubernetesDiscovery,
  type Pod,
  type PodLogStream,
} from '@slant/api';
import type { Reconciler } from '../../engine/manager.ts';
import { StoreError } from '../../store/errors.ts';
import type { ObjectStore } from '../../store/store.ts';
import { podLogStreamName, podSpanId } from './names.ts';

export const DISCOVERY_POD_LOG_STREAMS = 'KubernetesDiscovery/PodLogStreams';

export function createDiscoveryPodLogStreamsReconciler(): Reconciler {
  return {
    kind: 'KubernetesDiscovery',
    name: DISCOVERY_POD_LOG_STREAMS,
    owns: ['PodLogStream'],
    async reconcile(name, { store }) {
      syncPodLogStreams(store, name);
    },
  };
}

/** Converges the streams owned by discovery `name` (which may be gone: then none stay). */
export function syncPodLogStreams(store: ObjectStore, name: string): void {
  const kd = store.get('KubernetesDiscovery', name);
  const owned = store
    .list('PodLogStream')
    .filter((pls) =>
      pls.metadata.ownerReferences?.some(
        (r) => r.kind === 'KubernetesDiscovery' && r.name === name,
      ),
    );
  const pods = kd?.status?.pods ?? [];
  const key = (namespace: string | undefined, pod: string | undefined) => `${namespace}/${pod}`;
  const have = new Set(owned.map((pls) => key(pls.spec.namespace, pls.spec.pod)));
  const want = new Set(pods.map((p) => key(p.namespace, p.name)));
  if (kd !== undefined) {
    for (const pod of pods) {
      if (have.has(key(pod.namespace, pod.name))) continue;
      createIgnoringExisting(store, desiredStream(kd, pod));
    }
  }
  for (const pls of owned) {
    if (want.has(key(pls.spec.namespace, pls.spec.pod))) continue;
    deleteIgnoringMissing(store, pls.metadata.name);
  }
}

export function desiredStream(kd: KubernetesDiscovery, pod: Pod): PodLogStream {
  const resource = kd.metadata.annotations?.[ANNOTATIONS.resource] ?? '';
  const template = kd.spec.podLogStreamTemplateSpec ?? {};
  return {
    apiVersion: API_VERSION,
    kind: 'PodLogStream',
    metadata: {
      name: podLogStreamName(kd, pod),
      annotations: {
        [ANNOTATIONS.resource]: resource,
        [ANNOTATIONS.logSpanId]: podSpanId(resource, pod.name),
      },
      ownerReferences: [
        {
          apiVersion: API_VERSION,
          kind: 'KubernetesDiscovery',
          name: kd.metadata.name,
          uid: kd.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      pod: pod.name,
      namespace: pod.namespace,
      ...(template.sinceTime !== undefined ? { sinceTime: template.sinceTime } : {}),
      ...(template.ignoreContainers !== undefined
        ? { ignoreContainers: [...template.ignoreContainers] }
        : {}),
      ...(template.onlyContainers !== undefined
        ? { onlyContainers: [...template.onlyContainers] }
        : {}),
      // Tilt leaves the cluster of a discovered pod's stream empty.
      cluster: '',
    },
  };
}

function createIgnoringExisting(store: ObjectStore, pls: PodLogStream): void {
  try {
    store.create(pls);
  } catch (err) {
    if (!(err instanceof StoreError && err.reason === 'AlreadyExists')) throw err;
  }
}

function deleteIgnoringMissing(store: ObjectStore, name: string): void {
  try {
    store.delete('PodLogStream', name);
  } catch (err) {
    if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
  }
}
