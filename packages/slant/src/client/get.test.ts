import { afterEach, describe, expect, it } from 'vitest';
import { configMap } from '../store/testing.ts';
import { runGet } from './get.ts';
import { parseOutputFormat } from './printers.ts';
import { startTestSession, type TestSession, uiResource } from './testing.ts';

let session: TestSession | undefined;
afterEach(async () => {
  await session?.server.close();
  session = undefined;
});

async function get(args: string[], opts: Partial<Parameters<typeof runGet>[2]> = {}) {
  session ??= await startTestSession();
  let out = '';
  let err = '';
  const code = await runGet(session.client, args, {
    output: 'table',
    selector: '',
    watch: false,
    ignoreNotFound: false,
    write: (t) => {
      out += t;
    },
    writeErr: (t) => {
      err += t;
    },
    ...opts,
  });
  return { code, out, err };
}

describe('runGet', () => {
  it('prints the NAME / CREATED AT table of a kind', async () => {
    session = await startTestSession();
    session.store.create(configMap('a-rather-long-name'));
    session.store.create(configMap('b', {}, { labels: { app: 'web' } }));
    expect(await get(['configmaps'])).toEqual({
      code: 0,
      out: 'NAME                 CREATED AT\na-rather-long-name   2024-01-01T00:00:00Z\nb                    2024-01-01T00:00:00Z\n',
      err: '',
    });
    expect((await get(['configmap'], { selector: 'app=web', output: 'name' })).out).toBe(
      'configmap.tilt.dev/b\n',
    );
  });

  it('--no-headers, --show-kind, --show-labels and -L shape the table as kubectl does', async () => {
    session = await startTestSession();
    session.store.create(configMap('a', {}, { labels: { app: 'web', 'tilt.dev/tier': 'front' } }));
    session.store.create(configMap('b'));
    const table = (t: NonNullable<Parameters<typeof runGet>[2]['table']>) =>
      get(['configmaps'], { table: t }).then((r) => r.out);
    expect(await table({ noHeaders: true })).toBe(
      'a         2024-01-01T00:00:00Z\nb         2024-01-01T00:00:00Z\n',
    );
    expect(await table({ showKind: true, showLabels: true })).toBe(
      'NAME                   CREATED AT             LABELS\n' +
        'configmap.tilt.dev/a   2024-01-01T00:00:00Z   app=web,tilt.dev/tier=front\n' +
        'configmap.tilt.dev/b   2024-01-01T00:00:00Z   <none>\n',
    );
    expect(await table({ labelColumns: ['tilt.dev/tier', 'app'] })).toBe(
      'NAME      CREATED AT             TIER      APP\n' +
        'a         2024-01-01T00:00:00Z   front     web\n' +
        'b         2024-01-01T00:00:00Z             \n',
    );
  });

  it('-o jsonpath runs over the List (or the one named object); --sort-by orders it', async () => {
    session = await startTestSession();
    session.store.create(configMap('b', { k: '1' }));
    session.store.create(configMap('a', { k: '2' }));
    const jp = (t: string) => ({ output: parseOutputFormat(`jsonpath=${t}`) });
    expect((await get(['configmaps'], jp('{.items[*].metadata.name}'))).out).toBe('a b');
    const sorted = { ...jp('{.items[*].metadata.name}'), sortBy: '.data.k' };
    expect((await get(['configmaps'], sorted)).out).toBe('b a');
    expect((await get(['configmap', 'a'], jp('{.data.k}'))).out).toBe('2');
    const cols = { output: parseOutputFormat('custom-columns=NAME:.metadata.name,K:.data.k') };
    expect((await get(['configmaps'], { ...cols, sortBy: '{.data.k}' })).out).toBe(
      'NAME      K\nb         1\na         2\n',
    );
  });

  it('prints one object bare and several as a List in JSON and YAML', async () => {
    session = await startTestSession();
    session.store.create(configMap('a', { k: 'v' }));
    const one = JSON.parse((await get(['configmap/a'], { output: 'json' })).out);
    expect(one.kind).toBe('ConfigMap');
    const yaml = (await get(['configmaps'], { output: 'yaml' })).out;
    expect(yaml).toMatch(
      /^apiVersion: v1\nitems:\n- apiVersion: tilt.dev\/v1alpha1\n {2}data:\n {4}k: v\n/,
    );
    expect(yaml).toContain('\n    creationTimestamp: "2024-01-01T00:00:00Z"\n');
    expect(yaml).toContain('\n    resourceVersion: "1"\n');
  });

  it('reports a missing name as kubectl does, exit code 1, and prints the others', async () => {
    session = await startTestSession();
    session.store.create(configMap('a'));
    const r = await get(['configmap', 'a', 'nope'], { output: 'name' });
    expect(r).toEqual({
      code: 1,
      out: 'configmap.tilt.dev/a\n',
      err: 'Error from server (NotFound): configmaps.tilt.dev "nope" not found\n',
    });
    expect((await get(['configmap', 'nope'], { ignoreNotFound: true })).code).toBe(0);
  });

  it('says "No resources found" on stderr for an empty list', async () => {
    expect(await get(['cmds'])).toEqual({ code: 0, out: '', err: 'No resources found\n' });
  });

  it('-w prints changes after the list until the watch ends', async () => {
    session = await startTestSession();
    const s = session;
    s.store.create(configMap('a'));
    const abort = new AbortController();
    let out = '';
    const done = runGet(s.client, ['configmaps'], {
      output: 'name',
      selector: '',
      watch: true,
      ignoreNotFound: false,
      signal: abort.signal,
      write: (t) => {
        out += t;
        if (out.includes('/b')) abort.abort();
      },
      writeErr: () => {},
    });
    await new Promise((r) => setTimeout(r, 100));
    s.store.create(configMap('b'));
    expect(await done).toBe(0);
    expect(out).toBe('configmap.tilt.dev/a\nconfigmap.tilt.dev/b\n');
  });
});

