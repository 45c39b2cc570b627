import { createServer, type Server } from 'node:net';
import type { Pod, PortForward } from '@slant/api';
import { afterEach, describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { Manager } from '../../engine/manager.ts';
import { FakePortForwardDialer } from '../../k8s/port-forward-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import { runningContainer, testDiscovery, testPod } from '../podlogstream/testing.ts';
import { createDiscoveryPortForwardsReconciler } from './from-discovery.ts';
import { createPortForwardReconciler } from './reconciler.ts';
import { answerWithPodName, freePort, roundTrip } from './testing.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(pods: Pod[], port: number) {
  const clock = new FakeClock(new Date('2024-01-01T00:00:00Z'));
  const store = newTestStore(clock);
  const dialer = new FakePortForwardDialer();
  dialer.serve = answerWithPodName;
  const logs = new MemoryLogWriter();
  const controller = createPortForwardReconciler({ dialer, logs });
  const manager = new Manager({ store, clock });
  manager.register(controller);
  manager.register(createDiscoveryPortForwardsReconciler());
  const forwards = [{ localPort: port, containerPort: 8000, host: '127.0.0.1' }];
  store.create(testDiscovery('web', pods, { portForwardTemplateSpec: { forwards } }));
  manager.start();
  cleanups.push(async () => {
    await manager.stop();
    await controller.stopAll();
  });
  const setPods = (next: Pod[]) =>
    store.mutateStatus('KubernetesDiscovery', 'web', () => ({ pods: next }));
  const forwardStatuses = (name: string) => store.get('PortForward', name)?.status?.forwardStatuses;
  return { clock, store, dialer, logs, controller, setPods, forwardStatuses };
}

/** Lets real socket I/O and the manager run until `check` holds (no timers involved). */
async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (check()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen({ host: '127.0.0.1', port }, () => resolve(s));
  });
}

const pod1 = testPod('web-1', [runningContainer('app', 'c1')]);
const pod2 = testPod('web-2', [runningContainer('app', 'c2')], {
  createdAt: '2024-01-01T00:05:00Z',
});

describe('PortForward reconciler', () => {
  test('forwards the local port to the pod and reports the forward as Tilt', async () => {
    const port = await freePort();
    const { forwardStatuses, dialer } = await setup([pod1], port);
    await until('status', () => forwardStatuses('web-web-1') !== undefined);
    expect(forwardStatuses('web-web-1')).toEqual([
      {
        localPort: port,
        containerPort: 8000,
        addresses: ['127.0.0.1'],
        startedAt: '2024-01-01T00:00:00.000000Z',
      },
    ]);
    expect(await roundTrip(port, 'GET /')).toBe('web-1:8000 got GET /');
    expect(dialer.dials).toEqual([{ namespace: 'ns', pod: 'web-1', port: 8000 }]);
  });

  test('keeps the listener open when a new pod replaces the old one and dials the new pod', async () => {
    const port = await freePort();
    const { clock, store, setPods, forwardStatuses } = await setup([pod1], port);
    await until('first forward', () => forwardStatuses('web-web-1') !== undefined);
    clock.advance(60_000);
    setPods([{ ...pod1, deleting: true }, pod2]);
    await until('second forward', () => forwardStatuses('web-web-2') !== undefined);
    expect(store.list('PortForward').map((pf: PortForward) => pf.metadata.name)).toEqual([
      'web-web-2',
    ]);
    // Still the listener bound at the start: it was handed over, never closed and re-bound.
    expect(forwardStatuses('web-web-2')?.[0]?.startedAt).toBe('2024-01-01T00:00:00.000000Z');
    expect(await roundTrip(port, 'again')).toBe('web-2:8000 got again');
  });

  test("reports a port in use with Tilt's error and binds once the port is free", async () => {
    const port = await freePort();
    const blocker = await occupy(port);
    const { clock, logs, forwardStatuses } = await setup([pod1], port);
    const error = `Unable to listen on port ${port}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${port}: bind: address already in use]`;
    await until('error status', () => forwardStatuses('web-web-1') !== undefined);
    expect(forwardStatuses('web-web-1')).toEqual([
      { localPort: port, containerPort: 8000, addresses: [], error },
    ]);
    expect(logs.entries).toEqual([
      {
        resource: 'web',
        spanId: 'k8s:web',
        text: `Reconnecting... Error port-forwarding web (${port} -> 8000): ${error}\n`,
      },
    ]);
    await new Promise<void>((r) => blocker.close(() => r()));
    clock.advance(50);
    await until('bound', () => forwardStatuses('web-web-1')?.[0]?.error === undefined);
    expect(await roundTrip(port, 'hi')).toBe('web-1:8000 got hi');
  });

  test('shows a failed dial on the forward until a dial succeeds', async () => {
    const port = await freePort();
    const { dialer, forwardStatuses } = await setup([pod1], port);
    await until('bound', () => forwardStatuses('web-web-1') !== undefined);
    dialer.refuse = () => 'Unexpected server response: 404';
    expect(await roundTrip(port, 'hi')).toBe('');
    await until('dial error', () => forwardStatuses('web-web-1')?.[0]?.error !== undefined);
    expect(forwardStatuses('web-web-1')?.[0]?.error).toBe(
      'error upgrading connection: Unexpected server response: 404',
    );
    dialer.refuse = () => undefined;
    expect(await roundTrip(port, 'hi')).toBe('web-1:8000 got hi');
    await until('cleared', () => forwardStatuses('web-web-1')?.[0]?.error === undefined);
  });

  test('closes the port when the PortForward goes away', async () => {
    const port = await freePort();
    const { setPods, store, forwardStatuses } = await setup([pod1], port);
    await until('bound', () => forwardStatuses('web-web-1') !== undefined);
    setPods([]);
    await until('deleted', () => store.list('PortForward').length === 0);
    // The listener closes on the PortForward's own reconcile, just after the delete.
    let refused: unknown;
    for (let i = 0; i < 100 && refused === undefined; i++) {
      await roundTrip(port, 'hi').catch((err: unknown) => (refused = err));
    }
    expect(String(refused)).toMatch(/ECONNREFUSED/);
  });

  test('stopAll closes every listener', async () => {
    const port = await freePort();
    const { controller, forwardStatuses } = await setup([pod1], port);
    await until('bound', () => forwardStatuses('web-web-1') !== undefined);
    await controller.stopAll();
    await expect(roundTrip(port, 'hi')).rejects.toThrow(/ECONNREFUSED/);
  });
});
