import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configMap } from '../store/testing.ts';
import { runDeleteFromFiles } from './delete-files.ts';
import { startTestSession, type TestSession } from './testing.ts';

let session: TestSession | undefined;
let dir = '';
afterEach(async () => {
  await session?.server.close();
  session = undefined;
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function file(name: string, text: string): string {
  if (dir === '') dir = mkdtempSync(join(tmpdir(), 'slant-delete-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const TWO = `apiVersion: tilt.dev/v1alpha1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: tilt.dev/v1alpha1
kind: ConfigMap
metadata: {name: b}
`;

async function del(filenames: string[], opts: { stdin?: string; ignoreNotFound?: boolean } = {}) {
  session ??= await startTestSession();
  let out = '';
  let err = '';
  const code = await runDeleteFromFiles(session.client, {
    filenames,
    readStdin: async () => opts.stdin ?? '',
    ignoreNotFound: opts.ignoreNotFound ?? false,
    write: (t) => {
      out += t;
    },
    writeErr: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

describe('delete -f', () => {
  it('deletes every object the file declares, as kubectl prints it', async () => {
    session = await startTestSession();
    session.store.create(configMap('a'));
    session.store.create(configMap('b'));
    session.store.create(configMap('c'));
    expect(await del([file('two.yaml', TWO)])).toEqual({
      code: 0,
      out: 'configmap.tilt.dev "a" deleted\nconfigmap.tilt.dev "b" deleted\n',
      err: '',
    });
    expect(session.store.list('ConfigMap').map((o) => o.metadata.name)).toEqual(['c']);
  });

  it('reports an object already gone with its file, still deleting the others; stdin too', async () => {
    session = await startTestSession();
    session.store.create(configMap('b'));
    expect(await del(['-'], { stdin: TWO })).toEqual({
      code: 1,
      out: 'configmap.tilt.dev "b" deleted\n',
      err: 'Error from server (NotFound): error when deleting "STDIN": configmaps.tilt.dev "a" not found\n',
    });
  });

  it('--ignore-not-found skips what is gone; a missing path stops everything', async () => {
    session = await startTestSession();
    session.store.create(configMap('a'));
    expect(await del([file('two.yaml', TWO)], { ignoreNotFound: true })).toEqual({
      code: 0,
      out: 'configmap.tilt.dev "a" deleted\n',
      err: '',
    });
    const missing = join(dir, 'nope.yaml');
    expect(await del([missing])).toEqual({
      code: 1,
      out: '',
      err: `error: the path "${missing}" does not exist\n`,
    });
  });
});
