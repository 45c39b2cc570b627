// Docker pruning against the real Docker engine: `slant ci` builds and deploys an image as users
// do (Slant's labels, the registry's name for it), then `slant docker-prune` with the Tiltfile's
// settings for it (no age limit, none kept) removes it and says so in Tilt's words; `slant up`
// with the same settings, pruning after every build, prunes it by itself after its first build.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runCli } from '../client-commands/run-cli.ts';
import {
  connect,
  createNamespace,
  deleteNamespace,
  docker,
  type Kube,
  uniqueName,
} from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantProcess } from '../three-service/slant-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-prune');
const image = uniqueName('slant-it-prune');
const repo = `${env.registry}/${image}`;
let kube: Kube;
let dir = '';

/** The local images of the scenario's name, as `repo:tag id` lines. */
async function localImages(): Promise<string[]> {
  const out = await docker(env, ['images', repo, '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
  return out.split('\n').filter((l) => l !== '');
}

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-docker-prune-'));
  await cp(join(import.meta.dirname, 'app'), dir, { recursive: true });
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
  const ids = (await localImages()).map((l) => l.split(' ')[1] ?? '');
  if (ids.length > 0) await docker(env, ['rmi', '-f', ...new Set(ids)]).catch(() => '');
  await rm(dir, { recursive: true, force: true });
});

describe('slant docker-prune', () => {
  test('removes the builds of the Tiltfile images that its docker_prune_settings select', async () => {
    const cliEnv = { KUBECONFIG: env.kubeconfig, PRUNE_IMAGE: image };
    const ci = new SlantProcess(
      ['ci', '--port', String(await freePort()), '--namespace', ns, '--timeout', '3m'],
      { cwd: dir, env: { ...cliEnv, SLANT_HOME: join(dir, '.slant-home') } },
    );
    expect(await ci.exitWithin(200_000), ci.output).toBe(0);
    // `ci` keeps Tilt's defaults (6 h, 2 kept): its own pruner removed nothing.
    expect(ci.output).not.toContain('[Docker Prune]');
    const built = await localImages();
    expect(built).toHaveLength(1);
    const [ref, shortId] = (built[0] ?? '').split(' ') as [string, string];
    expect(ref).toMatch(new RegExp(`^${repo}:tilt-[0-9a-f]{16}$`));
    const id = (await docker(env, ['image', 'inspect', '--format', '{{.Id}}', ref])).trim();
    expect(id.startsWith(`sha256:${shortId}`)).toBe(true);

    const debug = await runCli(['docker-prune', '--debug'], { cwd: dir, env: cliEnv });
    expect(debug.stderr).toBe('');
    expect(debug.code).toBe(0);
    const lines = debug.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `Loading Tiltfile at: ${join(dir, 'Tiltfile')}`,
      expect.stringMatching(/^Successfully loaded Tiltfile \(\d+(\.\d+)?(ms|µs|s)\)$/),
    ]);
    expect(debug.stdout).toContain(`Running Docker Prune for images:\n  - ${repo}\n\n`);
    expect(debug.stdout).toMatch(/\[Docker Prune\] removed \d+ containers, reclaimed \S+\n/);
    expect(debug.stdout).toMatch(
      /\[Docker Prune\] removed [1-9]\d* images, reclaimed \d+(\.\d+)?[kM]?B\n/,
    );
    expect(debug.stdout).toContain(`\t- untagged: ${ref}\n`);
    expect(debug.stdout).toContain(`\t- deleted: ${id}\n`);
    expect(debug.stdout).toMatch(/\[Docker Prune\] removed \d+ caches, reclaimed \S+\n/);
    expect(await localImages()).toEqual([]);

    // At the default (verbose) level the counts show even when nothing went, the items never.
    const again = await runCli(['docker-prune'], { cwd: dir, env: cliEnv });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('[Docker Prune] removed 0 images, reclaimed 0B\n');
    expect(again.stdout).not.toContain('\t- ');
    expect(again.stdout).not.toContain('Running Docker Prune for images');
  });

  test('slant up prunes by itself once its first build is done', async () => {
    const port = await freePort();
    const up = new SlantProcess(['up', '--stream', '--port', String(port), '--namespace', ns], {
      cwd: dir,
      env: { KUBECONFIG: env.kubeconfig, PRUNE_IMAGE: image, SLANT_HOME: join(dir, '.slant-up') },
    });
    try {
      await up.waitForOutput(/\[Docker Prune\] removed [1-9]\d* images, reclaimed \S+\n/, 180_000);
      expect(await localImages()).toEqual([]);
      // Tilt's default level: the counts of what was removed, not the items nor zero counts.
      expect(up.output).not.toContain('\t- untagged:');
      expect(up.output).not.toMatch(/\[Docker Prune\] removed 0 /);
    } finally {
      await up.stop();
    }
  });

  test('prints a Tiltfile error as the other commands do, and exits 1', async () => {
    const r = await runCli(['docker-prune', '-f', 'missing/Tiltfile'], { cwd: dir, env: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `No Tiltfile found at paths '${join(dir, 'missing', 'Tiltfile')}'. Check out https://docs.tilt.dev/tutorial.html\n`,
    );
  });
});
