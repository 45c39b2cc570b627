import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createBuildContextFilter } from '../../ignore/filter.ts';
import { contextDir, dockerfileDir, type SyncRequest } from './sync-dir.ts';
import { GoMode } from './wire.ts';

let dir = '';
const ALL: SyncRequest = { includePatterns: [], excludePatterns: [], followPaths: [] };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-sync-dir-'));
  await mkdir(join(dir, 'a', 'b'), { recursive: true });
  await mkdir(join(dir, 'node_modules', 'x'), { recursive: true });
  await writeFile(join(dir, 'a', 'b', 'deep.txt'), 'deep');
  await writeFile(join(dir, 'a', 'top.txt'), 'top');
  await writeFile(join(dir, 'a-b.txt'), 'dash');
  await writeFile(join(dir, 'Z.txt'), 'upper');
  await writeFile(join(dir, 'node_modules', 'x', 'index.js'), 'x');
  await writeFile(join(dir, 'secret.env'), 'secret');
  await symlink('a/top.txt', join(dir, 'link.txt'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function paths(req: SyncRequest, patterns: string[] = []): Promise<string[]> {
  const filter = createBuildContextFilter(patterns.length > 0 ? [{ basePath: dir, patterns }] : []);
  return (await contextDir(dir, filter).entries(req)).map((e) => e.stat.path);
}

describe('the context directory offered to BuildKit', () => {
  test('walks depth first, names in byte order, a directory before its contents', async () => {
    expect(await paths(ALL)).toEqual([
      'Z.txt',
      'a',
      'a/b',
      'a/b/deep.txt',
      'a/top.txt',
      'a-b.txt',
      'link.txt',
      'node_modules',
      'node_modules/x',
      'node_modules/x/index.js',
      'secret.env',
    ]);
  });

  test("sends Go file modes, no owners, and a symlink's target", async () => {
    const entries = await contextDir(dir, createBuildContextFilter([])).entries(ALL);
    const byPath = new Map(entries.map((e) => [e.stat.path, e]));
    const a = byPath.get('a')!.stat;
    expect((a.mode & GoMode.dir) >>> 0).toBe(GoMode.dir);
    expect(byPath.get('a')!.read).toBeUndefined();
    const link = byPath.get('link.txt')!.stat;
    expect(link.mode & GoMode.symlink).toBe(GoMode.symlink);
    expect(link.linkname).toBe('a/top.txt');
    const top = byPath.get('a/top.txt')!;
    expect(top.stat).toMatchObject({ uid: 0, gid: 0, size: 3 });
    expect(top.stat.mode & ~0o777).toBe(0);
    expect(top.stat.modTime).toBeGreaterThan(1e18);
    const chunks: Buffer[] = [];
    for await (const c of top.read!()) chunks.push(c);
    expect(Buffer.concat(chunks).toString()).toBe('top');
  });

  test("leaves out what Tilt's ignore rules leave out, and whole ignored directories", async () => {
    expect(await paths(ALL, ['node_modules', '*.env', 'a/b/deep.txt'])).toEqual([
      'Z.txt',
      'a',
      'a/b',
      'a/top.txt',
      'a-b.txt',
      'link.txt',
    ]);
  });

  test('include patterns and follow paths narrow the walk; parents of what is kept come too', async () => {
    const req = { ...ALL, includePatterns: ['a/b/*.txt'], followPaths: ['secret.env'] };
    expect(await paths(req)).toEqual(['a', 'a/b', 'a/b/deep.txt', 'secret.env']);
  });

  test('a followed symlink brings its target', async () => {
    expect(await paths({ ...ALL, followPaths: ['link.txt'] })).toEqual([
      'a',
      'a/top.txt',
      'link.txt',
    ]);
  });

  test('exclude patterns apply with their exceptions', async () => {
    const req = { ...ALL, excludePatterns: ['a', '!a/b/deep.txt', 'node_modules', '*.txt'] };
    expect(await paths(req)).toEqual(['a', 'a/b', 'a/b/deep.txt', 'secret.env']);
  });

  test('a context directory that does not exist is empty', async () => {
    const filter = createBuildContextFilter([]);
    expect(await contextDir(join(dir, 'missing'), filter).entries(ALL)).toEqual([]);
  });
});

describe('the dockerfile directory', () => {
  test('holds the Dockerfile and an empty Dockerfile.dockerignore, with a fresh time', async () => {
    const entries = await dockerfileDir('Dockerfile', 'FROM x\n', new Date(5000)).entries(ALL);
    expect(entries.map((e) => [e.stat.path, e.stat.size, e.stat.modTime])).toEqual([
      ['Dockerfile', 7, 5e9],
      ['Dockerfile.dockerignore', expect.any(Number), 5e9],
    ]);
    const chunks: Buffer[] = [];
    for await (const c of entries[0]!.read!()) chunks.push(c);
    expect(Buffer.concat(chunks).toString()).toBe('FROM x\n');
  });
});
