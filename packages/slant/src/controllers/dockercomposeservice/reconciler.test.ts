import type { DockerComposeService } from '@slant/api';
import { ANNOTATIONS, API_VERSION } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { FakeComposeCli } from '../../docker/compose-fake.ts';
import { FakeDockerContainers } from '../../docker/containers-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { configMap, flush, newTestStore } from '../../store/testing.ts';
import { ComposeApplier } from './applier.ts';
import { createDockerComposeServiceReconciler } from './reconciler.ts';

const CTX = { signal: new AbortController().signal } as never;

function service(name: string, imageMaps: string[] = []): DockerComposeService {
  return {
    apiVersion: API_VERSION,
    kind: 'DockerComposeService',
    metadata: {
      name,
      annotations: {
        [ANNOTATIONS.resource]: name,
        [ANNOTATIONS.logSpanId]: `dockercompose:${name}`,
      },
    },
    spec: {
      service: name,
      project: { name: 'proj', projectPath: '/p' },
      ...(imageMaps.length > 0 ? { imageMaps } : {}),
      disableSource: { configMap: { name: `${name}-disable`, key: 'isDisabled' } },
    },
  };
}

function setup() {
  const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
  const store = newTestStore(clock);
  const logs = new MemoryLogWriter();
  const containers = new FakeDockerContainers();
  const compose = new FakeComposeCli(containers);
  const applier = new ComposeApplier({ store, clock, logs, compose, containers });
  const ctl = createDockerComposeServiceReconciler({ store, clock, containers, applier });
  const status = (n: string) =>
    (store.get('DockerComposeService', n) as DockerComposeService | undefined)?.status;
  return { clock, store, logs, containers, compose, applier, ctl, status };
}

describe('ComposeApplier', () => {
  test('apply runs up with its output in the build span and records the container', async () => {
    const t = setup();
    t.store.create(service('web'));
    expect(await t.applier.apply('web', 'build:web:1')).toEqual({ ok: true });
    expect(t.compose.calls).toEqual(['up web']);
    expect(t.logs.entries[0]).toMatchObject({ resource: 'web', spanId: 'build:web:1' });
    expect(t.status('web')).toMatchObject({
      containerID: 'c1',
      containerName: 'proj-web-1',
      containerState: { status: 'running', running: true, startedAt: '2026-01-01T00:00:05Z' },
      portBindings: [{ containerPort: 80, hostPort: 8080, hostIP: '0.0.0.0' }],
      lastApplyStartTime: '2026-01-01T00:00:00.000000Z',
    });
  });

  test('Compose builds an image that has no Tilt build; a Tilt-built one it does not', async () => {
    const t = setup();
    t.store.create(service('worker', ['worker-image']));
    await t.applier.apply('worker', 's');
    t.store.create(service('web', ['web-image']));
    t.store.create({
      apiVersion: API_VERSION,
      kind: 'DockerImage',
      metadata: { name: 'web:web-image' },
      spec: { ref: 'web-image' },
    } as never);
    await t.applier.apply('web', 's');
    expect(t.compose.calls).toEqual(['build+up worker', 'up web']);
  });

  test('a failed up is the step error and the status applyError', async () => {
    const t = setup();
    t.store.create(service('web'));
    t.compose.upError = 'command ["docker" "compose"] failed.\nerror: exit status 1\n';
    const r = await t.applier.apply('web', 's');
    expect(r).toEqual({ ok: false, error: t.compose.upError });
    expect(t.status('web')?.applyError).toBe(t.compose.upError);
  });
});

describe('DockerComposeService reconciler', () => {
  test('disable removes the container (filtering Compose\'s "Going to remove") once', async () => {
    const t = setup();
    t.store.create(service('web'));
    t.store.create(configMap('web-disable', { isDisabled: 'false' }));
    await t.ctl.reconciler.reconcile('web', CTX);
    await t.applier.apply('web', 's');
    t.store.upsert(configMap('web-disable', { isDisabled: 'true' }));
    await t.ctl.reconciler.reconcile('web', CTX);
    await t.ctl.reconciler.reconcile('web', CTX);
    expect(t.compose.calls).toEqual(['up web', 'rm web']);
    expect(t.status('web')?.containerID).toBeUndefined();
    expect(t.status('web')?.disableStatus?.state).toBe('Disabled');
    expect(t.logs.text('web')).toContain(' Container x Removed\n');
    expect(t.logs.text('web')).not.toContain('Going to remove');
    t.ctl.stopAll();
  });

  test('container events of the project update the status: death, then a new container', async () => {
    const t = setup();
    t.store.create(service('web'));
    await t.ctl.reconciler.reconcile('web', CTX);
    await t.applier.apply('web', 's');
    const dead = t.containers.containers.get('c1')!;
    t.containers.set({
      ...dead,
      state: { ...dead.state, running: false, status: 'exited', exitCode: 3 },
    });
    const labels = { 'com.docker.compose.project': 'proj', 'com.docker.compose.service': 'web' };
    t.containers.emit({ action: 'die', containerId: 'c1', labels });
    await flush();
    expect(t.status('web')?.containerState).toMatchObject({ status: 'exited', exitCode: 3 });
    // An event of another project is not ours.
    t.containers.set({ ...dead, id: 'c9', name: 'other' });
    t.containers.emit({
      action: 'start',
      containerId: 'c9',
      labels: { ...labels, 'com.docker.compose.project': 'other' },
    });
    await flush();
    expect(t.status('web')?.containerID).toBe('c1');
    // A recreated container is adopted on start.
    t.containers.set({ ...dead, id: 'c2', name: 'proj-web-1' });
    t.containers.emit({ action: 'start', containerId: 'c2', labels });
    await flush();
    expect(t.status('web')?.containerID).toBe('c2');
    t.ctl.stopAll();
  });
});
