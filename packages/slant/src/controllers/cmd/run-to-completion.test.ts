import { afterEach, describe, expect, test } from 'vitest';
import { runCmdToCompletion } from './reconciler.ts';
import { cmdObject, settle, setup, until } from './testing.ts';

const managed = {
  'tilt.dev/managed-by': 'local_resource',
  'tilt.dev/resource': 'build',
  'tilt.dev/log-span-id': 'cmd:build:update',
};

let current: ReturnType<typeof setup> | undefined;
function start() {
  current = setup();
  return current;
}
afterEach(async () => {
  await current?.manager.stop();
  current = undefined;
});

describe('runCmdToCompletion', () => {
  test('the reconciler does not start a local_resource Cmd by itself', async () => {
    const f = start();
    f.store.create(cmdObject('build:update', { args: ['make'] }, managed));
    f.store.create(
      cmdObject('img', { args: ['build.sh'] }, { 'tilt.dev/managed-by': 'cmd_image' }),
    );
    await settle(f.manager);
    expect(f.processes.started).toHaveLength(0);
    expect(f.store.get('Cmd', 'build:update')?.status?.disableStatus?.state).toBe('Enabled');
  });

  test('runs the Cmd once with the extra environment and reports a clean exit', async () => {
    const f = start();
    f.store.create(cmdObject('build:update', { args: ['make'], env: ['A=1'] }, managed));
    await settle(f.manager);
    f.processes.onStart = (p) => {
      p.output.stdout('built\n');
      p.exit(0);
    };
    const result = await runCmdToCompletion(f.runner, 'build:update', {
      signal: new AbortController().signal,
      extraEnv: ['EXPECTED_REF=app:tilt-1'],
    });
    expect(result.exitCode).toBe(0);
    expect(result.error).toBeUndefined();
    expect(f.processes.started[0]!.spec.env).toMatchObject({ A: '1', EXPECTED_REF: 'app:tilt-1' });
    expect(f.logs.text('build')).toBe('Running cmd: make\nbuilt\n');
    await settle(f.manager);
    expect(f.store.get('Cmd', 'build:update')?.status?.terminated).toEqual({
      pid: 1000,
      exitCode: 0,
      startedAt: '2024-01-01T00:00:00.000000Z',
      finishedAt: '2024-01-01T00:00:00.000000Z',
    });
  });

  test('reports a failing command with its exit text', async () => {
    const f = start();
    f.store.create(cmdObject('build:update', { args: ['make'] }, managed));
    f.processes.onStart = (p) => p.exit(2);
    const result = await runCmdToCompletion(f.runner, 'build:update', {
      signal: new AbortController().signal,
    });
    expect({ exitCode: result.exitCode, error: result.error }).toEqual({
      exitCode: 2,
      error: 'exit status 2',
    });
  });

  test('stops the command when the signal aborts', async () => {
    const f = start();
    f.store.create(cmdObject('build:update', { args: ['make'] }, managed));
    const abort = new AbortController();
    const pending = runCmdToCompletion(f.runner, 'build:update', { signal: abort.signal });
    await until(() => f.processes.started.length === 1);
    abort.abort();
    const result = await pending;
    expect(f.processes.started[0]!.stopped).toBe(true);
    expect({ exitCode: result.exitCode, error: result.error }).toEqual({
      exitCode: null,
      error: 'context canceled',
    });
    expect(result.status.terminated).toMatchObject({ exitCode: 137, reason: 'killed' });
  });

  test('reports a Cmd that does not exist', async () => {
    const f = start();
    const result = await runCmdToCompletion(f.runner, 'nope', {
      signal: new AbortController().signal,
    });
    expect(result).toEqual({ exitCode: null, error: 'cmds.tilt.dev "nope" not found', status: {} });
  });

  test('a disabled local_resource Cmd stops its running command', async () => {
    const f = start();
    f.store.create({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'ConfigMap',
      metadata: { name: 'build-disable' },
      data: { isDisabled: 'false' },
    });
    const disableSource = { configMap: { name: 'build-disable', key: 'isDisabled' } };
    f.store.create(cmdObject('build:update', { args: ['make'], disableSource }, managed));
    await settle(f.manager);
    const pending = runCmdToCompletion(f.runner, 'build:update', {
      signal: new AbortController().signal,
    });
    await until(() => f.processes.started.length === 1);
    f.store.update({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'ConfigMap',
      metadata: { name: 'build-disable' },
      data: { isDisabled: 'true' },
    });
    const result = await pending;
    expect({ exitCode: result.exitCode, error: result.error }).toEqual({
      exitCode: 137,
      error: 'killed',
    });
  });
});
