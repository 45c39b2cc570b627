import type { DockerComposeService } from '@slant/api';
import { ANNOTATIONS, API_VERSION } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { FakeDockerContainers, runningContainer } from '../../docker/containers-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { flush, newTestStore } from '../../store/testing.ts';
import { createComposeLogsReconciler } from './reconciler.ts';

const CTX = {} as never;

const container = (id: string, startedAt: string) => runningContainer(id, 'proj-web-1', startedAt);

function svc(status: DockerComposeService['status']): DockerComposeService {
  return {
    apiVersion: API_VERSION,
    kind: 'DockerComposeService',
    metadata: { name: 'web', annotations: { [ANNOTATIONS.resource]: 'web' } },
    spec: { service: 'web', project: { name: 'proj' } },
    ...(status === undefined ? {} : { status }),
  };
}

describe('Compose logs', () => {
  test('follows the current container from its start (less a second) into dc:<resource>', async () => {
    const store = newTestStore();
    const logs = new MemoryLogWriter();
    const containers = new FakeDockerContainers();
    const ctl = createComposeLogsReconciler({ store, containers, logs });
    containers.set(container('c1', '2026-01-01T00:00:05Z'));
    store.create(svc({ containerID: 'c1', containerState: { startedAt: '2026-01-01T00:00:05Z' } }));
    await ctl.reconciler.reconcile('web', CTX);
    await flush();
    expect(containers.followers.map((f) => [f.id, f.opts.since])).toEqual([
      ['c1', '2026-01-01T00:00:04.000Z'],
    ]);
    containers.log('c1', 'hello\n');
    expect(logs.entries).toEqual([{ resource: 'web', spanId: 'dc:web', text: 'hello\n' }]);
    // Same container, same start: no second follow.
    await ctl.reconciler.reconcile('web', CTX);
    await flush();
    expect(containers.followers).toHaveLength(1);

    // The container restarted: the old follow stops and a new one starts from the new start.
    containers.set(container('c1', '2026-01-01T00:01:00Z'));
    store.mutateStatus('DockerComposeService', 'web', (c) => ({
      ...c.status,
      containerState: { startedAt: '2026-01-01T00:01:00Z' },
    }));
    await ctl.reconciler.reconcile('web', CTX);
    await flush();
    expect(containers.followers.map((f) => f.opts.since)).toEqual(['2026-01-01T00:00:59.000Z']);

    // Disabled (no container): no follow.
    store.mutateStatus('DockerComposeService', 'web', () => ({}));
    await ctl.reconciler.reconcile('web', CTX);
    expect(containers.followers).toHaveLength(0);
    ctl.stopAll();
  });
});
