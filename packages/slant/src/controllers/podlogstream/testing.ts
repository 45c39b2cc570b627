// Builders shared by the PodLogStream and PortForward tests: discoveries and their pods.
import type { Container, KubernetesDiscovery, Pod } from '@slant/api';

export function runningContainer(name: string, id: string, extra: Partial<Container> = {}) {
  return {
    name,
    id,
    ready: true,
    image: 'busybox',
    restarts: 0,
    state: { running: { startedAt: '2024-01-01T00:00:00Z' } },
    ports: [],
    ...extra,
  } satisfies Container;
}

export function testPod(name: string, containers: Container[], extra: Partial<Pod> = {}): Pod {
  return {
    uid: `uid-${name}`,
    name,
    namespace: 'ns',
    createdAt: '2024-01-01T00:00:00Z',
    phase: 'Running',
    deleting: false,
    containers,
    status: 'Running',
    errors: [],
    ...extra,
  };
}

export function testDiscovery(
  name: string,
  pods: Pod[],
  spec: Partial<KubernetesDiscovery['spec']> = {},
): KubernetesDiscovery {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'KubernetesDiscovery',
    metadata: {
      name,
      annotations: { 'tilt.dev/resource': 'web', 'tilt.dev/log-span-id': 'k8s:web' },
    },
    spec: { watches: [{ namespace: 'ns', name: 'web' }], cluster: 'default', ...spec },
    status: { pods },
  };
}
