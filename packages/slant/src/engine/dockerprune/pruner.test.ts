import type { Cluster, DockerImage, Tiltfile } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { FakeDockerClient } from '../../docker/client-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import type { DockerPruneSettings } from '../../tiltfile/state/settings.ts';
import { DockerPruner } from './pruner.ts';
import { DOCKER_PRUNE_ANNOTATION, dockerPruneAnnotation } from './settings.ts';

const MINUTE = 60_000;
const [NEW, OLD, UNPUSHED] = ['a', 'b', 'c'].map((c) => `sha256:${c.repeat(64)}`) as [
  string,
  string,
  string,
];
const HOUR = 60 * MINUTE;
// Tilt's Tiltfile defaults (docker_prune_settings not called).
const DEFAULTS: DockerPruneSettings = {
  enabled: true,
  maxAgeMins: 360,
  numBuilds: 0,
  intervalHrs: 1,
  keepRecent: 2,
};

/** `null` settings: no successful Tiltfile run yet. */
function setup(
  settings: Partial<DockerPruneSettings> | null = {},
  withImage = true,
  level?: 'info' | 'verbose' | 'debug',
) {
  const clock = new FakeClock(new Date('2024-01-01T12:00:00Z'));
  const store = newTestStore(clock);
  const docker = new FakeDockerClient();
  const logs = new MemoryLogWriter();
  const tf: Tiltfile = {
    apiVersion: API_VERSION,
    kind: 'Tiltfile',
    metadata: {
      name: '(Tiltfile)',
      ...(settings === null
        ? {}
        : {
            annotations: {
              [DOCKER_PRUNE_ANNOTATION]: dockerPruneAnnotation({ ...DEFAULTS, ...settings }),
            },
          }),
    },
    spec: { path: '/p/Tiltfile' },
  };
  store.create(tf);
  if (withImage) {
    const di: DockerImage = {
      apiVersion: API_VERSION,
      kind: 'DockerImage',
      metadata: { name: 'web:app' },
      spec: { ref: 'app', cluster: 'default' },
    };
    store.create(di);
  }
  const pruner = new DockerPruner({
    store,
    docker,
    clock,
    logs,
    ...(level === undefined ? {} : { level }),
  });
  /** Tells the pruner about a pass; resolves to whether a prune ran. */
  const pass = async (completedBuilds: number, building = false): Promise<boolean> => {
    const before = docker.pruneCalls.length;
    pruner.onChange({ building, completedBuilds });
    await pruner.idle();
    return docker.pruneCalls.slice(before).some((c) => c.call === 'pruneContainers');
  };
  return { clock, store, docker, logs, pruner, pass };
}

