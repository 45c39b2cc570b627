import { describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { newTestStore } from '../../store/testing.ts';
import { syncPodLogStreams } from './from-discovery.ts';
import { runningContainer, testDiscovery, testPod } from './testing.ts';

describe('PodLogStreams from a KubernetesDiscovery', () => {
  test('creates one stream per pod, named and annotated as Tilt, spec from the template', () => {
    const store = newTestStore(new FakeClock());
    const kd = store.create(
      testDiscovery('web', [testPod('web-1', [runningContainer('app', 'c1')])], {
        podLogStreamTemplateSpec: {
          sinceTime: '2024-01-01T00:00:00Z',
          ignoreContainers: ['istio-proxy'],
        },
      }),
    );
    syncPodLogStreams(store, 'web');
    const pls = store.getOrThrow('PodLogStream', 'web-ns-web-1');
    expect(pls.metadata.annotations).toEqual({
      'tilt.dev/resource': 'web',
      'tilt.dev/log-span-id': 'pod:web:web-1',
    });
    expect(pls.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'KubernetesDiscovery',
        name: 'web',
        uid: kd.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(pls.spec).toEqual({
      pod: 'web-1',
      namespace: 'ns',
      sinceTime: '2024-01-01T00:00:00Z',
      ignoreContainers: ['istio-proxy'],
      cluster: '',
    });
  });

  test('deletes the stream of a pod that left the status and keeps the others as they are', () => {
    const store = newTestStore(new FakeClock());
    const a = testPod('web-a', [runningContainer('app', 'c1')]);
    const b = testPod('web-b', [runningContainer('app', 'c2')]);
    store.create(testDiscovery('web', [a, b]));
    syncPodLogStreams(store, 'web');
    // A stream changed after creation is left alone (Tilt does not overwrite it).
    const edited = structuredClone(store.getOrThrow('PodLogStream', 'web-ns-web-a'));
    edited.spec.onlyContainers = ['app'];
    store.update(edited);

    store.mutateStatus('KubernetesDiscovery', 'web', () => ({ pods: [a] }));
    syncPodLogStreams(store, 'web');
    expect(store.list('PodLogStream').map((p) => p.metadata.name)).toEqual(['web-ns-web-a']);
    expect(store.getOrThrow('PodLogStream', 'web-ns-web-a').spec.onlyContainers).toEqual(['app']);
  });

  test('removes every stream when the discovery is gone', () => {
    const store = newTestStore(new FakeClock());
    store.create(testDiscovery('web', [testPod('web-a', [runningContainer('app', 'c1')])]));
    syncPodLogStreams(store, 'web');
    store.delete('KubernetesDiscovery', 'web');
    syncPodLogStreams(store, 'web');
    expect(store.list('PodLogStream')).toEqual([]);
  });
});
