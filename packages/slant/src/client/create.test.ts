import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCreateFromFiles } from './apply.ts';
import {
  cmdObject,
  createObject,
  extensionObject,
  extensionRepoObject,
  fileWatchObject,
} from './create.ts';
import { startTestSession, type TestSession } from './testing.ts';
import { LAST_APPLIED } from './write-output.ts';

let session: TestSession | undefined;
let dir = '';
afterEach(async () => {
  await session?.server.close();
  session = undefined;
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

const SLEEP = `apiVersion: tilt.dev/v1alpha1
kind: Cmd
metadata:
  name: my-sleep
  resourceVersion: "42"
spec:
  args: ["sleep", "1"]
`;

function io() {
  const captured = { out: '', err: '' };
  return {
    captured,
    write: (t: string) => {
      captured.out += t;
    },
    writeErr: (t: string) => {
      captured.err += t;
    },
  };
}

async function createFiles(text: string, opts: { saveConfig?: boolean; output?: 'name' } = {}) {
  session ??= await startTestSession();
  dir ||= mkdtempSync(join(tmpdir(), 'slant-create-'));
  const path = join(dir, 'f.yaml');
  writeFileSync(path, text);
  const { captured, ...streams } = io();
  const code = await runCreateFromFiles(session.client, {
    filenames: [path],
    output: opts.output ?? '',
    dryRun: false,
    saveConfig: opts.saveConfig ?? false,
    readStdin: async () => '',
    ...streams,
  });
  return { code, ...captured, path };
}

describe('runCreateFromFiles', () => {
  it("creates the file's objects (a resourceVersion in the file is dropped), no annotation", async () => {
    const r = await createFiles(SLEEP);
    expect(r).toMatchObject({ code: 0, out: 'cmd.tilt.dev/my-sleep created\n', err: '' });
    const cmd = session?.store.get('Cmd', 'my-sleep');
    expect(cmd?.spec.args).toEqual(['sleep', '1']);
    expect(cmd?.metadata.annotations).toBeUndefined();
  });

  it("reports AlreadyExists with kubectl's text and exit 1", async () => {
    await createFiles(SLEEP);
    const r = await createFiles(SLEEP);
    expect([r.code, r.out, r.err]).toEqual([
      1,
      '',
      `Error from server (AlreadyExists): error when creating "${r.path}": cmds.tilt.dev "my-sleep" already exists\n`,
    ]);
  });

  it('--save-config writes the last-applied annotation, for a later apply', async () => {
    await createFiles(SLEEP.replace('  resourceVersion: "42"\n', ''), { saveConfig: true });
    expect(session?.store.get('Cmd', 'my-sleep')?.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"tilt.dev/v1alpha1","kind":"Cmd","metadata":{"annotations":{},"name":"my-sleep"},"spec":{"args":["sleep","1"]}}\n',
    );
  });

  it('says so when the file holds no object', async () => {
    expect((await createFiles('# nothing\n')).err).toBe('error: no objects passed to create\n');
  });
});

describe('the create subcommands', () => {
  async function create(obj: Parameters<typeof createObject>[1], output: '' | 'name' = '') {
    session ??= await startTestSession();
    const { captured, ...streams } = io();
    const code = await createObject(session.client, obj, { output, ...streams });
    return { code, ...captured };
  }

  it('create cmd: args, the working directory made absolute, env in order', async () => {
    const obj = cmdObject('my-cmd', ['echo', 'hello', 'world'], {
      cwd: '/home/me/src',
      workdir: 'app',
      env: ['COLOR=1', 'USER=nick'],
      fileWatches: [],
    });
    expect(await create(obj)).toEqual({ code: 0, out: 'cmd.tilt.dev/my-cmd created\n', err: '' });
    expect(session?.store.get('Cmd', 'my-cmd')?.spec).toEqual({
      args: ['echo', 'hello', 'world'],
      dir: '/home/me/src/app',
      env: ['COLOR=1', 'USER=nick'],
      restartOn: {},
    });
    const watched = cmdObject('w', ['make'], {
      cwd: '/src',
      workdir: '',
      env: [],
      fileWatches: ['src', 'web'],
    });
    expect(watched.spec).toEqual({
      args: ['make'],
      dir: '/src',
      restartOn: { fileWatches: ['src', 'web'] },
    });
  });

  it('create filewatch: paths made absolute, ignores based at the cwd', async () => {
    const obj = fileWatchObject('my-watch', ['src', '/abs/web'], {
      cwd: '/home/me',
      ignores: ['web/node_modules'],
    });
    expect(await create(obj, 'name')).toEqual({
      code: 0,
      out: 'filewatch.tilt.dev/my-watch\n',
      err: '',
    });
    expect(session?.store.get('FileWatch', 'my-watch')?.spec).toEqual({
      watchedPaths: ['/home/me/src', '/abs/web'],
      ignores: [{ basePath: '/home/me', patterns: ['web/node_modules'] }],
    });
    expect(fileWatchObject('n', ['src'], { cwd: '/c', ignores: [] }).spec).toEqual({
      watchedPaths: ['/c/src'],
    });
  });

  it('create repo and create ext: the path defaults to the name', async () => {
    const url = 'https://github.com/tilt-dev/tilt-extensions';
    expect((await create(extensionRepoObject('default', url, 'FAKE_SHA'))).out).toBe(
      'extensionrepo.tilt.dev/default created\n',
    );
    expect(session?.store.get('ExtensionRepo', 'default')?.spec).toEqual({ url, ref: 'FAKE_SHA' });
    const ext = extensionObject('cancel', {
      repo: 'my-repo',
      path: 'my-path',
      args: ['foo', '--namespace=bar'],
    });
    expect((await create(ext)).out).toBe('extension.tilt.dev/cancel created\n');
    expect(session?.store.get('Extension', 'cancel')?.spec).toEqual({
      repoName: 'my-repo',
      repoPath: 'my-path',
      args: ['foo', '--namespace=bar'],
    });
    expect(extensionObject('cancel', { repo: 'default', path: '', args: [] }).spec).toEqual({
      repoName: 'default',
      repoPath: 'cancel',
    });
  });

  it("prints a refusal as Tilt prints these commands' errors", async () => {
    const obj = cmdObject('dup', ['true'], { cwd: '/', workdir: '', env: [], fileWatches: [] });
    await create(obj);
    expect(await create(obj)).toEqual({
      code: 1,
      out: '',
      err: 'Error: cmds.tilt.dev "dup" already exists\n',
    });
  });
});
