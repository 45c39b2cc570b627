import { describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { parseNormalizedNamed } from '../../container/ref.ts';
import { nameSelector, type RefSelector } from '../../container/selector.ts';
import { FakeDockerClient } from '../../docker/client-fake.ts';
import { levelLogger, pruneDocker, pruneOrThrow } from './prune.ts';

const HOUR = 3_600_000;
const GC_LABELS = { 'dev.tilt.built': 'true', 'dev.tilt.gc': 'true' };

function setup(level: 'info' | 'verbose' | 'debug' = 'debug') {
  const clock = new FakeClock(new Date('2024-01-01T12:00:00Z'));
  const docker = new FakeDockerClient();
  let out = '';
  const deps = { docker, clock, log: levelLogger(level, (t) => (out += t)) };
  let n = 0;
  /** An image built `ageHours` ago; returns its id. */
  const image = (
    tags: string[],
    ageHours: number,
    size = 1000,
    labels: Readonly<Record<string, string>> = GC_LABELS,
  ) => {
    const id = `sha256:${String(++n).repeat(64).slice(0, 64)}`;
    const lastTagTime = new Date(clock.now().getTime() - ageHours * HOUR).toISOString();
    docker.putImage({ id, repoTags: tags, repoDigests: [], labels, size, lastTagTime });
    return id;
  };
  return { clock, docker, deps, image, out: () => out };
}

const sel = (name: string): RefSelector => nameSelector(parseNormalizedNamed(name));

describe('a Docker prune', () => {
  test("prunes containers, images and build cache with Tilt's filters, and reports each", async () => {
    const t = setup('debug');
    t.docker.containerPrune = { deleted: ['c1', 'c2'], spaceReclaimed: 3_000_000 };
    t.docker.buildCachePrune = { deleted: ['cacheA'], spaceReclaimed: 1500 };
    const id = t.image(['localhost:5005/app:tilt-1'], 7, 2_500_000);
    await pruneOrThrow(t.deps, {
      maxAgeMs: 6 * HOUR,
      keepRecent: 0,
      selectors: [sel('localhost:5005/app')],
    });
    const filters = { label: ['dev.tilt.gc=true'], until: ['6h0m0s'] };
    expect(t.docker.pruneCalls).toEqual([
      { call: 'pruneContainers', filters },
      { call: 'listImages', filters: { label: ['dev.tilt.gc=true'] } },
      { call: 'removeImage', id },
      { call: 'pruneBuildCache', filters },
    ]);
    expect(t.out()).toBe(
      '[Docker Prune] removed 2 containers, reclaimed 3MB\n' +
        '\t- c1\n\t- c2\n' +
        '[Docker Prune] removed 2 images, reclaimed 2.5MB\n' +
        `\t- untagged: localhost:5005/app:tilt-1\n\t- deleted: ${id}\n` +
        '[Docker Prune] removed 1 caches, reclaimed 1.5kB\n' +
        '\t- cacheA\n',
    );
  });

  test('at info level reports only what removed something, without the per-item lines', async () => {
    const t = setup('info');
    t.image(['localhost:5005/app:tilt-1'], 7, 10);
    await pruneOrThrow(t.deps, {
      maxAgeMs: HOUR,
      keepRecent: 0,
      selectors: [sel('localhost:5005/app')],
    });
    expect(t.out()).toBe('[Docker Prune] removed 2 images, reclaimed 10B\n');
  });

  test('at verbose level reports the zero counts too', async () => {
    const t = setup('verbose');
    await pruneOrThrow(t.deps, { maxAgeMs: HOUR, keepRecent: 0, selectors: [] });
    expect(t.out()).toBe(
      '[Docker Prune] removed 0 containers, reclaimed 0B\n' +
        '[Docker Prune] removed 0 images, reclaimed 0B\n' +
        '[Docker Prune] removed 0 caches, reclaimed 0B\n',
    );
  });

  test('a negative max age (max_age_mins=-1) is sent as Go writes it and takes every image', async () => {
    const t = setup('info');
    const id = t.image(['app:tilt-1'], 0);
    await pruneOrThrow(t.deps, { maxAgeMs: -60_000, keepRecent: 0, selectors: [sel('app')] });
    expect(t.docker.pruneCalls[0]?.filters?.until).toEqual(['-1m0s']);
    expect(t.docker.pruneCalls.filter((c) => c.call === 'removeImage')).toEqual([
      { call: 'removeImage', id },
    ]);
  });
});

describe('which images a prune removes', () => {
  test('only images last tagged max-age ago or earlier, of the Tiltfile image names', async () => {
    const t = setup('info');
    t.image(['app:tilt-young'], 1);
    const old = t.image(['app:tilt-old'], 4, 50);
    t.image(['other:tilt-old'], 6);
    t.image(['app:no-gc-label'], 6, 1, { 'dev.tilt.built': 'true' });
    await pruneOrThrow(t.deps, { maxAgeMs: 3 * HOUR, keepRecent: 0, selectors: [sel('app')] });
    expect(t.docker.pruneCalls.filter((c) => c.call === 'removeImage')).toEqual([
      { call: 'removeImage', id: old },
    ]);
    expect(t.out()).toBe('[Docker Prune] removed 2 images, reclaimed 50B\n');
  });

  test('leaves an image with several tags, saying why at debug level', async () => {
    const t = setup('debug');
    const id = t.image(['app:tilt-1', 'app:extra'], 4);
    await pruneOrThrow(t.deps, { maxAgeMs: HOUR, keepRecent: 0, selectors: [sel('app')] });
    expect(t.docker.pruneCalls.some((c) => c.call === 'removeImage')).toBe(false);
    expect(t.out()).toBe(
      '[Docker Prune] removed 0 containers, reclaimed 0B\n' +
        `[Docker Prune] cannot prune image ${id} (tags: app:tilt-1, app:extra); ` +
        '`docker image remove --force` required to remove an image with multiple tags ' +
        '(Docker throws error: "image is referenced in one or more repositories")\n' +
        '[Docker Prune] removed 0 images, reclaimed 0B\n' +
        '[Docker Prune] removed 0 caches, reclaimed 0B\n',
    );
  });

  test('keeps the keep_recent most recent builds of each image name', async () => {
    const t = setup('info');
    t.image(['a:tilt-1'], 1);
    const a2 = t.image(['a:tilt-2'], 2);
    const a3 = t.image(['a:tilt-3'], 3);
    const b2 = t.image(['b:tilt-2'], 5);
    t.image(['b:tilt-1'], 4);
    const opts = { maxAgeMs: 60_000, selectors: [sel('a'), sel('b')] };
    await pruneOrThrow(t.deps, { ...opts, keepRecent: 4 });
    expect(t.docker.pruneCalls.some((c) => c.call === 'removeImage')).toBe(false);
    await pruneOrThrow(t.deps, { ...opts, keepRecent: 1 });
    expect(t.docker.pruneCalls.filter((c) => c.call === 'removeImage').map((c) => c.id)).toEqual([
      a2,
      a3,
      b2,
    ]);
  });

  test('skips an image in use quietly; other removal errors are debug lines; neither counts', async () => {
    const t = setup('debug');
    const used = t.image(['app:tilt-1'], 4);
    const broken = t.image(['app:tilt-2'], 5);
    t.docker.removeErrors.set(
      used,
      'Error response from daemon: conflict: unable to delete 111111111111 (cannot be forced) - image is being used by running container 0123abcd',
    );
    t.docker.removeErrors.set(broken, 'Error response from daemon: boom');
    await pruneOrThrow(t.deps, { maxAgeMs: HOUR, keepRecent: 0, selectors: [sel('app')] });
    expect(t.out()).toBe(
      '[Docker Prune] removed 0 containers, reclaimed 0B\n' +
        `[Docker Prune] error removing image '${broken}': Error response from daemon: boom\n` +
        '[Docker Prune] removed 0 images, reclaimed 0B\n' +
        '[Docker Prune] removed 0 caches, reclaimed 0B\n',
    );
  });
});

describe('a Docker prune and the daemon', () => {
  test('skips everything when the daemon API is older than 1.30', async () => {
    const t = setup('debug');
    t.docker.info_ = { ...t.docker.info_, apiVersion: '1.29' };
    await pruneOrThrow(t.deps, { maxAgeMs: HOUR, keepRecent: 0, selectors: [sel('app')] });
    expect(t.docker.pruneCalls).toEqual([]);
    expect(t.out()).toBe(
      '[Docker Prune] skipping Docker prune, Docker API version too low:\t"image | container prune with filter: label" requires API version 1.30, but the Docker daemon API version is 1.29\n',
    );
  });

  test('skips only the build cache when the daemon is too old for its prune', async () => {
    const t = setup('debug');
    const tooOld =
      '"build prune" requires API version 1.31, but the Docker daemon API version is 1.30';
    t.docker.buildCachePrune = { error: tooOld };
    await pruneOrThrow(t.deps, { maxAgeMs: HOUR, keepRecent: 0, selectors: [] });
    expect(t.docker.pruneCalls.map((c) => c.call)).toEqual([
      'pruneContainers',
      'listImages',
      'pruneBuildCache',
    ]);
    expect(t.out()).toBe(
      '[Docker Prune] removed 0 containers, reclaimed 0B\n' +
        '[Docker Prune] removed 0 images, reclaimed 0B\n' +
        `[Docker Prune] skipping build cache prune, Docker API version too low:\t${tooOld}\n`,
    );
  });

  test('says nothing of a failure once the session stopping aborted the prune', async () => {
    const t = setup('info');
    t.docker.buildCachePrune = { error: 'context canceled' };
    const abort = new AbortController();
    abort.abort();
    const opts = { maxAgeMs: HOUR, keepRecent: 0, selectors: [], signal: abort.signal };
    await pruneDocker(t.deps, opts);
    expect(t.out()).toBe('');
  });

  test("reports a failing call in Tilt's words", async () => {
    const t = setup('info');
    t.docker.buildCachePrune = { error: 'Error response from daemon: boom' };
    await pruneDocker(t.deps, { maxAgeMs: HOUR, keepRecent: 0, selectors: [] });
    expect(t.out()).toBe(
      '[Docker Prune] error running docker prune: Error response from daemon: boom\n',
    );
  });
});
