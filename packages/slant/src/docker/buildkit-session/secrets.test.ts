import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_SECRET_SIZE, secretStore } from './secrets.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-secrets-'));
  await writeFile(join(dir, 'token.txt'), 's3cret');
  await writeFile(join(dir, 'big'), Buffer.alloc(MAX_SECRET_SIZE + 1));
  await writeFile(join(dir, 'bare'), 'a file named as its id');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const text = async (b: Promise<Buffer | undefined>) => (await b)?.toString();

describe("docker_build's secrets", () => {
  test('reads files (relative to the working directory) and variables, by id', async () => {
    const env = { TOKEN: 'from env', bare: undefined };
    const store = secretStore(
      [
        'id=file,src=token.txt',
        'id=e,env=TOKEN',
        'type=env,id=t2,src=TOKEN',
        'id=TOKEN',
        'id=bare',
      ],
      dir,
      env,
    );
    expect(await text(store.get('file'))).toBe('s3cret');
    expect(await text(store.get('e'))).toBe('from env');
    expect(await text(store.get('t2'))).toBe('from env');
    // Without src or env: a variable of that name if one is set, else a file.
    expect(await text(store.get('TOKEN'))).toBe('from env');
    expect(await text(store.get('bare'))).toBe('a file named as its id');
    expect(await store.get('unknown')).toBeUndefined();
  });

  test('quoted CSV fields may hold commas', async () => {
    await writeFile(join(dir, 'a,b'), 'comma');
    const store = secretStore(['id=c,"src=a,b"'], dir, {});
    expect(await text(store.get('c'))).toBe('comma');
  });

  test.each([
    ['src=token.txt', 'could not parse secret: [src=token.txt]: secret missing ID'],
    [
      'id=x,nope',
      "could not parse secret: [id=x,nope]: invalid field 'nope' must be a key=value pair",
    ],
    ['id=x,type=ssh', 'could not parse secret: [id=x,type=ssh]: unsupported secret type "ssh"'],
    [
      'id=x,mode=0400',
      "could not parse secret: [id=x,mode=0400]: unexpected key 'mode' in 'mode=0400'",
    ],
    [
      'id=x,src=missing.txt',
      'could not parse secret: [id=x,src=missing.txt]: failed to stat missing.txt: stat missing.txt: no such file or directory',
    ],
    ['id=x,src=big', 'could not parse secret: [id=x,src=big]: secret x too big. max size 500KB'],
  ])('%s is refused with Tilt’s words', (spec, error) => {
    expect(() => secretStore([spec], dir, {})).toThrow(error);
  });
});
