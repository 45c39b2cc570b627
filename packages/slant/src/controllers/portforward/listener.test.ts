import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { FakePortForwardDialer } from '../../k8s/port-forward-fake.ts';
import { ForwardListener } from './listener.ts';
import { answerWithPodName, freePort, roundTrip } from './testing.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function openListener(host: string, port: number, dialer: FakePortForwardDialer) {
  const dials: (string | undefined)[] = [];
  const l = await ForwardListener.open(
    host,
    port,
    { namespace: 'ns', pod: 'web-1', containerPort: 8000 },
    { dialer, onDial: (e) => dials.push(e) },
  );
  cleanups.push(() => l.close());
  return { l, dials };
}

function occupy(host: string, port: number): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen({ host, port }, () => resolve(s));
    cleanups.push(() => new Promise((r) => s.close(() => r())));
  });
}

describe('ForwardListener', () => {
  test('pipes each connection to a new stream dialed to the target pod and port', async () => {
    const dialer = new FakePortForwardDialer();
    dialer.serve = answerWithPodName;
    const port = await freePort();
    const { l, dials } = await openListener('127.0.0.1', port, dialer);
    expect(l.addresses).toEqual(['127.0.0.1']);
    expect(l.localPort).toBe(port);
    expect(await roundTrip(port, 'ping')).toBe('web-1:8000 got ping');
    expect(dialer.dials).toEqual([{ namespace: 'ns', pod: 'web-1', port: 8000 }]);
    expect(dials).toEqual([undefined]);
  });

  test('dials the new target for connections accepted after a retarget', async () => {
    const dialer = new FakePortForwardDialer();
    dialer.serve = answerWithPodName;
    const port = await freePort();
    const { l } = await openListener('127.0.0.1', port, dialer);
    l.target = { namespace: 'ns', pod: 'web-2', containerPort: 8000 };
    expect(await roundTrip(port, 'ping')).toBe('web-2:8000 got ping');
  });

  test('closes the connection and reports the error when the dial fails', async () => {
    const dialer = new FakePortForwardDialer();
    dialer.refuse = () => 'Unexpected server response: 404';
    const port = await freePort();
    const { dials } = await openListener('127.0.0.1', port, dialer);
    expect(await roundTrip(port, 'ping')).toBe('');
    expect(dials).toEqual(['Unexpected server response: 404']);
  });

  test('localhost listens on 127.0.0.1 and ::1, and picks a free port for port 0', async () => {
    const { l } = await openListener('localhost', 0, new FakePortForwardDialer());
    expect(l.addresses).toEqual(['127.0.0.1', '::1']);
    expect(l.localPort).toBeGreaterThan(0);
  });

  test("a port in use fails with Tilt's text", async () => {
    const port = await freePort();
    await occupy('127.0.0.1', port);
    await expect(openListener('127.0.0.1', port, new FakePortForwardDialer())).rejects.toThrow(
      new Error(
        `Unable to listen on port ${port}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${port}: bind: address already in use]`,
      ),
    );
  });

  test('localhost binds when only one of its two addresses is free', async () => {
    const port = await freePort();
    await occupy('::1', port);
    const { l } = await openListener('localhost', port, new FakePortForwardDialer());
    expect(l.addresses).toEqual(['127.0.0.1']);
  });

  test('close stops listening', async () => {
    const port = await freePort();
    const { l } = await openListener('127.0.0.1', port, new FakePortForwardDialer());
    await l.close();
    await expect(roundTrip(port, 'ping')).rejects.toThrow(/ECONNREFUSED/);
  });
});
