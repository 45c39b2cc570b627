// Makes the PortForward of a KubernetesDiscovery (Tilt's manageOwnedPortForwards): one object
// for the best pod (running, not being deleted, newest), named `<discovery>-<pod>`, forwards
// from spec.portForwardTemplateSpec. When the best pod changes the new object is created before
// the old one is deleted, so the PortForward reconciler hands the open listener over.

import { isDeepStrictEqual } from 'node:util';
import {
  ANNOTATIONS,
  API_VERSION,
  type Forward,
  type KubernetesDiscovery,
  type Pod,
  type PortForward,
  type PortForwardTemplateSpec,
} from '@slant/api';
import type { Reconciler } from '../../engine/manager.ts';
import { StoreError } from '../../store/errors.ts';
import type { ObjectStore } from '../../store/store.ts';

export const DISCOVERY_PORT_FORWARDS = 'KubernetesDiscovery/PortForwards';

export function createDiscoveryPortForwardsReconciler(): Reconciler {
  return {
    kind: 'KubernetesDiscovery',
    name: DISCOVERY_PORT_FORWARDS,
    owns: ['PortForward'],
    async reconcile(name, { store }) {
      syncPortForwards(store, name);
    },
  };
}

/** Converges the PortForwards owned by discovery `name` (which may be gone: then none stay). */
export function syncPortForwards(store: ObjectStore, name: string): void {
  const kd = store.get('KubernetesDiscovery', name);
  const desired = kd === undefined ? undefined : desiredPortForward(kd);
  const owned = store
    .list('PortForward')
    .filter((pf) =>
      pf.metadata.ownerReferences?.some((r) => r.kind === 'KubernetesDiscovery' && r.name === name),
    );
  const current = owned.find((pf) => pf.metadata.name === desired?.metadata.name);
  if (desired !== undefined && current === undefined) {
    try {
      store.create(desired);
    } catch (err) {
      if (!(err instanceof StoreError && err.reason === 'AlreadyExists')) throw err;
    }
  } else if (desired !== undefined && current !== undefined) {
    if (!isDeepStrictEqual(current.spec, desired.spec)) {
      store.update({ ...structuredClone(current), spec: desired.spec });
    }
  }
  for (const pf of owned) {
    if (pf.metadata.name === desired?.metadata.name) continue;
    try {
      store.delete('PortForward', pf.metadata.name);
    } catch (err) {
      if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
    }
  }
}

export function desiredPortForward(kd: KubernetesDiscovery): PortForward | undefined {
  const template = kd.spec.portForwardTemplateSpec;
  if (template === undefined) return undefined;
  const pod = pickBestPortForwardPod(kd.status?.pods ?? []);
  if (pod === undefined) return undefined;
  const annotations = kd.metadata.annotations ?? {};
  return {
    apiVersion: API_VERSION,
    kind: 'PortForward',
    metadata: {
      name: `${kd.metadata.name}-${pod.name}`,
      annotations: {
        [ANNOTATIONS.resource]: annotations[ANNOTATIONS.resource] ?? '',
        [ANNOTATIONS.logSpanId]: annotations[ANNOTATIONS.logSpanId] ?? '',
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
      podName: pod.name,
      namespace: pod.namespace,
      forwards: populateContainerPorts(template, pod),
      cluster: kd.spec.cluster,
    },
  };
}

/** One pod at a time: a running or deleting pod; not deleting beats deleting, then newest, then name. */
export function pickBestPortForwardPod(pods: readonly Pod[]): Pod | undefined {
  let best: Pod | undefined;
  for (const pod of pods) {
    if (pod.name === '') continue;
    if (pod.phase !== 'Running' && !pod.deleting) continue;
    if (best === undefined || isBetter(pod, best)) best = pod;
  }
  return best;
}

function isBetter(a: Pod, b: Pod): boolean {
  if (a.deleting !== b.deleting) return !a.deleting;
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  if (ta !== tb) return ta > tb;
  return a.name > b.name;
}

/**
 * Tilt's legacy defaulting: a forward without a container port gets the pod's declared port
 * equal to its local port, else the pod's first declared port, else its local port.
 */
export function populateContainerPorts(template: PortForwardTemplateSpec, pod: Pod): Forward[] {
  const ports = pod.containers.flatMap((c) => c.ports);
  return template.forwards.map((f) => {
    const forward = structuredClone(f);
    if (forward.containerPort === 0 && ports.length > 0) {
      forward.containerPort = ports.find((p) => p === forward.localPort) ?? ports[0] ?? 0;
    }
    if (forward.containerPort === 0) forward.containerPort = forward.localPort ?? 0;
    return forward;
  });
}
