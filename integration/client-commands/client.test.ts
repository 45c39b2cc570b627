// The client commands against a real `slant up` (local resources only): each is the real CLI,
// talking to the session through the client config it wrote and its HTTP API; outputs, error
// texts and exit codes are asserted as users see them.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Snapshot, UIResource } from '@slant/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../three-service/ports.ts';
import { type LocalSession, startLocalSession } from './session.ts';
import { type SlantApi, SlantProcess, until } from '../three-service/slant-cli.ts';
import { type CliResult, runCli } from './run-cli.ts';

let dir = '';
let home = '';
let port = 0;
let api: SlantApi;

function slant(...args: string[]): Promise<CliResult> {
  return runCli(args, { cwd: dir, env: { SLANT_HOME: home, TILT_PORT: String(port) } });
}

async function uiResource(name: string): Promise<UIResource> {
  const ui = await api.get<UIResource>('uiresources', name);
  if (ui === undefined) throw new Error(`no UIResource ${name}`);
  return ui;
}

let session: LocalSession | undefined;

beforeAll(async () => {
  session = await startLocalSession('slant-client-');
  ({ dir, home, port, api } = session);
});

afterAll(async () => {
  await session?.stop();
});

describe('client commands against a running slant up', () => {
  test('without a session on the port: one line saying how to start one, exit 1', async () => {
    const closed = await freePort();
    const r = await runCli(['get', 'uiresources', '--port', String(closed)], {
      cwd: dir,
      env: { SLANT_HOME: home },
    });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `No Slant session is running on port ${closed}: start one with "slant up --port ${closed}"\n`,
    });
    // Arguments are checked first, as kubectl does.
    expect(
      await runCli(['get', '--port', String(closed)], { cwd: dir, env: { SLANT_HOME: home } }),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'You must specify the type of resource to get. Use "slant api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\n',
    });
  });

  test('wait --for=condition=Ready returns once both resources are ready; --for=jsonpath', async () => {
    const r = await slant('wait', '--for=condition=Ready', 'uiresource/hello', 'uiresource/world');
    expect(r).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        /^(uiresource\.tilt\.dev\/(hello|world) condition met\n){2}$/,
      ) as unknown as string,
      stderr: '',
    });
    expect(
      await slant('wait', '--for=jsonpath={.status.updateStatus}=ok', 'uiresource/world'),
    ).toEqual({ code: 0, stdout: 'uiresource.tilt.dev/world condition met\n', stderr: '' });
  });

  test("get: table, names, label selector, YAML, and kubectl's NotFound with exit 1", async () => {
    const table = await slant('get', 'uiresources');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^NAME {9}CREATED AT\n\(Tiltfile\) {3}\S+Z\nhello {8}\S+Z\nworld {8}\S+Z\n$/,
    );
    // Tilt's `alpha get` is the same command.
    expect(await slant('alpha', 'get', 'uiresources', '-o', 'name')).toEqual(
      await slant('get', 'uiresources', '-o', 'name'),
    );
    const several = await slant('get', 'uiresources,configmaps', '-o', 'name');
    expect(several.stdout).toContain('uiresource.tilt.dev/hello\n');
    expect(several.stdout).toContain('configmap.tilt.dev/hello-disable\n');
    expect((await slant('get', 'uiresources', '-l', 'front', '-o', 'name')).stdout).toBe(
      'uiresource.tilt.dev/hello\n',
    );
    const yaml = await slant('get', 'cmd', 'hello:update', '-o', 'yaml');
    expect(yaml.stdout).toMatch(/^apiVersion: tilt.dev\/v1alpha1\nkind: Cmd\n/);
    expect(await slant('get', 'uiresource', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): uiresources.tilt.dev "nope" not found\n',
    });
    expect(await slant('get', 'widgets')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: the server doesn\'t have a resource type "widgets"\n\nRun "slant api-resources" for the list of types.\n',
    });
  });

  test('get -o jsonpath / custom-columns, --sort-by, --field-selector, --no-headers', async () => {
    const names = await slant(
      'get',
      'uiresources',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}',
      '--sort-by',
      '{.metadata.name}',
    );
    expect(names).toEqual({ code: 0, stdout: '(Tiltfile)\nhello\nworld\n', stderr: '' });
    expect(
      await slant(
        'get',
        'uiresources',
        '--field-selector',
        'metadata.name!=(Tiltfile)',
        '-o',
        'custom-columns=NAME:.metadata.name,LABELS:.metadata.labels',
        '--no-headers',
      ),
    ).toEqual({
      code: 0,
      stdout: 'hello     {"front":"front"}\nworld     <none>\n',
      stderr: '',
    });
    expect(await slant('get', 'uiresources', '--field-selector', 'spec.x=1')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (BadRequest): field label not supported: spec.x\n',
    });
  });

  test('describe prints the object the kubectl way', async () => {
    const r = await slant('describe', 'uiresource/hello');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'Name:         hello',
      'Namespace:    ',
      'Labels:       front=front',
    ]);
    expect(r.stdout).toMatch(/\n {4}Status: {16}True\n {4}Type: {18}Ready\n/);
  });

  test('logs: a resource, a source, the tail as JSON lines', async () => {
    await until('hello serving', 30_000, async () =>
      (await slant('logs', 'hello')).stdout.includes('hello-serve'),
    );
    const world = await slant('logs', 'world');
    expect(world.stdout).toContain('\nworld-build\n');
    expect(world.stdout).not.toContain('│');
    const runtime = await slant('logs', '--source', 'runtime', 'hello');
    expect(runtime.stdout).toContain('hello-serve\n');
    expect(runtime.stdout).not.toContain('Initial Build');
    const builds = await slant('logs', '--source', 'build');
    expect(builds.stdout).toContain('        hello │ Initial Build\n');
    expect(builds.stdout).toContain('        world │ Initial Build\n');
    expect(builds.stdout).not.toContain('hello-serve');
    const tail = await slant('logs', 'world', '--tail', '2', '--json');
    const lines = tail.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ resource: 'world', source: 'build', level: 'info' });
  });

  test('trigger queues an update that runs; an unknown name lists the close matches', async () => {
    const before = (await uiResource('world')).status?.buildHistory?.length ?? 0;
    expect(await slant('trigger', 'world')).toEqual({
      code: 0,
      stdout: 'Successfully triggered update for resource: "world"\n',
      stderr: '',
    });
    await until('a second world build', 30_000, async () => {
      const n = (await uiResource('world')).status?.buildHistory?.length ?? 0;
      return n > before;
    });
    expect(await slant('trigger', 'wrld')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'no such resource "wrld"\n\nDid you mean: "world"?\n',
    });
    expect((await slant('logs', 'helo')).stderr).toBe(
      'no such resource "helo"\n\nDid you mean: "hello"?\n',
    );
  });

  test('logs -f streams lines written after it started', async () => {
    const follow = new SlantProcess(['logs', '-f', 'world'], {
      cwd: dir,
      env: { SLANT_HOME: home, TILT_PORT: String(port) },
    });
    try {
      await follow.waitForOutput(/world-build/, 30_000);
      const from = follow.output.length;
      await slant('trigger', 'world');
      await follow.waitForOutput(/world-build/, 30_000, from);
    } finally {
      await follow.stop('SIGINT');
    }
  });

  test('disable / enable switch a resource through its disable ConfigMap', async () => {
    expect(await slant('disable', 'hello')).toEqual({ code: 0, stdout: '', stderr: '' });
    await until('hello disabled', 30_000, async () => {
      const ui = await uiResource('hello');
      const ready = ui.status?.conditions?.find((c) => c.type === 'Ready');
      return ui.status?.disableStatus?.state === 'Disabled' && ready?.reason === 'Disabled';
    });
    const timeout = await slant(
      'wait',
      '--for=condition=Ready',
      'uiresource/hello',
      '--timeout=1s',
    );
    expect(timeout).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: timed out waiting for the condition on uiresources/hello\n',
    });
    expect((await slant('trigger', 'hello')).stderr).toBe(
      'resource "hello" is currently disabled\n',
    );
    expect((await slant('enable', '--all')).code).toBe(0);
    await slant('wait', '--for=condition=Ready', 'uiresource/hello');
    expect((await slant('enable')).stderr).toBe('must specify at least one resource\n');
    expect((await slant('disable', '--all', 'x')).stderr).toBe(
      'cannot use --all with resource names\n',
    );
  });

  test('args changes the Tiltfile args of the session: only the named resources run', async () => {
    expect(await slant('args', 'world')).toEqual({
      code: 0,
      stdout: '',
      stderr: `Changed config args for Slant running at localhost:${port} to [world]\n`,
    });
    await until('hello disabled by the args', 30_000, async () => {
      return (await uiResource('hello')).status?.disableStatus?.state === 'Disabled';
    });
    expect((await slant('args', 'world')).stderr).toBe(
      'Slant is already running with those args -- no action taken\n',
    );
    // Without args, `slant args` opens the current args in $EDITOR and applies what is saved.
    const editor = join(dir, 'editor.sh');
    await writeFile(editor, '#!/bin/sh\nprintf "# edited\\nhello\\n" > "$1"\n', { mode: 0o755 });
    const edited = await runCli(['args'], {
      cwd: dir,
      env: { SLANT_HOME: home, TILT_PORT: String(port), EDITOR: editor },
    });
    expect(edited.stderr).toBe(
      `Changed config args for Slant running at localhost:${port} to [hello]\n`,
    );
    await until('world disabled by the edited args', 30_000, async () => {
      return (await uiResource('world')).status?.disableStatus?.state === 'Disabled';
    });
    expect((await slant('args', '--clear')).code).toBe(0);
    await until('world enabled again', 30_000, async () => {
      return (await uiResource('world')).status?.disableStatus?.state === 'Enabled';
    });
    await until('hello enabled again', 30_000, async () => {
      return (await uiResource('hello')).status?.disableStatus?.state === 'Enabled';
    });
  });

  test('get -w prints an object again when it changes', async () => {
    const watch = new SlantProcess(['get', 'configmap', 'hello-disable', '-w', '-o', 'name'], {
      cwd: dir,
      env: { SLANT_HOME: home, TILT_PORT: String(port) },
    });
    try {
      await watch.waitForOutput(/configmap\.tilt\.dev\/hello-disable\n/, 30_000);
      const from = watch.output.length;
      await slant('disable', 'hello');
      await watch.waitForOutput(/configmap\.tilt\.dev\/hello-disable\n/, 30_000, from);
    } finally {
      await watch.stop('SIGINT');
      await slant('enable', 'hello');
    }
  });

  test('snapshot create writes the view and the logs for the offline viewer', async () => {
    const file = join(dir, 'snapshot.json');
    expect(await slant('snapshot', 'create', file)).toEqual({ code: 0, stdout: '', stderr: '' });
    const snap = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
    expect(snap.view?.uiResources?.map((u) => u.metadata.name).sort()).toEqual([
      '(Tiltfile)',
      'hello',
      'world',
    ]);
    const texts = snap.view?.logList?.segments?.map((s) => s.text) ?? [];
    expect(texts).toContain('hello-build\n');
    const spanOf = snap.view?.logList?.segments?.find((s) => s.text === 'hello-build\n')?.spanId;
    expect(snap.view?.logList?.spans?.[spanOf ?? '']?.manifestName).toBe('hello');
  });

  test('patch and delete an object; api-resources; dump engine; version', async () => {
    expect(
      (await slant('patch', 'configmap', 'hello-disable', '-p', '{"data":{"note":"x"}}')).stdout,
    ).toBe('configmap.tilt.dev/hello-disable patched\n');
    expect(
      (await slant('patch', 'configmap', 'hello-disable', '-p', '{"data":{"note":"x"}}')).stdout,
    ).toBe('configmap.tilt.dev/hello-disable patched (no change)\n');
    const ops = '[{"op":"replace","path":"/data/note","value":"y"}]';
    await writeFile(join(dir, 'ops.json'), ops);
    expect(
      await slant('patch', 'configmap/hello-disable', '--type', 'json', '--patch-file', 'ops.json'),
    ).toEqual({ code: 0, stdout: 'configmap.tilt.dev/hello-disable patched\n', stderr: '' });
    expect(
      await slant(
        'patch',
        'configmap',
        'hello-disable',
        '--type=json',
        '-p',
        ops.replace('replace', 'test').replace('"y"', '"z"'),
      ),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error from server (Invalid): the server rejected our request due to an error in our request: testing value "/data/note" failed: test failed\n',
    });
    expect((await slant('delete', 'configmap', 'tilt-trigger-queue')).stdout).toBe(
      'configmap.tilt.dev "tilt-trigger-queue" deleted\n',
    );
    const resources = await slant('api-resources');
    expect(resources.stdout.split('\n')[0]).toBe(
      'NAME                      SHORTNAMES   APIVERSION          NAMESPACED   KIND',
    );
    expect(resources.stdout).toContain(
      '\nuiresources                            tilt.dev/v1alpha1   false        UIResource\n',
    );
    const dump = JSON.parse((await slant('dump', 'engine')).stdout) as Record<string, unknown[]>;
    expect(Object.keys(dump)).toEqual(expect.arrayContaining(['Tiltfile', 'UIResource', 'Cmd']));
    expect((await slant('version')).stdout).toBe('v0.1.0, built from source\n');
  });
});
