import { afterEach, describe, expect, test } from 'vitest';
import { cmdObject, settle, setup } from './testing.ts';

const annotations = { 'tilt.dev/resource': 'web', 'tilt.dev/log-span-id': 'cmd:web:serve' };

let current: ReturnType<typeof setup> | undefined;
function start() {
  current = setup();
  return current;
}
afterEach(async () => {
  await current?.manager.stop();
  current = undefined;
});

describe('Cmd readiness probe', () => {
  test('an httpGet probe makes the Cmd ready on its first success, after the initial delay', async () => {
    const f = start();
    f.store.create(
      cmdObject(
        'web',
        {
          args: ['serve'],
          readinessProbe: { httpGet: { port: 8000, path: 'healthz' }, initialDelaySeconds: 2 },
        },
        annotations,
      ),
    );
    await settle(f.manager);
    expect(f.store.get('Cmd', 'web')?.status).toMatchObject({
      running: { pid: 1000 },
      ready: false,
    });
    f.clock.advance(1999);
    expect(f.probes.attempts).toHaveLength(0);
    f.clock.advance(1);
    expect(f.probes.pending()?.target).toBe('http://localhost:8000/healthz');
    f.probes.pending()!.answer({ result: 'success', output: 'ok' });
    await settle(f.manager);
    expect(f.store.get('Cmd', 'web')?.status?.ready).toBe(true);
    expect(f.logs.entries.at(-1)).toEqual({
      ...logAt('[readiness probe: success] ok\n'),
      level: 'INFO',
    });
  });

  test('probes every period and turns unready after failureThreshold failures in a row', async () => {
    const f = start();
    const readinessProbe = { tcpSocket: { port: 5432 }, periodSeconds: 5, failureThreshold: 2 };
    f.store.create(cmdObject('db', { args: ['db'], readinessProbe }, annotations));
    await settle(f.manager);
    f.clock.advance(0);
    f.probes.pending()!.answer({ result: 'success', output: '' });
    await settle(f.manager);
    expect(f.store.get('Cmd', 'db')?.status?.ready).toBe(true);
    f.clock.advance(5000);
    expect(f.probes.attempts.map((a) => a.target)).toEqual(['localhost:5432', 'localhost:5432']);
    f.probes.pending()!.answer({
      result: 'failure',
      output: 'dial tcp 127.0.0.1:5432: connect: connection refused',
    });
    await settle(f.manager);
    expect(f.store.get('Cmd', 'db')?.status?.ready).toBe(true);
    f.clock.advance(5000);
    f.probes.pending()!.answer({
      result: 'failure',
      output: 'dial tcp 127.0.0.1:5432: connect: connection refused',
    });
    await settle(f.manager);
    expect(f.store.get('Cmd', 'db')?.status?.ready).toBe(false);
    expect(f.logs.entries.at(-1)).toEqual({
      ...logAt('[readiness probe: failure] dial tcp 127.0.0.1:5432: connect: connection refused\n'),
      level: 'WARN',
    });
  });

  test('needs successThreshold successes in a row to become ready', async () => {
    const f = start();
    const readinessProbe = { exec: { command: ['check'] }, periodSeconds: 1, successThreshold: 2 };
    f.store.create(cmdObject('w', { args: ['w'], readinessProbe }));
    await settle(f.manager);
    f.clock.advance(0);
    f.probes.pending()!.answer({ result: 'success', output: '' });
    await settle(f.manager);
    expect(f.store.get('Cmd', 'w')?.status?.ready).toBe(false);
    f.clock.advance(1000);
    expect(f.probes.pending()?.kind).toBe('exec');
    f.probes.pending()!.answer({ result: 'success', output: '' });
    await settle(f.manager);
    expect(f.store.get('Cmd', 'w')?.status?.ready).toBe(true);
  });

  test('an attempt longer than timeoutSeconds is a failure', async () => {
    const f = start();
    const readinessProbe = { httpGet: { port: 80 }, timeoutSeconds: 2, failureThreshold: 1 };
    f.store.create(cmdObject('web', { args: ['serve'], readinessProbe }, annotations));
    await settle(f.manager);
    f.clock.advance(0);
    const attempt = f.probes.pending()!;
    f.clock.advance(2000);
    expect(attempt.signal.aborted).toBe(true);
    await settle(f.manager);
    expect(f.logs.entries.at(-1)).toEqual({
      ...logAt('[readiness probe error] context deadline exceeded\n'),
      level: 'WARN',
    });
    expect(f.store.get('Cmd', 'web')?.status?.ready).toBe(false);
  });

  test('an invalid probe terminates the Cmd without starting it', async () => {
    const f = start();
    f.store.create(
      cmdObject('web', { args: ['serve'], readinessProbe: { httpGet: { port: 0 } } }, annotations),
    );
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(0);
    expect(f.store.get('Cmd', 'web')?.status?.terminated).toEqual({
      pid: 0,
      exitCode: 1,
      reason: 'Invalid readiness probe: port number out of range: 0',
    });
    expect(f.logs.entries).toEqual([
      { ...logAt('Invalid readiness probe: port number out of range: 0\n'), level: 'ERROR' },
    ]);
  });

  test('stops probing when the process exits', async () => {
    const f = start();
    f.store.create(
      cmdObject('web', { args: ['serve'], readinessProbe: { tcpSocket: { port: 1 } } }),
    );
    await settle(f.manager);
    f.processes.started[0]!.exit(1);
    await settle(f.manager);
    f.clock.advance(60_000);
    expect(f.probes.attempts).toHaveLength(0);
  });
});

function logAt(text: string) {
  return { resource: 'web', spanId: 'cmd:web:serve', text };
}
