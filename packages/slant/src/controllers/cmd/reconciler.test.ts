import type { ConfigMap, FileWatch } from '@slant/api';
import { afterEach, describe, expect, test } from 'vitest';
import { button, cmdObject, settle, setup, until } from './testing.ts';

const annotations = { 'tilt.dev/resource': 'web', 'tilt.dev/log-span-id': 'cmd:web:serve' };
const T0 = '2024-01-01T00:00:00.000000Z';

let current: ReturnType<typeof setup> | undefined;
function start() {
  current = setup();
  return current;
}
afterEach(async () => {
  await current?.manager.stop();
  current = undefined;
});

function disableMap(name: string, value: string): ConfigMap {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'ConfigMap',
    metadata: { name },
    data: { isDisabled: value },
  };
}

function fileWatch(name: string, lastEventTime: string): FileWatch {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'FileWatch',
    metadata: { name },
    spec: { watchedPaths: ['/src'] },
    status: { lastEventTime },
  };
}

describe('Cmd reconciler', () => {
  test('starts a Cmd with the inherited environment under its own, in the default directory', async () => {
    const f = start();
    f.store.create(
      cmdObject('web', { args: ['sh', '-c', 'serve'], env: ['HOME=/tmp', 'A=1'] }, annotations),
    );
    await settle(f.manager);
    const p = f.processes.started[0]!;
    expect(p.spec).toEqual({
      argv: ['sh', '-c', 'serve'],
      dir: '/work',
      env: { PATH: '/usr/bin', HOME: '/tmp', A: '1' },
    });
    expect(f.store.get('Cmd', 'web')?.status).toMatchObject({
      running: { pid: 1000, startedAt: T0 },
      ready: true,
    });
  });

  test('writes the output to the log span of the resource', async () => {
    const f = start();
    f.store.create(cmdObject('web', { args: ['sh', '-c', 'serve'] }, annotations));
    await settle(f.manager);
    f.processes.started[0]!.output.stdout('listening\n');
    f.processes.started[0]!.output.stderr('warn\n');
    expect(f.logs.entries).toEqual([
      { resource: 'web', spanId: 'cmd:web:serve', text: 'Running cmd: serve\n' },
      { resource: 'web', spanId: 'cmd:web:serve', text: 'listening\n' },
      { resource: 'web', spanId: 'cmd:web:serve', text: 'warn\n' },
    ]);
  });

  test("records a failed exit as terminated with Go's exit text", async () => {
    const f = start();
    f.store.create(cmdObject('job', { args: ['false'], dir: '/src' }));
    await settle(f.manager);
    f.clock.advance(1500);
    f.processes.started[0]!.exit(2);
    await settle(f.manager);
    expect(f.store.get('Cmd', 'job')?.status).toEqual({
      terminated: {
        pid: 1000,
        exitCode: 2,
        reason: 'exit status 2',
        startedAt: T0,
        finishedAt: '2024-01-01T00:00:01.500000Z',
      },
      ready: true,
      disableStatus: {
        disabled: false,
        lastUpdateTime: '2024-01-01T00:00:00Z',
        reason: 'object does not specify a DisableSource',
        state: 'Enabled',
      },
    });
    expect(f.processes.started).toHaveLength(1);
  });

  test("records a process that cannot start, in Go's words", async () => {
    const f = start();
    f.processes.startError = () => 'exec: "nope": executable file not found in $PATH';
    f.store.create(cmdObject('bad', { args: ['nope', 'x'] }, annotations));
    await settle(f.manager);
    expect(f.store.get('Cmd', 'bad')?.status?.terminated).toEqual({
      pid: 0,
      exitCode: 1,
      reason: 'failed to start: exec: "nope": executable file not found in $PATH',
      startedAt: T0,
      finishedAt: T0,
    });
    expect(f.logs.entries.at(-1)).toEqual({
      resource: 'web',
      spanId: 'cmd:web:serve',
      text: 'nope x failed to start: exec: "nope": executable file not found in $PATH\n',
      level: 'ERROR',
    });
  });

  test('restarts the process when the exec spec changes, not when only triggers change', async () => {
    const f = start();
    f.store.create(cmdObject('web', { args: ['serve', '--port=1'] }));
    await settle(f.manager);
    const first = f.processes.started[0]!;
    f.store.update(
      cmdObject('web', { args: ['serve', '--port=1'], restartOn: { uiButtons: ['b'] } }),
    );
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(1);
    f.store.update(cmdObject('web', { args: ['serve', '--port=2'] }));
    await settle(f.manager);
    expect(first.stopped).toBe(true);
    expect(f.processes.started.map((p) => p.spec.argv.join(' '))).toEqual([
      'serve --port=1',
      'serve --port=2',
    ]);
    expect(f.store.get('Cmd', 'web')?.status?.running?.pid).toBe(1001);
  });

  test('restarts when a restartOn FileWatch reports an event after the start', async () => {
    const f = start();
    f.store.create(fileWatch('web-fw', '2023-12-31T23:59:00.000000Z'));
    f.store.create(cmdObject('web', { args: ['serve'], restartOn: { fileWatches: ['web-fw'] } }));
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(1);
    f.store.updateStatus(fileWatch('web-fw', '2024-01-01T00:00:05.000000Z'));
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(2);
    expect(f.processes.started[0]!.stopped).toBe(true);
    // The same event again is no new trigger.
    f.store.update(fileWatch('web-fw', '2024-01-01T00:00:05.000000Z'));
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(2);
  });

  test('waits for a startOn click, then starts with the button inputs in the environment', async () => {
    const f = start();
    const b = button('run-btn');
    b.spec.inputs = [{ name: 'NAME', label: 'Name', text: {} }];
    f.store.create(b);
    f.store.create(cmdObject('task', { args: ['task'], startOn: { uiButtons: ['run-btn'] } }));
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(0);
    expect(f.store.get('Cmd', 'task')?.status).toMatchObject({
      waiting: { reason: 'cmd StartOn has not been triggered' },
      ready: false,
    });
    f.store.updateStatus({
      ...b,
      status: {
        lastClickedAt: '2024-01-01T00:00:03.000000Z',
        inputs: [{ name: 'NAME', text: { value: 'ada' } }],
      },
    });
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(1);
    expect(f.processes.started[0]!.spec.env.NAME).toBe('ada');
    expect(f.store.get('Cmd', 'task')?.status?.waiting).toBeUndefined();
  });

  test('ignores startOn clicks before startAfter', async () => {
    const f = start();
    f.store.create(button('b', '2024-01-01T00:00:01.000000Z'));
    f.store.create(
      cmdObject('task', {
        args: ['task'],
        startOn: { uiButtons: ['b'], startAfter: '2024-01-01T00:00:02Z' },
      }),
    );
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(0);
  });

  test('stops while its disable ConfigMap says true and starts again when it says false', async () => {
    const f = start();
    f.store.create(disableMap('web-disable', 'false'));
    const source = { configMap: { name: 'web-disable', key: 'isDisabled' } };
    f.store.create(cmdObject('web', { args: ['serve'], disableSource: source }));
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(1);
    f.clock.advance(2000);
    f.store.update(disableMap('web-disable', 'true'));
    await settle(f.manager);
    expect(f.processes.started[0]!.stopped).toBe(true);
    const status = f.store.get('Cmd', 'web')?.status;
    expect(status?.disableStatus).toEqual({
      disabled: true,
      lastUpdateTime: '2024-01-01T00:00:02Z',
      reason: 'ConfigMap/key "web-disable"/"isDisabled" is true',
      state: 'Disabled',
    });
    expect(status?.terminated).toMatchObject({ exitCode: 137, reason: 'killed' });
    f.store.update(disableMap('web-disable', 'false'));
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(2);
    expect(f.store.get('Cmd', 'web')?.status?.running?.pid).toBe(1001);
  });

  test('reports Pending while its disable ConfigMap is missing, and runs (only Disabled stops)', async () => {
    const f = start();
    const source = { configMap: { name: 'web-disable', key: 'isDisabled' } };
    f.store.create(cmdObject('web', { args: ['serve'], disableSource: source }));
    await settle(f.manager);
    // Pending counts as disabled in the status, but only Disabled stops a process (as Tilt).
    expect(f.store.get('Cmd', 'web')?.status?.disableStatus).toMatchObject({
      disabled: true,
      state: 'Pending',
      reason: 'ConfigMap "web-disable" does not exist',
    });
    expect(f.processes.started).toHaveLength(1);
  });

  test('stops the process when the Cmd is deleted', async () => {
    const f = start();
    f.store.create(cmdObject('web', { args: ['serve'] }));
    await settle(f.manager);
    f.store.delete('Cmd', 'web');
    await settle(f.manager);
    expect(f.processes.started[0]!.stopped).toBe(true);
  });

  test("logs while a stopped process takes its time, and gives it Tilt's 30 s grace", async () => {
    const f = start();
    f.store.create(cmdObject('web', { args: ['serve'] }, annotations));
    await settle(f.manager);
    const p = f.processes.started[0]!;
    p.exitOnStop = false;
    f.store.delete('Cmd', 'web');
    await until(() => p.stopped);
    expect(p.stopGraceMs).toBe(30_000);
    f.clock.advance(30_000);
    p.exit(null, 'SIGKILL');
    await settle(f.manager);
    expect(f.logs.entries.slice(1).map((e) => e.text)).toEqual([
      'Waiting 30s for process to exit... (pid: 1000)\n',
      'Still waiting on exit... (pid: 1000)\n',
      'Time is up! Sending 1000 a kill signal\n',
    ]);
  });

  test('a new serve Cmd of the same resource stops the previous one before starting', async () => {
    const f = start();
    const serve = (n: number) => ({
      'tilt.dev/owner-kind': 'CmdServer',
      'tilt.dev/owner-name': 'web',
      'tilt.dev/resource': 'web',
      'tilt.dev/log-span-id': `localserve:${n}`,
    });
    f.store.create(cmdObject('web-serve-1', { args: ['serve'] }, serve(1)));
    await settle(f.manager);
    f.store.create(cmdObject('web-serve-2', { args: ['serve'] }, serve(2)));
    await settle(f.manager);
    expect(f.processes.started[0]!.stopped).toBe(true);
    expect(f.processes.started).toHaveLength(2);
    // The old Cmd's own reconciles (after its status changed) leave the new process alone.
    f.store.update(cmdObject('web-serve-1', { args: ['serve'] }, { ...serve(1), touched: 'yes' }));
    await settle(f.manager);
    expect(f.processes.started[1]!.stopped).toBe(false);
    f.processes.started[1]!.exit(0);
    await settle(f.manager);
    expect(f.logs.entries.at(-1)).toEqual({
      resource: 'web',
      spanId: 'localserve:2',
      text: 'Server exited with exit code 0\n',
      level: 'ERROR',
    });
  });

  test('stopAll stops every process and starts no more', async () => {
    const f = start();
    f.store.create(cmdObject('a', { args: ['a'] }));
    f.store.create(cmdObject('b', { args: ['b'] }));
    await settle(f.manager);
    await f.runner.stopAll();
    expect(f.processes.started.map((p) => p.stopped)).toEqual([true, true]);
    f.store.create(cmdObject('c', { args: ['c'] }));
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(2);
  });
});
