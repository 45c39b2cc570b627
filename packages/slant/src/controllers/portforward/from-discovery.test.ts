import { describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { newTestStore } from '../../store/testing.ts';
import { runningContainer, testDiscovery, testPod } from '../podlogstream/testing.ts';
import {
  pickBestPortForwardPod,
  populateContainerPorts,
  syncPortForwards,
} from './from-discovery.ts';

const template = { forwards: [{ localPort: 9000, containerPort: 8000, host: '' }] };

describe('PortForward from a KubernetesDiscovery', () => {
  test('creates one PortForward for the best pod, named and annotated as Tilt', () => {
    const store = newTestStore(new FakeClock());
    const kd = store.create(
      testDiscovery('web', [testPod('web-1', [runningContainer('app', 'c1')])], {
        portForwardTemplateSpec: template,
      }),
    );
    syncPortForwards(store, 'web');
    expect(store.list('PortForward')).toMatchObject([
      {
        metadata: {
          name: 'web-web-1',
          annotations: { 'tilt.dev/resource': 'web', 'tilt.dev/log-span-id': 'k8s:web' },
          ownerReferences: [
            { kind: 'KubernetesDiscovery', name: 'web', uid: kd.metadata.uid, controller: true },
          ],
        },
        spec: {
          podName: 'web-1',
          namespace: 'ns',
          forwards: [{ localPort: 9000, containerPort: 8000, host: '' }],
          cluster: 'default',
        },
      },
    ]);
  });

  test('replaces the PortForward when a newer pod runs, and removes it without a template', () => {
    const store = newTestStore(new FakeClock());
    const old = testPod('web-1', [runningContainer('app', 'c1')]);
    store.create(testDiscovery('web', [old], { portForwardTemplateSpec: template }));
    syncPortForwards(store, 'web');
    const newer = testPod('web-2', [runningContainer('app', 'c2')], {
      createdAt: '2024-01-01T00:01:00Z',
    });
    store.mutateStatus('KubernetesDiscovery', 'web', () => ({ pods: [old, newer] }));
    syncPortForwards(store, 'web');
    expect(store.list('PortForward').map((pf) => pf.metadata.name)).toEqual(['web-web-2']);

    const kd = structuredClone(store.getOrThrow('KubernetesDiscovery', 'web'));
    delete kd.spec.portForwardTemplateSpec;
    store.update(kd);
    syncPortForwards(store, 'web');
    expect(store.list('PortForward')).toEqual([]);
  });

  test('makes none while no pod is running', () => {
    const store = newTestStore(new FakeClock());
    const pending = testPod('web-1', [], { phase: 'Pending' });
    store.create(testDiscovery('web', [pending], { portForwardTemplateSpec: template }));
    syncPortForwards(store, 'web');
    expect(store.list('PortForward')).toEqual([]);
  });
});

describe('pickBestPortForwardPod', () => {
  test('prefers a pod not being deleted, then the newest, then the greater name', () => {
    const a = testPod('a', [], { createdAt: '2024-01-01T00:00:05Z' });
    const b = testPod('b', [], { createdAt: '2024-01-01T00:00:01Z' });
    const deleting = testPod('z', [], { createdAt: '2024-01-01T00:00:09Z', deleting: true });
    const pending = testPod('y', [], { createdAt: '2024-01-01T00:00:09Z', phase: 'Pending' });
    expect(pickBestPortForwardPod([b, deleting, a, pending])?.name).toBe('a');
    expect(pickBestPortForwardPod([deleting, pending])?.name).toBe('z');
    const c = testPod('c', [], { createdAt: '2024-01-01T00:00:05Z' });
    expect(pickBestPortForwardPod([a, c])?.name).toBe('c');
  });
});

describe('populateContainerPorts', () => {
  test("fills a missing container port from the pod's ports, else from the local port", () => {
    const pod = testPod('p', [runningContainer('app', 'c1', { ports: [8080, 9000] })]);
    const forwards = (localPort: number) => [{ localPort, containerPort: 0, host: '' }];
    expect(populateContainerPorts({ forwards: forwards(9000) }, pod)[0]?.containerPort).toBe(9000);
    expect(populateContainerPorts({ forwards: forwards(7000) }, pod)[0]?.containerPort).toBe(8080);
    const bare = testPod('p', [runningContainer('app', 'c1')]);
    expect(populateContainerPorts({ forwards: forwards(7000) }, bare)[0]?.containerPort).toBe(7000);
  });
});
