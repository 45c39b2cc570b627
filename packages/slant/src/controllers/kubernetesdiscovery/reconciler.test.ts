import { API_VERSION, type KubernetesDiscovery, type KubernetesDiscoverySpec } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { KubeError } from '../../k8s/client.ts';
import { FakeKubeClient } from '../../k8s/client-fake.ts';
import type { K8sEntity } from '../../k8s/entity.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import { createKubernetesDiscoveryReconciler } from './reconciler.ts';

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

function setup() {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const kube = new FakeKubeClient();
  const logs = new MemoryLogWriter();
  const reconciler = createKubernetesDiscoveryReconciler({ store, kube, clock, logs });
  const ctx = { store, clock, signal: new AbortController().signal };
  const reconcile = async (name: string) => {
    await reconciler.reconcile(name, ctx);
    await settle();
  };
  return { clock, store, kube, logs, reconcile };
}

function discovery(name: string, spec: Partial<KubernetesDiscoverySpec>): KubernetesDiscovery {
  return {
    apiVersion: API_VERSION,
    kind: 'KubernetesDiscovery',
    metadata: {
      name,
      annotations: { 'tilt.dev/resource': name, 'tilt.dev/log-span-id': `k8s:${name}` },
    },
    spec: { cluster: 'default', watches: [], ...spec },
  };
}

function owned(kind: string, name: string, owner?: K8sEntity): K8sEntity {
  const m = owner?.metadata as { name: string; uid: string } | undefined;
  const apiVersion = kind === 'Pod' ? 'v1' : 'apps/v1';
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace: 'ns1',
      labels: { app: 'web' },
      ...(m && owner
        ? {
            ownerReferences: [
              {
                apiVersion: owner.apiVersion,
                kind: owner.kind,
                name: m.name,
                uid: m.uid,
                controller: true,
              },
            ],
          }
        : {}),
    },
  };
}

function runningPod(name: string, owner: K8sEntity): K8sEntity {
  return {
    ...owned('Pod', name, owner),
    spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080 }] }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:05Z' }],
      containerStatuses: [
        {
          name: 'web',
          containerID: 'containerd://abc123',
          ready: true,
          image: 'web:tilt-1',
          restartCount: 0,
          state: { running: { startedAt: '2024-01-01T00:00:04Z' } },
        },
      ],
    },
  };
}

