// The test's stand-in for the KubernetesDiscovery controller: reads real pods and reports them
// in the discovery's status form, and makes the pods the scenario runs.

import { createServer } from 'node:net';
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { Container, Pod } from '@slant/api';
import { apply, isReady, type Kube, waitFor } from '../env/kube.ts';

/** Prints numbered lines, then serves "hello from <pod>" on port 8000. */
export function webPod(namespace: string, name: string, image: string, lines: number): V1Pod {
  const script = [
    `i=1; while [ $i -le ${lines} ]; do echo "$HOSTNAME line $i"; i=$((i+1)); done`,
    'mkdir -p /www',
    'echo "hello from $HOSTNAME" > /www/index.html',
    'exec httpd -f -p 8000 -h /www',
  ].join('; ');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'web' } },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'web',
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', '-c', script],
          ports: [{ containerPort: 8000 }],
          readinessProbe: { tcpSocket: { port: 8000 }, periodSeconds: 1 },
        },
      ],
    },
  };
}

/** Applies the pod and waits until it is ready; returns it as a discovery reports it. */
export async function startPod(kube: Kube, pod: V1Pod): Promise<Pod> {
  await apply(kube, pod);
  const name = pod.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace ?? '';
  const ready = await waitFor(`pod ${name} ready`, 180_000, async () => {
    const p = await kube.core.readNamespacedPod({ name, namespace });
    return isReady(p) ? p : undefined;
  });
  return toDiscoveredPod(ready);
}

export function toDiscoveredPod(p: V1Pod): Pod {
  const time = (d: Date | undefined) => (d === undefined ? '' : new Date(d).toISOString());
  const containers = (p.status?.containerStatuses ?? []).map(
    (cs: V1ContainerStatus): Container => ({
      name: cs.name,
      id: cs.containerID ?? '',
      ready: cs.ready,
      image: cs.image,
      restarts: cs.restartCount,
      state: cs.state?.running
        ? { running: { startedAt: time(cs.state.running.startedAt) } }
        : { waiting: { reason: cs.state?.waiting?.reason ?? '' } },
      ports: (p.spec?.containers.find((c) => c.name === cs.name)?.ports ?? []).map(
        (port) => port.containerPort,
      ),
    }),
  );
  return {
    uid: p.metadata?.uid ?? '',
    name: p.metadata?.name ?? '',
    namespace: p.metadata?.namespace ?? '',
    createdAt: time(p.metadata?.creationTimestamp),
    phase: p.status?.phase ?? '',
    deleting: p.metadata?.deletionTimestamp !== undefined,
    containers,
    status: p.status?.phase ?? '',
    errors: [],
  };
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host: '127.0.0.1', port: 0 }, () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr !== null ? addr.port : 0));
    });
  });
}
