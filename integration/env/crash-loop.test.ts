// A container that exits non-zero is restarted by the real kubelet, which
// reports its restartCount and the CrashLoopBackOff waiting reason.
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  apply,
  connect,
  createNamespace,
  deleteNamespace,
  type Kube,
  uniqueName,
  waitFor,
} from './kube.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-e2e-crash');
let kube: Kube;

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
});

describe('crash loop on the local cluster', () => {
  test('a failing container is restarted and reported as CrashLoopBackOff', async () => {
    const pod: V1Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'crasher', namespace: ns },
      spec: {
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 0,
        containers: [
          {
            name: 'crasher',
            // Pulled by containerd from the local registry.
            image: env.registryBusyboxImage,
            imagePullPolicy: 'Always',
            command: ['sh', '-c', 'echo about to fail; exit 3'],
          },
        ],
      },
    };
    await apply(kube, pod);

    const status = await waitFor<V1ContainerStatus>(
      'restartCount > 0 and CrashLoopBackOff',
      180_000,
      async () => {
        const p = await kube.core.readNamespacedPod({ name: 'crasher', namespace: ns });
        const cs = p.status?.containerStatuses?.[0];
        return cs && cs.restartCount > 0 && cs.state?.waiting?.reason === 'CrashLoopBackOff'
          ? cs
          : undefined;
      },
    );
    expect(status.restartCount).toBeGreaterThan(0);
    expect(status.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(status.lastState?.terminated?.exitCode).toBe(3);
    expect(status.lastState?.terminated?.reason).toBe('Error');

    // The log of the previous (crashed) run is still readable.
    const previous = await kube.core.readNamespacedPodLog({
      name: 'crasher',
      namespace: ns,
      container: 'crasher',
      previous: true,
    });
    expect(previous).toContain('about to fail');

    await kube.core.deleteNamespacedPod({ name: 'crasher', namespace: ns, gracePeriodSeconds: 0 });
    await waitFor('crasher deleted', 60_000, async () => {
      const pods = await kube.core.listNamespacedPod({ namespace: ns });
      return pods.items.length === 0;
    });
  });
});
