import { afterEach, describe, expect, it } from 'vitest';
import { configMap } from '../store/testing.ts';
import { ApiError } from './api-client.ts';
import { runPatch } from './misc.ts';
import { startTestSession, type TestSession } from './testing.ts';

let session: TestSession | undefined;
afterEach(async () => {
  await session?.server.close();
  session = undefined;
});

async function patch(args: string[], p: string, type?: 'json' | 'merge' | 'strategic') {
  session ??= await startTestSession();
  let out = '';
  await runPatch(session.client, args, {
    patch: p,
    ...(type === undefined ? {} : { type }),
    write: (t) => {
      out += t;
    },
    writeErr: () => {},
  });
  return out;
}

describe('runPatch', () => {
  it('merges by default (strategic, as Tilt), JSON or YAML; no change says so', async () => {
    session = await startTestSession();
    session.store.create(configMap('c', { a: '1', b: '2' }));
    expect(await patch(['configmap', 'c'], '{"data":{"a":null,"z":"9"}}')).toBe(
      'configmap.tilt.dev/c patched\n',
    );
    expect(await patch(['configmap/c'], 'data:\n  z: "9"\n', 'merge')).toBe(
      'configmap.tilt.dev/c patched (no change)\n',
    );
    expect(session.store.get('ConfigMap', 'c')?.data).toEqual({ b: '2', z: '9' });
  });

  it('--type json applies the operations in order', async () => {
    session = await startTestSession();
    session.store.create(configMap('c', { a: '1' }));
    const ops = '[{"op":"add","path":"/data/b","value":"2"},{"op":"remove","path":"/data/a"}]';
    expect(await patch(['configmap', 'c'], ops, 'json')).toBe('configmap.tilt.dev/c patched\n');
    expect(session.store.get('ConfigMap', 'c')?.data).toEqual({ b: '2' });
    const failed = patch(['configmap', 'c'], '[{"op":"remove","path":"/data/a"}]', 'json');
    await expect(failed).rejects.toThrow(ApiError);
    await expect(failed).rejects.toThrow(
      'Error from server (Invalid): the server rejected our request due to an error in our request: doc is missing path: "/data/a"',
    );
  });

  it('says which patch text it cannot read', async () => {
    await expect(patch(['configmap', 'c'], 'a: [b')).rejects.toThrow(
      /^error: unable to parse "a: \[b": /,
    );
  });
});