describe('DockerPruner scheduling', () => {
  test('prunes after the first finished update, not before', async () => {
    const t = setup({ numBuilds: 10 });
    expect(await t.pass(0)).toBe(false);
    expect(await t.pass(1)).toBe(true);
  });

  test('then prunes every num_builds finished updates', async () => {
    const t = setup({ numBuilds: 5, intervalHrs: 0 });
    expect(await t.pass(5)).toBe(true);
    t.clock.advance(5 * HOUR);
    expect(await t.pass(9)).toBe(false);
    expect(await t.pass(10)).toBe(true);
  });

  test('then prunes every interval_hrs when num_builds is not set', async () => {
    const t = setup({ intervalHrs: 2 });
    expect(await t.pass(1)).toBe(true);
    t.clock.advance(2 * HOUR - MINUTE);
    expect(await t.pass(30)).toBe(false);
    t.clock.advance(MINUTE);
    expect(await t.pass(30)).toBe(true);
  });

  test('with an interval, a pass before any build (updates held) prunes at once, as in Tilt', async () => {
    const t = setup({ intervalHrs: 1 });
    expect(await t.pass(0)).toBe(true);
    expect(await t.pass(1)).toBe(false);
  });

  test('an interval of 0 means the default hour', async () => {
    const t = setup({ intervalHrs: 0 });
    expect(await t.pass(1)).toBe(true);
    t.clock.advance(HOUR - 1);
    expect(await t.pass(2)).toBe(false);
    t.clock.advance(1);
    expect(await t.pass(2)).toBe(true);
  });

  test('does not prune while an update is running or could start', async () => {
    const t = setup();
    expect(await t.pass(3, true)).toBe(false);
    expect(await t.pass(3, false)).toBe(true);
  });

  test('does not prune with docker_prune_settings(disable=True), nor before a Tiltfile run', async () => {
    expect(await setup({ enabled: false }).pass(1)).toBe(false);
    expect(await setup(null).pass(1)).toBe(false);
  });

  test('reports at the session level: nothing at info when nothing went, the counts at -v', async () => {
    const quiet = setup({});
    expect(await quiet.pass(1)).toBe(true);
    expect(quiet.logs.text()).toBe('');
    const verbose = setup({}, true, 'verbose');
    expect(await verbose.pass(1)).toBe(true);
    expect(verbose.logs.text()).toContain('[Docker Prune] removed 0 containers, reclaimed 0B\n');
  });

  test('does not prune when the Tiltfile builds no image', async () => {
    expect(await setup({}, false).pass(1)).toBe(false);
  });

  test('runs one prune at a time', async () => {
    const t = setup({ numBuilds: 1 });
    t.pruner.onChange({ building: false, completedBuilds: 1 });
    t.pruner.onChange({ building: false, completedBuilds: 2 });
    await t.pruner.idle();
    expect(t.docker.pruneCalls.filter((c) => c.call === 'pruneContainers')).toHaveLength(1);
  });

  test('when Docker does not answer at the first prune, stays off without a word (as Tilt)', async () => {
    const t = setup();
    t.docker.down = 'connect ENOENT /var/run/docker.sock';
    expect(await t.pass(1)).toBe(false);
    expect(t.logs.entries).toEqual([]);
    t.docker.down = undefined;
    t.clock.advance(2 * HOUR);
    expect(await t.pass(2)).toBe(false);
  });

  test('a daemon too old for the prune filters says so once, and pruning stays off', async () => {
    const t = setup();
    t.docker.info_ = { ...t.docker.info_, apiVersion: '1.29' };
    expect(await t.pass(1)).toBe(false);
    expect(t.logs.entries).toEqual([
      {
        resource: '',
        spanId: '',
        text: '[Docker Prune] Docker API version too low for Tilt to run Docker Prune:\n\t"image | container prune with filter: label" requires API version 1.30, but the Docker daemon API version is 1.29\n',
      },
    ]);
    t.clock.advance(2 * HOUR);
    expect(await t.pass(2)).toBe(false);
    expect(t.logs.entries.length).toBe(1);
  });
});

describe('DockerPruner pruning', () => {
  test("removes old builds of the Tiltfile's images under the cluster's registry, as the settings say", async () => {
    const t = setup({ maxAgeMins: 60, keepRecent: 1 });
    const cluster: Cluster = {
      apiVersion: API_VERSION,
      kind: 'Cluster',
      metadata: { name: 'default' },
      spec: { connection: { kubernetes: {} } },
      status: { registry: { host: 'localhost:5005' } },
    };
    t.store.create(cluster);
    const labels = { 'dev.tilt.gc': 'true' };
    const at = (h: number) => new Date(t.clock.now().getTime() - h * HOUR).toISOString();
    const image = (id: string, tag: string, hours: number) =>
      t.docker.putImage({
        id,
        repoTags: [tag],
        repoDigests: [],
        labels,
        size: 2_000_000,
        lastTagTime: at(hours),
      });
    image(NEW, 'localhost:5005/app:tilt-new', 2);
    image(OLD, 'localhost:5005/app:tilt-old', 3);
    image(UNPUSHED, 'app:tilt-local', 4);
    expect(await t.pass(1)).toBe(true);
    expect(t.docker.pruneCalls.filter((c) => c.call !== 'listImages')).toEqual([
      { call: 'pruneContainers', filters: { label: ['dev.tilt.gc=true'], until: ['1h0m0s'] } },
      { call: 'removeImage', id: OLD },
      { call: 'pruneBuildCache', filters: { label: ['dev.tilt.gc=true'], until: ['1h0m0s'] } },
    ]);
    // Tilt's default (info) level: only what removed something, no per-image lines.
    expect(t.logs.entries).toEqual([
      { resource: '', spanId: '', text: '[Docker Prune] removed 2 images, reclaimed 2MB\n' },
    ]);
  });
});
