// The writing client commands against a real `slant up`: `apply -f`, `create -f`, Tilt's
// `create cmd|filewatch|repo|ext` and `edit` (with $EDITOR a script), through the real CLI.
// Objects they write are run by the session's reconcilers: a Cmd really starts.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cmd, FileWatch } from '@slant/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LocalSession, startLocalSession } from './session.ts';
import { type SlantApi, until } from '../three-service/slant-cli.ts';
import { type CliResult, runCli } from './run-cli.ts';
import { alive } from '../local-resource/session.ts';

let dir = '';
let home = '';
let port = 0;
let api: SlantApi;

function slant(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<CliResult> {
  return runCli(args, {
    cwd: dir,
    env: { SLANT_HOME: home, TILT_PORT: String(port), TILT_EDITOR: '', KUBE_EDITOR: '', ...env },
    ...(input === undefined ? {} : { input }),
  });
}

/** A Cmd that writes a marker file, then keeps running. */
function cmdYaml(name: string, marker: string): string {
  return `apiVersion: tilt.dev/v1alpha1
kind: Cmd
metadata:
  name: ${name}
spec:
  args: ["sh", "-c", "echo ${marker} > ${name}.out; exec sleep 600"]
  dir: ${dir}
`;
}

async function runningPid(name: string, other?: number): Promise<number> {
  let pid = 0;
  await until(`${name} running${other === undefined ? '' : ' again'}`, 30_000, async () => {
    const cmd = await api.get<Cmd>('cmds', name);
    pid = cmd?.status?.running?.pid ?? 0;
    return pid !== 0 && pid !== other;
  });
  return pid;
}

async function marker(name: string, text: string): Promise<void> {
  await until(`${name}.out says ${text}`, 30_000, async () => {
    return (await readFile(join(dir, `${name}.out`), 'utf8').catch(() => '')) === `${text}\n`;
  });
}

let session: LocalSession | undefined;

beforeAll(async () => {
  session = await startLocalSession('slant-write-');
  ({ dir, home, port, api } = session);
});

afterAll(async () => {
  await session?.stop();
});

describe('writing client commands against a running slant up', () => {
  test('apply creates a Cmd that runs; a changed file is configured (restart), then unchanged', async () => {
    const file = join(dir, 'applied.yaml');
    await writeFile(file, cmdYaml('applied', 'v1'));
    expect(await slant(['apply', '-f', file])).toEqual({
      code: 0,
      stdout: 'cmd.tilt.dev/applied created\n',
      stderr: '',
    });
    const first = await runningPid('applied');
    await marker('applied', 'v1');

    await writeFile(file, cmdYaml('applied', 'v2'));
    expect(await slant(['apply', '-f', file])).toEqual({
      code: 0,
      stdout: 'cmd.tilt.dev/applied configured\n',
      stderr: '',
    });
    await runningPid('applied', first);
    await marker('applied', 'v2');
    expect(await slant(['apply', '-f', file, '-o', 'name'])).toEqual({
      code: 0,
      stdout: 'cmd.tilt.dev/applied\n',
      stderr: '',
    });
    expect((await slant(['apply', '-f', file])).stdout).toBe('cmd.tilt.dev/applied unchanged\n');
  });

  test('delete -f removes what the file declares: the Cmd stops; again, it is NotFound', async () => {
    const file = join(dir, 'doomed.yaml');
    await writeFile(file, cmdYaml('doomed', 'alive'));
    // Applied from stdin, deleted from the file.
    expect(await slant(['apply', '-f', '-'], {}, cmdYaml('doomed', 'alive'))).toEqual({
      code: 0,
      stdout: 'cmd.tilt.dev/doomed created\n',
      stderr: '',
    });
    const pid = await runningPid('doomed');
    expect(await slant(['delete', '-f', file])).toEqual({
      code: 0,
      stdout: 'cmd.tilt.dev "doomed" deleted\n',
      stderr: '',
    });
    await until('the process gone', 30_000, async () => !alive(pid));
    expect(await slant(['delete', '-f', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (NotFound): error when deleting "${file}": cmds.tilt.dev "doomed" not found\n`,
    });
    expect((await slant(['delete', '-f', file, '--ignore-not-found'])).code).toBe(0);
    expect(await slant(['delete', '-f', file, 'cmd'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    });
  });

  test("apply and create errors read as kubectl's, exit 1", async () => {
    expect(await slant(['apply'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: must specify one of -f and -k\n',
    });
    const foo = join(dir, 'foo.yaml');
    await writeFile(foo, 'apiVersion: tilt.dev/v1alpha1\nkind: Foo\nmetadata:\n  name: x\n');
    expect(await slant(['apply', '-f', foo])).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: resource mapping not found for name: "x" namespace: "" from "${foo}": no matches for kind "Foo" in version "tilt.dev/v1alpha1"\nensure CRDs are installed first\n`,
    });
    const again = join(dir, 'again.yaml');
    await writeFile(again, cmdYaml('again', 'once'));
    expect((await slant(['create', '-f', again])).stdout).toBe('cmd.tilt.dev/again created\n');
    expect(await slant(['create', '-f', again])).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error from server (AlreadyExists): error when creating "${again}": cmds.tilt.dev "again" already exists\n`,
    });
  });

  test('create cmd runs a command in the caller directory; create fw/repo/ext make objects', async () => {
    expect(
      await slant(['create', 'cmd', '-e', 'WHO=me', 'made', 'sh', '-c', 'echo "$WHO" > made.out']),
    ).toEqual({ code: 0, stdout: 'cmd.tilt.dev/made created\n', stderr: '' });
    await marker('made', 'me');
    const made = await api.get<Cmd>('cmds', 'made');
    expect(made?.spec).toEqual({
      args: ['sh', '-c', 'echo "$WHO" > made.out'],
      dir,
      env: ['WHO=me'],
      restartOn: {},
    });
    expect((await slant(['create', 'fw', 'src-watch', 'src', '--ignore=src/tmp'])).stdout).toBe(
      'filewatch.tilt.dev/src-watch created\n',
    );
    expect((await api.get<FileWatch>('filewatches', 'src-watch'))?.spec).toEqual({
      watchedPaths: [join(dir, 'src')],
      ignores: [{ basePath: dir, patterns: ['src/tmp'] }],
    });
    expect((await slant(['create', 'repo', 'team', `file://${dir}`])).stdout).toBe(
      'extensionrepo.tilt.dev/team created\n',
    );
    expect(
      (await slant(['create', 'ext', 'tool', '--repo', 'team', '--', 'a', '--b'])).stdout,
    ).toBe('extension.tilt.dev/tool created\n');
    expect(await slant(['create', 'cmd', 'made', 'true'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: cmds.tilt.dev "made" already exists\n',
    });
  });

  test('edit saves what $EDITOR changed (the Cmd restarts); an unchanged file cancels', async () => {
    const file = join(dir, 'edited.yaml');
    await writeFile(file, cmdYaml('edited', 'before'));
    await slant(['apply', '-f', file]);
    const first = await runningPid('edited');
    const editor = join(dir, 'editor.sh');
    await writeFile(editor, '#!/bin/sh\nsed -i "s/echo before/echo after/" "$1"\n', {
      mode: 0o755,
    });
    expect(await slant(['edit', 'cmd', 'edited'], { EDITOR: editor })).toEqual({
      code: 0,
      stdout: 'cmd.tilt.dev/edited edited\n',
      stderr: '',
    });
    await runningPid('edited', first);
    await marker('edited', 'after');
    expect(await slant(['edit', 'cmd/edited'], { EDITOR: 'true' })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Edit cancelled, no changes made.\n',
    });
    expect(await slant(['edit', 'cmd', 'edited'], { EDITOR: 'false' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: there was a problem with the editor "false"\n',
    });
  });
});
