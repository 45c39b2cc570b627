import { API_VERSION, type KubernetesDiscovery } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { FakeKubeClient } from '../../k8s/client-fake.ts';
import type { K8sEntity } from '../../k8s/entity.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import { createKubernetesEventsReconciler, eventLine } from './reconciler.ts';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

function setup() {
  const clock = new FakeClock(new Date('2024-01-01T00:00:10Z'));
  const store = newTestStore(clock);
  const kube = new FakeKubeClient();
  const logs = new MemoryLogWriter();
  const reconciler = createKubernetesEventsReconciler({ store, kube, clock, logs });
  const ctx = { store, clock, signal: new AbortController().signal };
  const reconcile = async (name: string) => {
    await reconciler.reconcile(name, ctx);
    await settle();
  };
  return { store, kube, logs, reconcile };
}

function discovery(name: string, uid: string): KubernetesDiscovery {
  return {
    apiVersion: API_VERSION,
    kind: 'KubernetesDiscovery',
    metadata: { name, annotations: { 'tilt.dev/resource': name } },
    spec: { cluster: 'default', watches: [{ namespace: 'ns1', name, uid }] },
  };
}

function event(
  name: string,
  involved: string,
  opts: Partial<Record<string, string>> = {},
): K8sEntity {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'ns1', creationTimestamp: opts.created ?? '2024-01-01T00:00:11Z' },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: involved, namespace: 'ns1' },
    type: opts.type ?? 'Warning',
    reason: opts.reason ?? 'BackOff',
    message: opts.message ?? 'Back-off restarting failed container\n',
  };
}

/** A Deployment and a pod it owns (through a ReplicaSet), in the fake cluster. */
function deployWithPod(kube: FakeKubeClient, app: string): { deployUid: string } {
  const deploy = kube.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: 'ns1' },
  });
  const d = deploy.metadata as { uid: string };
  const rs = kube.put({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${app}-rs`,
      namespace: 'ns1',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: d.uid }],
    },
  });
  const r = rs.metadata as { uid: string };
  kube.put({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-pod`,
      namespace: 'ns1',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-rs`, uid: r.uid },
      ],
    },
  });
  return { deployUid: d.uid };
}

describe('KubernetesEvents', () => {
  it('logs a warning about a pod on the resource that deployed its owner, in Tilt’s words', async () => {
    const { store, kube, logs, reconcile } = setup();
    const { deployUid } = deployWithPod(kube, 'web');
    store.create(discovery('web', deployUid));
    await reconcile('web');
    kube.put(event('e1', 'web-pod'));
    await settle();
    expect(logs.entries).toEqual([
      {
        resource: 'web',
        spanId: 'events:web',
        text: '[event: pod ns1/web-pod] Back-off restarting failed container\n',
      },
    ]);
  });

  it('skips normal events other than image pulls, and events from before the start', async () => {
    const { store, kube, logs, reconcile } = setup();
    const { deployUid } = deployWithPod(kube, 'web');
    store.create(discovery('web', deployUid));
    await reconcile('web');
    kube.put(event('e1', 'web-pod', { type: 'Normal', reason: 'Scheduled', message: 'assigned' }));
    kube.put(event('e2', 'web-pod', { created: '2024-01-01T00:00:05Z', message: 'old news' }));
    kube.put(
      event('e3', 'web-pod', { type: 'Normal', reason: 'Pulling', message: 'Pulling image "web"' }),
    );
    await settle();
    expect(logs.text('web')).toBe('[event: pod ns1/web-pod] Pulling image "web"\n');
  });

  it('keeps an event whose owner is not known yet and logs it once the owner is deployed', async () => {
    const { store, kube, logs, reconcile } = setup();
    const other = deployWithPod(kube, 'other');
    store.create(discovery('other', other.deployUid));
    await reconcile('other');
    const { deployUid } = deployWithPod(kube, 'web');
    kube.put(event('e1', 'web-pod'));
    await settle();
    expect(logs.entries).toEqual([]);
    store.create(discovery('web', deployUid));
    await reconcile('web');
    await reconcile('web');
    expect(logs.text('web')).toBe(
      '[event: pod ns1/web-pod] Back-off restarting failed container\n',
    );
    expect(logs.entries).toHaveLength(1);
  });

  it('logs a repeated event again without looking its object up again', async () => {
    const { store, kube, logs, reconcile } = setup();
    const { deployUid } = deployWithPod(kube, 'web');
    store.create(discovery('web', deployUid));
    await reconcile('web');
    kube.put(event('e1', 'web-pod'));
    await settle();
    const gets = kube.getCount;
    kube.put(event('e1', 'web-pod', { message: 'Back-off restarting failed container (x2)' }));
    await settle();
    expect(logs.entries).toHaveLength(2);
    expect(kube.getCount).toBe(gets);
  });

  it('writes the namespace only when it is not default', () => {
    const e = (ns: string) => ({
      involvedObject: { kind: 'Pod', name: 'p', namespace: ns },
      message: ' m ',
    });
    expect(eventLine(e('default'))).toBe('[event: pod p] m\n');
    expect(eventLine(e('dev'))).toBe('[event: pod dev/p] m\n');
  });
});
