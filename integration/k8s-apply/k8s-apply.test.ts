// KubernetesApply and KubernetesDiscovery against the real cluster: a Deployment applied with
// an injected image is found Running by discovery, an unchanged re-apply keeps the same pod
// (what a restart of Slant relies on), and deleting the KubernetesApply removes the Deployment.
import { ANNOTATIONS, API_VERSION, type KubernetesDiscovery } from '@slant/api';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { systemClock } from '../../packages/slant/src/clock.ts';
import { KubernetesApplier } from '../../packages/slant/src/controllers/kubernetesapply/applier.ts';
import { createKubernetesApplyReconciler } from '../../packages/slant/src/controllers/kubernetesapply/reconciler.ts';
import { createKubernetesDiscoveryReconciler } from '../../packages/slant/src/controllers/kubernetesdiscovery/reconciler.ts';
import { Manager } from '../../packages/slant/src/engine/manager.ts';
import type { KubeClient } from '../../packages/slant/src/k8s/client.ts';
import { createNodeKubeClient } from '../../packages/slant/src/k8s/client-node.ts';
import { MemoryLogWriter } from '../../packages/slant/src/logs/types.ts';
import { ObjectStore } from '../../packages/slant/src/store/store.ts';
import {
  connect,
  createNamespace,
  deleteNamespace,
  type Kube,
  uniqueName,
  waitFor,
} from '../env/kube.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-e2e-apply');
const clock = systemClock();
const store = new ObjectStore({ clock });
const logs = new MemoryLogWriter();
const errors: unknown[] = [];
let kube: Kube;
let client: KubeClient;
let applier: KubernetesApplier;
let manager: Manager;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sleeper
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: sleeper
  template:
    metadata:
      labels:
        app: sleeper
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: sleeper
        image: busybox
        command: ["sleep", "3600"]
`;

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  client = await createNodeKubeClient({ kubeconfigPath: env.kubeconfig, context: env.context });
  const deps = { store, kube: client, clock, logs };
  applier = new KubernetesApplier(deps);
  manager = new Manager({ store, clock, onReconcileError: (_r, _n, err) => errors.push(err) });
  manager.register(createKubernetesApplyReconciler({ ...deps, applier }));
  manager.register(createKubernetesDiscoveryReconciler(deps));
  manager.start();
});

afterAll(async () => {
  await manager.stop();
  await deleteNamespace(kube, ns);
});

function discoveredPods(): KubernetesDiscovery['status'] {
  return store.get('KubernetesDiscovery', 'sleeper')?.status;
}

async function readyPodUid(): Promise<string> {
  return waitFor('the discovered pod to be Running and ready', 180_000, async () => {
    const pods = discoveredPods()?.pods ?? [];
    const p = pods[0];
    return pods.length === 1 && p?.phase === 'Running' && p.containers[0]?.ready
      ? p.uid
      : undefined;
  });
}

describe('KubernetesApply on the local cluster', () => {
  test('applies, discovers the Running pod, re-applies without a restart, and deletes', async () => {
    store.create({
      apiVersion: API_VERSION,
      kind: 'ImageMap',
      metadata: { name: 'busybox' },
      spec: { selector: 'busybox' },
      status: { image: env.registryBusyboxImage, imageFromCluster: env.registryBusyboxImage },
    });
    store.create({
      apiVersion: API_VERSION,
      kind: 'KubernetesApply',
      metadata: {
        name: 'sleeper',
        annotations: {
          [ANNOTATIONS.resource]: 'sleeper',
          [ANNOTATIONS.managedBy]: 'buildcontrol',
          [ANNOTATIONS.logSpanId]: 'kubernetesapply:sleeper',
        },
      },
      spec: { yaml: DEPLOYMENT, imageMaps: ['busybox'], cluster: '' },
    });

    const signal = new AbortController().signal;
    expect(await applier.apply('sleeper', signal)).toEqual({ ok: true });
    expect(logs.text('sleeper')).toBe(
      '     Applying YAML to cluster\n     Objects applied to cluster:\n       → sleeper:deployment\n',
    );

    const podUid = await readyPodUid();
    const pod = discoveredPods()?.pods[0];
    expect(pod?.namespace).toBe(ns);
    expect(pod?.containers[0]?.image).toBe(env.registryBusyboxImage);
    expect(pod?.owner?.kind).toBe('ReplicaSet');
    const deployment = await client.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: ns,
      name: 'sleeper',
    });
    expect(pod?.ancestorUID).toBe((deployment?.metadata as { uid: string } | undefined)?.uid);

    // A second apply of the same inputs (as after a restart) must leave the pod alone.
    const generation = (deployment?.metadata as { generation: number } | undefined)?.generation;
    expect(await applier.apply('sleeper', signal)).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 3000));
    const again = await client.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: ns,
      name: 'sleeper',
    });
    expect((again?.metadata as { generation: number } | undefined)?.generation).toBe(generation);
    const podsNow = await client.list({ apiVersion: 'v1', kind: 'Pod', namespace: ns });
    expect(podsNow.map((p) => (p.metadata as { uid: string }).uid)).toEqual([podUid]);
    expect(await readyPodUid()).toBe(podUid);

    store.delete('KubernetesApply', 'sleeper');
    await waitFor('the Deployment to be deleted', 60_000, async () =>
      (await client.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: ns,
        name: 'sleeper',
      })) === undefined
        ? true
        : undefined,
    );
    expect(store.get('KubernetesDiscovery', 'sleeper')).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
