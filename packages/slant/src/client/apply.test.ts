import type { Cmd } from '@slant/api';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runApply } from './apply.ts';
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

function file(name: string, text: string): string {
  if (dir === '') dir = mkdtempSync(join(tmpdir(), 'slant-apply-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SLEEP = `apiVersion: tilt.dev/v1alpha1
kind: Cmd
metadata:
  name: my-sleep
spec:
  args: ["sleep", "1"]
  env: ["A=1"]
`;

async function apply(
  filenames: string[],
  opts: { stdin?: string; output?: '' | 'name' | 'json' | 'yaml'; dryRun?: boolean } = {},
) {
  session ??= await startTestSession();
  let out = '';
  let err = '';
  const code = await runApply(session.client, {
    filenames,
    output: opts.output ?? '',
    dryRun: opts.dryRun ?? false,
    readStdin: async () => opts.stdin ?? '',
    write: (t) => {
      out += t;
    },
    writeErr: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

function cmd(name = 'my-sleep'): Cmd | undefined {
  return session?.store.get('Cmd', name);
}

describe('runApply', () => {
  it('creates an absent object with the last-applied annotation kubectl writes', async () => {
    expect(await apply([file('sleep.yaml', SLEEP)])).toEqual({
      code: 0,
      out: 'cmd.tilt.dev/my-sleep created\n',
      err: '',
    });
    expect(cmd()?.spec).toEqual({ args: ['sleep', '1'], env: ['A=1'] });
    expect(cmd()?.metadata.annotations).toEqual({
      [LAST_APPLIED]:
        '{"apiVersion":"tilt.dev/v1alpha1","kind":"Cmd","metadata":{"annotations":{},"name":"my-sleep"},"spec":{"args":["sleep","1"],"env":["A=1"]}}\n',
    });
  });

  it('is unchanged when applied again, configured when the file changed', async () => {
    const path = file('sleep.yaml', SLEEP);
    await apply([path]);
    const version = cmd()?.metadata.resourceVersion;
    expect(await apply([path])).toEqual({
      code: 0,
      out: 'cmd.tilt.dev/my-sleep unchanged\n',
      err: '',
    });
    expect(cmd()?.metadata.resourceVersion).toBe(version);
    file('sleep.yaml', SLEEP.replace('"1"]', '"2"]'));
    expect(await apply([path])).toEqual({
      code: 0,
      out: 'cmd.tilt.dev/my-sleep configured\n',
      err: '',
    });
    expect(cmd()?.spec.args).toEqual(['sleep', '2']);
    expect(cmd()?.metadata.annotations?.[LAST_APPLIED]).toContain('"args":["sleep","2"]');
  });

  it('deletes a field the file no longer has, keeping fields set by others', async () => {
    const path = file('sleep.yaml', SLEEP);
    await apply([path]);
    await session!.client.patch('Cmd', 'my-sleep', { metadata: { labels: { owner: 'someone' } } });
    await session!.client.patch('Cmd', 'my-sleep', { spec: { dir: '/elsewhere' } });
    file('sleep.yaml', SLEEP.replace('  env: ["A=1"]\n', ''));
    expect((await apply([path])).out).toBe('cmd.tilt.dev/my-sleep configured\n');
    expect(cmd()?.spec).toEqual({ args: ['sleep', '1'], dir: '/elsewhere' });
    expect(cmd()?.metadata.labels).toEqual({ owner: 'someone' });
  });

  it('warns, then patches, an object that was not created by apply', async () => {
    session = await startTestSession();
    session.store.create({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'Cmd',
      metadata: { name: 'my-sleep' },
      spec: { args: ['sleep', '5'], env: ['B=2'] },
    } satisfies Cmd);
    expect(await apply([file('sleep.yaml', SLEEP)])).toEqual({
      code: 0,
      out: 'cmd.tilt.dev/my-sleep configured\n',
      err: 'Warning: resource cmds/my-sleep is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by slant apply. slant apply should only be used on resources created declaratively by either slant create --save-config or slant apply. The missing annotation will be patched automatically.\n',
    });
    expect(cmd()?.spec).toEqual({ args: ['sleep', '1'], env: ['A=1'] });
  });

  it('reads stdin for -f -', async () => {
    expect(await apply(['-'], { stdin: SLEEP })).toEqual({
      code: 0,
      out: 'cmd.tilt.dev/my-sleep created\n',
      err: '',
    });
  });

  it("applies a directory's .yaml, .yml and .json files by name, not its other files", async () => {
    file('b.yml', SLEEP.replace('my-sleep', 'b'));
    file(
      'a.json',
      JSON.stringify({
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'Cmd',
        metadata: { name: 'a' },
        spec: { args: ['true'] },
      }),
    );
    file('c.yaml', SLEEP.replace('my-sleep', 'c'));
    file('notes.txt', 'not yaml: [');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'd.yaml'), SLEEP.replace('my-sleep', 'd'));
    expect(await apply([dir])).toEqual({
      code: 0,
      out: 'cmd.tilt.dev/a created\ncmd.tilt.dev/b created\ncmd.tilt.dev/c created\n',
      err: '',
    });
  });

  it('applies every document of a multi-document file and the items of a List', async () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: tilt.dev/v1alpha1
  kind: FileWatch
  metadata: {name: src}
  spec: {watchedPaths: [/src]}
- apiVersion: tilt.dev/v1alpha1
  kind: ConfigMap
  metadata: {name: settings}
  data: {a: "1"}
`;
    expect((await apply([file('all.yaml', `${SLEEP}---\n${list}---\n`)])).out).toBe(
      'cmd.tilt.dev/my-sleep created\nfilewatch.tilt.dev/src created\nconfigmap.tilt.dev/settings created\n',
    );
    expect(session?.store.get('ConfigMap', 'settings')?.data).toEqual({ a: '1' });
  });

  it("reports a kind the server doesn't serve as kubectl does, applying the rest", async () => {
    const path = file(
      'f.yaml',
      `apiVersion: tilt.dev/v1alpha1\nkind: Foo\nmetadata:\n  name: x\n---\n${SLEEP}`,
    );
    expect(await apply([path])).toEqual({
      code: 1,
      out: 'cmd.tilt.dev/my-sleep created\n',
      err: `error: resource mapping not found for name: "x" namespace: "" from "${path}": no matches for kind "Foo" in version "tilt.dev/v1alpha1"\nensure CRDs are installed first\n`,
    });
  });

  it('lists several errors one per line, without the error: prefix', async () => {
    const bad = file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n');
    const broken = file('broken.yaml', 'kind: Cmd\nmetadata: [\n');
    const noKind = file('nokind.yaml', 'apiVersion: tilt.dev/v1alpha1\nmetadata: {name: nk}\n');
    expect(await apply([bad, broken, noKind])).toEqual({
      code: 1,
      out: '',
      err: `resource mapping not found for name: "p" namespace: "" from "${bad}": no matches for kind "Pod" in version "v1"
ensure CRDs are installed first
error parsing ${broken}: error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'
unable to decode "${noKind}": Object 'Kind' is missing in '{"apiVersion":"tilt.dev/v1alpha1","metadata":{"name":"nk"}}'
`,
    });
  });

  it('applies nothing when a path does not exist', async () => {
    const path = file('sleep.yaml', SLEEP);
    expect(await apply([path, join(dir, 'nope.yaml')])).toEqual({
      code: 1,
      out: '',
      err: `error: the path "${join(dir, 'nope.yaml')}" does not exist\n`,
    });
    expect(cmd()).toBeUndefined();
  });

  it('says so when there is nothing to apply', async () => {
    expect(await apply([file('empty.yaml', '---\n')])).toEqual({
      code: 1,
      out: '',
      err: 'error: no objects passed to apply\n',
    });
  });

  it('--dry-run=client prints what it would do and writes nothing', async () => {
    const path = file('sleep.yaml', SLEEP);
    expect((await apply([path], { dryRun: true })).out).toBe(
      'cmd.tilt.dev/my-sleep created (dry run)\n',
    );
    expect(cmd()).toBeUndefined();
    await apply([path]);
    file('sleep.yaml', SLEEP.replace('"1"]', '"2"]'));
    expect((await apply([path], { dryRun: true })).out).toBe(
      'cmd.tilt.dev/my-sleep configured (dry run)\n',
    );
    expect(cmd()?.spec.args).toEqual(['sleep', '1']);
  });

  it('-o name prints names only; -o json prints the applied objects as a List', async () => {
    const path = file('sleep.yaml', `${SLEEP}---\n${SLEEP.replace('my-sleep', 'other')}`);
    expect((await apply([path], { output: 'name' })).out).toBe(
      'cmd.tilt.dev/my-sleep\ncmd.tilt.dev/other\n',
    );
    const printed = JSON.parse((await apply([path], { output: 'json' })).out) as {
      kind: string;
      items: Cmd[];
    };
    expect(printed.kind).toBe('List');
    expect(printed.items.map((c) => c.metadata.name)).toEqual(['my-sleep', 'other']);
  });
});
