import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createBuildContextFilter } from '../ignore/filter.ts';
import { tarBuildContext } from './build-context.ts';
import { connectionOptions } from './client-node.ts';
import { readJsonMessages } from './modem.ts';

interface TarEntry {
  name: string;
  type: string;
  body: string;
  uid: number;
  linkname: string | null;
}

async function entries(stream: Readable): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (h, s, next) => {
      const chunks: Buffer[] = [];
      s.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      s.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        out.push({
          name: h.name,
          type: h.type ?? '',
          body,
          uid: h.uid ?? -1,
          linkname: h.linkname ?? null,
        });
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  stream.pipe(extract);
  await done;
  return out;
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-ctx-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tarBuildContext', () => {
  test('walks the context in lexical order, leaves out ignored paths and writes the Dockerfile last', async () => {
    await mkdir(join(dir, 'src'));
    await mkdir(join(dir, 'node_modules/x'), { recursive: true });
    await writeFile(join(dir, 'src/b.txt'), 'b');
    await writeFile(join(dir, 'src/a.txt'), 'a');
    await writeFile(join(dir, 'secret.env'), 'x');
    await writeFile(join(dir, 'node_modules/x/i.js'), 'i');
    await writeFile(join(dir, 'Dockerfile'), 'FROM old');
    await symlink('src/a.txt', join(dir, 'link'));
    const filter = createBuildContextFilter([
      { basePath: dir, patterns: ['secret.env'] },
      { basePath: join(dir, 'node_modules') },
    ]);
    const got = await entries(
      tarBuildContext({ dir, dockerfileContents: 'FROM new\n', filter, now: new Date(0) }),
    );
    expect(got.map((e) => `${e.type} ${e.name}`)).toEqual([
      'directory .',
      'file Dockerfile',
      'symlink link',
      'directory src',
      'file src/a.txt',
      'file src/b.txt',
      'file Dockerfile',
    ]);
    expect(got.at(-1)?.body).toBe('FROM new\n');
    expect(got.find((e) => e.name === 'link')?.linkname).toBe('src/a.txt');
    expect(new Set(got.map((e) => e.uid))).toEqual(new Set([0]));
  });

  test('a missing context directory gives a tar of only the Dockerfile', async () => {
    const got = await entries(
      tarBuildContext({
        dir: join(dir, 'missing'),
        dockerfileContents: 'FROM x',
        filter: createBuildContextFilter([]),
        now: new Date(0),
      }),
    );
    expect(got.map((e) => e.name)).toEqual(['Dockerfile']);
  });

  test('reports the running byte count', async () => {
    await writeFile(join(dir, 'f'), 'x'.repeat(3000));
    const counts: number[] = [];
    const stream = tarBuildContext({
      dir,
      dockerfileContents: 'FROM x',
      filter: createBuildContextFilter([]),
      now: new Date(0),
      onBytes: (n) => counts.push(n),
    });
    await entries(stream);
    // Header blocks, 3000 bytes padded to 3072, the Dockerfile, and two zero end blocks.
    expect(counts.at(-1)).toBe(512 + 512 + 3072 + 512 + 512 + 1024);
  });
});

describe('readJsonMessages', () => {
  test('splits newline-delimited messages across chunks', async () => {
    const seen: string[] = [];
    const stream = Readable.from([
      '{"stream":"Step 1/2 : FROM x\\n"}\r\n{"str',
      'eam":" ---> abc\\n"}\r\n',
    ]);
    await readJsonMessages(stream, (m) => seen.push(m.stream ?? ''));
    expect(seen).toEqual(['Step 1/2 : FROM x\n', ' ---> abc\n']);
  });

  test('throws the error of an error message', async () => {
    const stream = Readable.from([
      '{"stream":"Step 2/2 : RUN exit 3\\n"}\n',
      '{"errorDetail":{"code":3,"message":"The command \'/bin/sh -c exit 3\' returned a non-zero code: 3"},"error":"The command \'/bin/sh -c exit 3\' returned a non-zero code: 3"}\n',
    ]);
    await expect(readJsonMessages(stream, () => {})).rejects.toThrow(
      "The command '/bin/sh -c exit 3' returned a non-zero code: 3",
    );
  });
});

describe('connectionOptions', () => {
  test('reads DOCKER_HOST forms', () => {
    expect(connectionOptions(undefined)).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(connectionOptions('unix:///tmp/d.sock')).toEqual({ socketPath: '/tmp/d.sock' });
    expect(connectionOptions('tcp://10.0.0.1:2375')).toEqual({
      protocol: 'http',
      host: '10.0.0.1',
      port: 2375,
    });
    expect(() => connectionOptions('ssh://me@host')).toThrow(
      'unsupported Docker host "ssh://me@host"',
    );
  });
});
