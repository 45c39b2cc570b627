// PodLogStream and PortForward against the real cluster: a discovery listing a real pod gets its
// log lines exactly once and a local port that answers with the pod's HTTP server; when the pod
// is replaced the same local port answers from the new pod.
import { request } from 'node:http';
import { API_VERSION, type KubernetesDiscovery, type Pod } from '@slant/api';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { systemClock } from '../../packages/slant/src/clock.ts';
import { createDiscoveryPodLogStreamsReconciler } from '../../packages/slant/src/controllers/podlogstream/from-discovery.ts';
import { createPodLogStreamReconciler } from '../../packages/slant/src/controllers/podlogstream/reconciler.ts';
import { createDiscoveryPortForwardsReconciler } from '../../packages/slant/src/controllers/portforward/from-discovery.ts';
import { createPortForwardReconciler } from '../../packages/slant/src/controllers/portforward/reconciler.ts';
import { Manager } from '../../packages/slant/src/engine/manager.ts';
import { NodePodLogSource } from '../../packages/slant/src/k8s/pod-logs-node.ts';
import { NodePortForwardDialer } from '../../packages/slant/src/k8s/port-forward-node.ts';
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
import { freePort, startPod, webPod } from './pods.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-e2e-logs');
const LINES = 30;
let kube: Kube;

const clock = systemClock();
const store = new ObjectStore({ clock });
const logs = new MemoryLogWriter();
const adapter = { kubeconfigPath: env.kubeconfig, context: env.context };
const podLogs = createPodLogStreamReconciler({ source: new NodePodLogSource(adapter), logs });
const forwards = createPortForwardReconciler({ dialer: new NodePortForwardDialer(adapter), logs });
const manager = new Manager({
  store,
  clock,
  onReconcileError: (r, n, err) => console.error(`reconcile ${r} ${n} failed:`, err),
});
manager.register(podLogs);
manager.register(forwards);
manager.register(createDiscoveryPodLogStreamsReconciler());
manager.register(createDiscoveryPortForwardsReconciler());

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  manager.start();
});

afterAll(async () => {
  await manager.stop();
  podLogs.stopAll();
  await forwards.stopAll();
  await deleteNamespace(kube, ns);
});

function discovery(localPort: number): KubernetesDiscovery {
  return {
    apiVersion: API_VERSION,
    kind: 'KubernetesDiscovery',
    metadata: { name: 'web', annotations: { 'tilt.dev/resource': 'web' } },
    spec: {
      watches: [{ namespace: ns, name: 'web' }],
      cluster: 'default',
      portForwardTemplateSpec: {
        forwards: [{ localPort, containerPort: 8000, host: 'localhost' }],
      },
      podLogStreamTemplateSpec: {},
    },
  };
}

const setPods = (pods: Pod[]) => store.mutateStatus('KubernetesDiscovery', 'web', () => ({ pods }));

/** GET / on a fresh connection (no keep-alive: a reused socket would pin the old pod). */
function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A connection the forward accepted but cannot serve must not hang the polling loop.
    req.setTimeout(5000, () => req.destroy(new Error('no answer in 5 s')));
    req.end();
  });
}

/** The lines written under one pod's span. */
function podLines(pod: string): string[] {
  return logs.entries
    .filter((e) => e.resource === 'web' && e.spanId === `pod:web:${pod}`)
    .map((e) => e.text)
    .join('')
    .split('\n')
    .filter((l) => l !== '');
}

const expectedLines = (pod: string) =>
  Array.from({ length: LINES }, (_, i) => `${pod} line ${i + 1}`);

describe('pod logs and port forwards on the local cluster', () => {
  test('streams each line once, forwards the port, and follows a replacement pod', async () => {
    const port = await freePort();
    const image = env.registryBusyboxImage;
    const first = await startPod(kube, webPod(ns, 'web-1', image, LINES));
    store.create(discovery(port));
    setPods([first]);

    await waitFor('all lines of web-1', 60_000, async () => podLines('web-1').length >= LINES);
    expect(podLines('web-1')).toEqual(expectedLines('web-1'));
    expect(store.get('PodLogStream', `web-${ns}-web-1`)?.status).toEqual({
      containerStatuses: [{ name: 'web', active: true }],
    });

    const firstAnswer = await waitFor('forward to web-1', 60_000, () => get(port));
    expect(firstAnswer).toBe('200 hello from web-1\n');
    const status = store.get('PortForward', 'web-web-1')?.status?.forwardStatuses?.[0];
    expect(status?.localPort).toBe(port);
    expect(status?.error).toBeUndefined();

    // Replace the pod: the old one goes, the new one is reported, the same port answers.
    await kube.core.deleteNamespacedPod({ name: 'web-1', namespace: ns, gracePeriodSeconds: 0 });
    const second = await startPod(kube, webPod(ns, 'web-2', image, LINES));
    setPods([second]);

    const secondAnswer = await waitFor('forward to web-2', 60_000, async () => {
      const answer = await get(port).catch(() => undefined);
      return answer === '200 hello from web-2\n' ? answer : undefined;
    });
    expect(secondAnswer).toBe('200 hello from web-2\n');
    expect(store.list('PortForward').map((pf) => pf.metadata.name)).toEqual(['web-web-2']);
    // The listener was handed to the new PortForward, not closed and bound again.
    const handedOver = store.get('PortForward', 'web-web-2')?.status?.forwardStatuses?.[0];
    expect(handedOver?.startedAt).toBe(status?.startedAt);

    await waitFor('all lines of web-2', 60_000, async () => podLines('web-2').length >= LINES);
    expect(podLines('web-2')).toEqual(expectedLines('web-2'));
    expect(store.list('PodLogStream').map((p) => p.metadata.name)).toEqual([`web-${ns}-web-2`]);
    // Nothing more arrived for the first pod after its stream was stopped.
    expect(podLines('web-1')).toEqual(expectedLines('web-1'));
  });
});