describe('several types', () => {
  it('prints a table per type with qualified names, a blank line between', async () => {
    session = await startTestSession();
    session.store.create(configMap('a'));
    session.store.create(uiResource('web'));
    expect(await get(['configmaps,uiresources,cmds'])).toEqual({
      code: 0,
      out: 'NAME                   CREATED AT\nconfigmap.tilt.dev/a   2024-01-01T00:00:00Z\n\nNAME                      CREATED AT\nuiresource.tilt.dev/web   2024-01-01T00:00:00Z\n',
      err: '',
    });
    expect((await get(['configmap,uiresource'], { output: 'name' })).out).toBe(
      'configmap.tilt.dev/a\nuiresource.tilt.dev/web\n',
    );
    await expect(get(['configmap,uiresource'], { watch: true })).rejects.toThrow(
      'error: you may only specify a single resource type',
    );
  });
});

describe('--watch-only', () => {
  it('prints only the changes, not the objects there before', async () => {
    session = await startTestSession();
    const s = session;
    s.store.create(configMap('a'));
    const abort = new AbortController();
    let out = '';
    const done = runGet(s.client, ['configmaps'], {
      output: 'name',
      selector: '',
      watch: false,
      watchOnly: true,
      ignoreNotFound: false,
      signal: abort.signal,
      write: (t) => {
        out += t;
        abort.abort();
      },
      writeErr: () => {},
    });
    await new Promise((r) => setTimeout(r, 100));
    s.store.create(configMap('b'));
    await done;
    expect(out).toBe('configmap.tilt.dev/b\n');
  });
});

describe('JSON output', () => {
  it("escapes <, > and & as Go's encoder does, and stays valid JSON", async () => {
    session = await startTestSession();
    session.store.create(configMap('a', { cmd: 'echo x >&2 <in' }));
    const out = (await get(['configmap/a'], { output: 'json' })).out;
    expect(out).toContain('"cmd": "echo x \\u003e\\u00262 \\u003cin"');
    expect(JSON.parse(out).data.cmd).toBe('echo x >&2 <in');
  });
});