describe('KubernetesDiscovery reconciler', () => {
  it('finds the pods of a watched Deployment through its ReplicaSet', async () => {
    const t = setup();
    const deploy = t.kube.put(owned('Deployment', 'web'));
    const rs = t.kube.put(owned('ReplicaSet', 'web-123', deploy));
    t.kube.put(runningPod('web-123-abc', rs));
    t.kube.put(owned('Pod', 'stranger'));
    const deployUid = (deploy.metadata as { uid: string }).uid;
    t.store.create(
      discovery('web', { watches: [{ namespace: 'ns1', uid: deployUid, name: 'web' }] }),
    );
    await t.reconcile('web');

    const status = t.store.get('KubernetesDiscovery', 'web')?.status;
    expect(status).toEqual({
      monitorStartTime: '2024-01-01T00:00:00.000000Z',
      running: { startTime: '2024-01-01T00:00:00.000000Z' },
      pods: [
        {
          uid: 'uid-3',
          name: 'web-123-abc',
          namespace: 'ns1',
          createdAt: '2024-01-01T00:00:00Z',
          phase: 'Running',
          deleting: false,
          conditions: [
            { type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:05Z' },
          ],
          initContainers: [],
          containers: [
            {
              name: 'web',
              id: 'abc123',
              ready: true,
              image: 'web:tilt-1',
              restarts: 0,
              state: { running: { startedAt: '2024-01-01T00:00:04Z' } },
              ports: [8080],
            },
          ],
          ancestorUID: deployUid,
          status: 'Running',
          errors: [],
          owner: {
            name: 'web-123',
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            creationTimestamp: '2024-01-01T00:00:00Z',
          },
        },
      ],
    });
    expect(t.kube.activeWatches()).toEqual([{ apiVersion: 'v1', kind: 'Pod', namespace: 'ns1' }]);
  });

  it('reads each owner once', async () => {
    const t = setup();
    const deploy = t.kube.put(owned('Deployment', 'web'));
    const rs = t.kube.put(owned('ReplicaSet', 'web-123', deploy));
    t.kube.put(runningPod('a', rs));
    t.kube.put(runningPod('b', rs));
    t.store.create(
      discovery('web', {
        watches: [{ namespace: 'ns1', uid: (deploy.metadata as { uid: string }).uid }],
      }),
    );
    await t.reconcile('web');
    expect(t.store.get('KubernetesDiscovery', 'web')?.status?.pods.map((p) => p.name)).toEqual([
      'a',
      'b',
    ]);
    expect(t.kube.getCount).toBe(2);
  });

  it('follows pod changes and reports a crash loop as Tilt does', async () => {
    const t = setup();
    const deploy = t.kube.put(owned('Deployment', 'web'));
    const pod = t.kube.put(runningPod('web-1', deploy));
    t.store.create(
      discovery('web', {
        watches: [{ namespace: 'ns1', uid: (deploy.metadata as { uid: string }).uid }],
      }),
    );
    await t.reconcile('web');
    const crashing = structuredClone(pod) as {
      status: { phase: string; containerStatuses: object[] };
    };
    crashing.status.containerStatuses = [
      {
        name: 'web',
        containerID: 'containerd://def',
        ready: false,
        image: 'web:tilt-1',
        restartCount: 3,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 40s restarting failed container',
          },
        },
        lastState: { terminated: { exitCode: 3, message: 'boom', reason: 'Error' } },
      },
    ];
    t.kube.put(crashing as unknown as K8sEntity);
    await settle();
    const p = t.store.get('KubernetesDiscovery', 'web')?.status?.pods[0];
    expect([p?.status, p?.errors, p?.containers[0]?.restarts, p?.containers[0]?.state]).toEqual([
      'CrashLoopBackOff',
      ['boom', 'back-off 40s restarting failed container'],
      3,
      { waiting: { reason: 'CrashLoopBackOff' } },
    ]);
    expect(t.logs.entries).toEqual([
      {
        resource: 'web',
        spanId: 'pod:web:web-1',
        text: 'Detected container restart. Pod: web-1. Container: web.\n',
        level: 'WARN',
      },
    ]);
  });

  it('matches pods by extra selectors', async () => {
    const t = setup();
    t.kube.put(owned('Pod', 'loose'));
    t.store.create(
      discovery('web', {
        watches: [{ namespace: 'ns1' }],
        extraSelectors: [{ matchLabels: { app: 'web' } }],
      }),
    );
    await t.reconcile('web');
    const pods = t.store.get('KubernetesDiscovery', 'web')?.status?.pods ?? [];
    expect(pods.map((p) => [p.name, p.ancestorUID])).toEqual([['loose', undefined]]);
  });

  it('drops a deleted running pod but keeps a completed one while nothing replaces it', async () => {
    const t = setup();
    const job = t.kube.put({ ...owned('Job', 'migrate'), apiVersion: 'batch/v1' });
    const done = t.kube.put({ ...runningPod('migrate-1', job), status: { phase: 'Succeeded' } });
    const jobUid = (job.metadata as { uid: string }).uid;
    t.store.create(discovery('web', { watches: [{ namespace: 'ns1', uid: jobUid }] }));
    await t.reconcile('web');
    t.kube.remove({ apiVersion: 'v1', kind: 'Pod', name: 'migrate-1', namespace: 'ns1' });
    await settle();
    expect(t.store.get('KubernetesDiscovery', 'web')?.status?.pods.map((p) => p.name)).toEqual([
      'migrate-1',
    ]);
    t.kube.put({
      ...runningPod('migrate-2', job),
      metadata: { ...(done.metadata as object), name: 'migrate-2', uid: 'new' },
    });
    await settle();
    expect(t.store.get('KubernetesDiscovery', 'web')?.status?.pods.map((p) => p.name)).toEqual([
      'migrate-2',
    ]);
  });

  it('reports a broken pod watch as waiting and recovers', async () => {
    const t = setup();
    t.store.create(discovery('web', { watches: [{ namespace: 'ns1' }] }));
    await t.reconcile('web');
    t.kube.reportWatchError(new KubeError('connect ECONNREFUSED 127.0.0.1:6443', 0));
    const expected =
      'Error watching pods. Are you connected to kubernetes?\nTry running `kubectl get pods -n "ns1"`: connect ECONNREFUSED 127.0.0.1:6443';
    expect(t.store.get('KubernetesDiscovery', 'web')?.status).toEqual({
      pods: [],
      waiting: { reason: expected },
    });
    expect(t.logs.entries.map((e) => [e.spanId, e.text, e.level])).toEqual([
      ['k8s:web', `kubernetesdiscovery web: ${expected}\n`, 'ERROR'],
    ]);
    t.kube.reportWatchError(undefined);
    expect(t.store.get('KubernetesDiscovery', 'web')?.status?.running).toBeDefined();
  });

  it('shares one watch per namespace and stops it when the last discovery goes', async () => {
    const t = setup();
    t.store.create(discovery('a', { watches: [{ namespace: 'ns1' }] }));
    t.store.create(discovery('b', { watches: [{ namespace: 'ns1' }, { namespace: 'ns2' }] }));
    await t.reconcile('a');
    await t.reconcile('b');
    expect(t.kube.activeWatches().map((q) => q.namespace)).toEqual(['ns1', 'ns2']);
    t.store.delete('KubernetesDiscovery', 'b');
    await t.reconcile('b');
    expect(t.kube.activeWatches().map((q) => q.namespace)).toEqual(['ns1']);
    t.store.delete('KubernetesDiscovery', 'a');
    await t.reconcile('a');
    expect(t.kube.activeWatches()).toEqual([]);
    expect(t.kube.deleteCalls).toEqual([]);
  });
});
