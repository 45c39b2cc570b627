import type { Container, Pod } from '@slant/api';
import { afterEach, describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { Manager } from '../../engine/manager.ts';
import { FakePodLogSource } from '../../k8s/pod-logs-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import { createDiscoveryPodLogStreamsReconciler } from './from-discovery.ts';
import { createPodLogStreamReconciler } from './reconciler.ts';
import { runningContainer, testDiscovery, testPod } from './testing.ts';

const T0 = '2024-01-01T00:00:00';

function setup(pods: Pod[], template = {}) {
  const clock = new FakeClock(new Date(`${T0}Z`));
  const store = newTestStore(clock);
  const source = new FakePodLogSource();
  const logs = new MemoryLogWriter();
  const controller = createPodLogStreamReconciler({ source, logs });
  const manager = new Manager({ store, clock });
  manager.register(controller);
  manager.register(createDiscoveryPodLogStreamsReconciler());
  store.create(testDiscovery('web', pods, { podLogStreamTemplateSpec: template }));
  manager.start();
  running.push(manager);
  const setPods = (next: Pod[]) =>
    store.mutateStatus('KubernetesDiscovery', 'web', () => ({ pods: next }));
  const status = (name = 'web-ns-p') => store.get('PodLogStream', name)?.status;
  return { clock, store, source, logs, controller, setPods, status };
}

const running: Manager[] = [];
afterEach(async () => {
  for (const m of running.splice(0)) await m.stop();
});

/** Lets the manager, the store's watch events and the fake streams run (no timers fire). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

const line = (sec: number, text: string, nano = '000000000') =>
  `${T0.slice(0, -2)}${String(sec).padStart(2, '0')}.${nano}Z ${text}\n`;

function terminated(c: Container): Container {
  return {
    ...c,
    state: {
      terminated: { startedAt: `${T0}Z`, finishedAt: `${T0}Z`, exitCode: 0 },
    },
  };
}

describe('PodLogStream reconciler', () => {
  test('streams a one-container pod without timestamps or prefix, as resource and pod span', async () => {
    const { source, logs, status } = setup([testPod('p', [runningContainer('app', 'c1')])]);
    await settle();
    const s = source.latest('app');
    expect(s.req).toEqual({
      namespace: 'ns',
      pod: 'p',
      container: 'app',
      follow: true,
      timestamps: true,
    });
    s.send(line(1, 'hello'));
    s.send(line(2, 'wor').slice(0, -1));
    s.send('ld\n');
    expect(logs.entries).toEqual([
      { resource: 'web', spanId: 'pod:web:p', text: 'hello\n' },
      { resource: 'web', spanId: 'pod:web:p', text: 'world\n' },
    ]);
    expect(status()).toEqual({ containerStatuses: [{ name: 'app', active: true }] });
  });

  test('prefixes lines with the container name when the pod has several, and init containers always', async () => {
    const pod = testPod('p', [runningContainer('app', 'c1'), runningContainer('sidecar', 'c2')], {
      initContainers: [terminated(runningContainer('init', 'c0'))],
    });
    const { source, logs } = setup([pod]);
    await settle();
    source.latest('init').send(line(1, 'migrating'));
    source.latest('app').send(line(2, 'serving'));
    source.latest('sidecar').send(line(3, 'proxying'));
    expect(logs.text()).toBe('[init] migrating\n[app] serving\n[sidecar] proxying\n');
  });

  test('skips ignoreContainers, and streams only onlyContainers when given', async () => {
    const containers = [runningContainer('app', 'c1'), runningContainer('istio-proxy', 'c2')];
    const ignoring = setup([testPod('p', containers)], { ignoreContainers: ['istio-proxy'] });
    await settle();
    expect(ignoring.source.streams.map((s) => s.req.container)).toEqual(['app']);
    expect(ignoring.status()).toEqual({ containerStatuses: [{ name: 'app', active: true }] });

    const only = setup([testPod('p', containers)], { onlyContainers: ['istio-proxy'] });
    await settle();
    expect(only.source.streams.map((s) => s.req.container)).toEqual(['istio-proxy']);
  });

  test('does not stream a container that is still waiting', async () => {
    const waiting = runningContainer('app', '', { state: { waiting: { reason: 'Pulling' } } });
    const { source, status } = setup([testPod('p', [waiting])]);
    await settle();
    expect(source.streams).toEqual([]);
    expect(status()).toEqual({ containerStatuses: [{ name: 'app' }] });
  });

  test('a stream that ends while the container runs is picked up after a second, without repeating lines', async () => {
    const { clock, source, logs, status } = setup([testPod('p', [runningContainer('app', 'c1')])]);
    await settle();
    const first = source.latest('app');
    first.send(line(1, 'one', '100000000'));
    first.send(line(1, 'two', '200000000'));
    first.end();
    await settle();
    expect(status()).toEqual({ containerStatuses: [{ name: 'app' }] });
    expect(source.of('app')).toHaveLength(1);

    clock.advance(1000);
    await settle();
    const second = source.latest('app');
    expect(second).not.toBe(first);
    // The server only knows whole seconds, so it sends "one" and "two" again: they are dropped.
    expect(second.req.sinceTime).toEqual(new Date(`${T0.slice(0, -2)}01.200Z`));
    second.send(line(1, 'one', '100000000') + line(1, 'two', '200000000'));
    second.send(line(1, 'three', '300000000'));
    expect(logs.text()).toBe('one\ntwo\nthree\n');
    expect(status()).toEqual({ containerStatuses: [{ name: 'app', active: true }] });
  });

  test('a restarted container is streamed again from after its last written line', async () => {
    const { source, logs, setPods } = setup([testPod('p', [runningContainer('app', 'c1')])]);
    await settle();
    const first = source.latest('app');
    first.send(line(5, 'before crash'));
    first.end();
    setPods([testPod('p', [runningContainer('app', 'c2', { restarts: 1 })])]);
    await settle();
    const second = source.latest('app');
    expect(second).not.toBe(first);
    expect(second.req.sinceTime).toEqual(new Date(`${T0.slice(0, -2)}05Z`));
    second.send(line(5, 'before crash') + line(6, 'after restart'));
    expect(logs.text()).toBe('before crash\nafter restart\n');
  });

  test('a terminated container whose stream ended is reported terminated and not streamed again', async () => {
    const { clock, source, setPods, status } = setup([
      testPod('p', [runningContainer('app', 'c1')]),
    ]);
    await settle();
    source.latest('app').end();
    setPods([testPod('p', [terminated(runningContainer('app', 'c1'))])]);
    await settle();
    clock.advance(5000);
    await settle();
    expect(source.of('app')).toHaveLength(1);
    expect(status()).toEqual({ containerStatuses: [{ name: 'app', terminated: true }] });
  });

  test('a failing stream shows its error on the container and in the log, then retries', async () => {
    const { clock, source, logs, status } = setup([testPod('p', [runningContainer('app', 'c1')])]);
    await settle();
    source.latest('app').fail('container "app" in pod "p" is not available');
    await settle();
    expect(status()).toEqual({
      containerStatuses: [{ name: 'app', error: 'container "app" in pod "p" is not available' }],
    });
    expect(logs.entries).toEqual([
      {
        resource: 'web',
        spanId: 'pod:web:p',
        text: 'Error streaming p logs: container "app" in pod "p" is not available\n',
      },
    ]);
    // The debounce doubles after an error: nothing after 1 s, a new stream after 2 s.
    clock.advance(1000);
    await settle();
    expect(source.of('app')).toHaveLength(1);
    clock.advance(1000);
    await settle();
    expect(source.of('app')).toHaveLength(2);
    expect(status()).toEqual({ containerStatuses: [{ name: 'app', active: true }] });
  });

  test('stops streaming when the pod is no longer discovered, and its stream object goes', async () => {
    const { source, store, setPods } = setup([testPod('p', [runningContainer('app', 'c1')])]);
    await settle();
    setPods([]);
    await settle();
    expect(source.latest('app').open).toBe(false);
    expect(store.list('PodLogStream')).toEqual([]);
  });

  test('a stream whose pod no discovery lists reports Tilt\'s "pod not found" error', async () => {
    const { store, source, status } = setup([]);
    store.create({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'PodLogStream',
      metadata: { name: 'manual' },
      spec: { pod: 'gone', namespace: 'ns', cluster: '' },
    });
    await settle();
    expect(status('manual')).toEqual({ error: 'pod not found: ns/gone' });
    expect(source.streams).toEqual([]);
  });

  test('stopAll ends every stream', async () => {
    const { source, controller } = setup([testPod('p', [runningContainer('app', 'c1')])]);
    await settle();
    controller.stopAll();
    expect(source.latest('app').open).toBe(false);
  });
});
