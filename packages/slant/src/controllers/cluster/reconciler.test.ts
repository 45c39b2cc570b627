import { API_VERSION, type Cluster } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import type { KubeClient } from '../../k8s/client.ts';
import { KubeError } from '../../k8s/client.ts';
import { FakeKubeClient } from '../../k8s/client-fake.ts';
import { UnavailableKubeClient } from '../../k8s/client-unavailable.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import { createClusterReconciler, HEALTH_POLL_MS } from './reconciler.ts';

const HOSTING =
  'host: "localhost:5005"\nhostFromContainerRuntime: "registry:5000"\nhelp: "https://kind.sigs.k8s.io/docs/user/local-registry/"\n';

function cluster(spec: Cluster['spec'] = {}): Cluster {
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: 'default' },
    spec: { connection: { kubernetes: {} }, ...spec },
  };
}

function setup(
  kube: KubeClient = new FakeKubeClient({
    context: 'kind-dev',
    cluster: 'kind-dev',
    namespace: 'dev',
  }),
) {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const logs = new MemoryLogWriter();
  const reconciler = createClusterReconciler({ store, kube, clock, logs });
  const ctx = { store, clock, signal: new AbortController().signal };
  return { store, logs, kube, reconcile: () => reconciler.reconcile('default', ctx) };
}

function withRegistryAndNode(kube: FakeKubeClient): FakeKubeClient {
  kube.put({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1', labels: { 'kubernetes.io/arch': 'arm64' } },
  });
  kube.put({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'local-registry-hosting', namespace: 'kube-public' },
    data: { 'localRegistryHosting.v1': HOSTING },
  });
  return kube;
}

describe('Cluster reconciler', () => {
  it('connects and reports context, version, arch and the advertised registry', async () => {
    const kube = withRegistryAndNode(
      new FakeKubeClient({ context: 'kind-dev', cluster: 'kind-dev', namespace: 'dev' }),
    );
    const t = setup(kube);
    t.store.create(cluster({ defaultRegistry: { host: 'gcr.io/me' } }));
    expect(await t.reconcile()).toEqual({ requeueAfter: HEALTH_POLL_MS });
    expect(t.store.get('Cluster', 'default')?.status).toEqual({
      arch: 'arm64',
      version: 'v1.34.4',
      connectedAt: '2024-01-01T00:00:00.000000Z',
      connection: {
        kubernetes: {
          context: 'kind-dev',
          namespace: 'dev',
          cluster: 'kind-dev',
          product: 'kind',
          configPath: '/fake/kubeconfig',
        },
      },
      registry: {
        host: 'localhost:5005',
        hostFromContainerRuntime: 'registry:5000',
        help: 'https://kind.sigs.k8s.io/docs/user/local-registry/',
      },
    });
    expect(t.logs.text()).toBe(
      'Auto-detected local registry from environment: &{localhost:5005  registry:5000 https://kind.sigs.k8s.io/docs/user/local-registry/ }\n' +
        'Default registry specified, but will be ignored in favor of auto-detected registry.\n',
    );
  });

  it('leaves the registry to spec.defaultRegistry when the cluster advertises none', async () => {
    const t = setup();
    t.store.create(cluster({ defaultRegistry: { host: 'gcr.io/me' } }));
    await t.reconcile();
    const status = t.store.get('Cluster', 'default')?.status;
    expect([status?.registry, status?.arch]).toEqual([undefined, 'unknown']);
  });

  it('reports an unreachable cluster in Tilt words and does not retry', async () => {
    const kube = new FakeKubeClient();
    kube.versionError = new KubeError(
      'Get "https://127.0.0.1:6443/version": dial tcp 127.0.0.1:6443: connect: connection refused',
      0,
    );
    const t = setup(kube);
    t.store.create(cluster());
    expect(await t.reconcile()).toBeUndefined();
    const expected =
      'Tilt encountered an error connecting to your Kubernetes cluster:\n\tGet "https://127.0.0.1:6443/version": dial tcp 127.0.0.1:6443: connect: connection refused\nYou will need to restart Tilt after resolving the issue.';
    expect(t.store.get('Cluster', 'default')?.status).toEqual({ error: expected });
    expect(t.logs.entries.map((e) => [e.resource, e.spanId, e.text, e.level])).toEqual([
      ['(Tiltfile)', 'cluster', `Cluster status error: ${expected}\n`, 'ERROR'],
    ]);
  });

  it('reports a kubeconfig that could not be loaded', async () => {
    const t = setup(new UnavailableKubeClient('context "nope" does not exist'));
    t.store.create(cluster());
    await t.reconcile();
    expect(t.store.get('Cluster', 'default')?.status?.error).toBe(
      'Tilt encountered an error connecting to your Kubernetes cluster:\n\tcontext "nope" does not exist\nYou will need to restart Tilt after resolving the issue.',
    );
  });

  it('puts a failing health check in status after four failures in a row, and clears it', async () => {
    const kube = new FakeKubeClient();
    const t = setup(kube);
    t.store.create(cluster());
    await t.reconcile();
    kube.healthResult = { live: true, ready: false };
    for (let i = 0; i < 3; i++) await t.reconcile();
    expect(t.store.get('Cluster', 'default')?.status?.error).toBeUndefined();
    await t.reconcile();
    expect(t.store.get('Cluster', 'default')?.status?.error).toBe('cluster not ready');
    kube.healthResult = { live: true, ready: true };
    await t.reconcile();
    expect(t.store.get('Cluster', 'default')?.status?.error).toBeUndefined();
  });

  it('leaves Docker clusters alone', async () => {
    const t = setup();
    t.store.create({ ...cluster(), spec: { connection: { docker: {} } } });
    await t.reconcile();
    expect(t.store.get('Cluster', 'default')?.status).toBeUndefined();
  });
});
