// CmdImageBuilder against the real Docker engine and registry: a custom_build command that runs
// `docker build -t $EXPECTED_REF`, then Slant's content-hash tag and push.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Cluster, CmdImage, ImageMap } from '@slant/api';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { systemClock } from '../../packages/slant/src/clock.ts';
import { CmdImageBuilder } from '../../packages/slant/src/controllers/cmdimage/builder.ts';
import { NodeDockerClient } from '../../packages/slant/src/docker/client-node.ts';
import { NodeProcessRunner } from '../../packages/slant/src/exec/node.ts';
import { MemoryLogWriter } from '../../packages/slant/src/logs/types.ts';
import { ObjectStore } from '../../packages/slant/src/store/store.ts';

const execFileP = promisify(execFile);
const env = inject('slantEnv');
const name = `slant-it/custom-${randomBytes(4).toString('hex')}`;
const repo = name.replace('/', '_');
let dir = '';

function docker(...args: string[]): Promise<{ stdout: string }> {
  return execFileP('docker', args, { env: { ...process.env, DOCKER_HOST: env.dockerHost } });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-custom-build-'));
  await writeFile(join(dir, 'Dockerfile'), `FROM ${env.busyboxImage}\nRUN echo custom > /built\n`);
});

afterAll(async () => {
  const { stdout } = await docker('images', '-q', `localhost:5005/${repo}`);
  const ids = [...new Set(stdout.split('\n').filter((l) => l !== ''))];
  if (ids.length > 0) await docker('rmi', '-f', ...ids).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

test('custom_build: the command builds $EXPECTED_REF; Slant tags it by content and pushes it', async () => {
  const clock = systemClock();
  const store = new ObjectStore({ clock });
  const logs = new MemoryLogWriter();
  const cluster: Cluster = {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'default' },
    spec: {},
    status: { registry: { host: env.registry } },
  };
  const im: ImageMap = {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'ImageMap',
    metadata: { name },
    spec: { selector: name },
  };
  const ci: CmdImage = {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'CmdImage',
    metadata: { name: `app:${name}`, annotations: { 'tilt.dev/resource': 'app' } },
    spec: {
      ref: name,
      args: ['sh', '-c', 'docker build -q -t $EXPECTED_REF .'],
      dir,
      outputMode: 'local-docker',
      cluster: 'default',
      clusterNeeds: 'push',
    },
  };
  for (const o of [cluster, im, ci]) store.create(o);
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    DOCKER_BUILDKIT: '0',
  };
  const builder = new CmdImageBuilder({
    store,
    docker: new NodeDockerClient({ host: env.dockerHost }),
    runner: new NodeProcessRunner({ clock }),
    clock,
    logs,
    baseEnv,
    dockerEnv: [`DOCKER_HOST=${env.dockerHost}`],
  });

  const r = await builder.build(`app:${name}`, new AbortController().signal);
  if (!r.ok) throw new Error(`build failed: ${r.error}\n${logs.text()}`);
  expect(r.ref).toMatch(new RegExp(`^${env.registry}/${repo}:tilt-[0-9a-f]{16}$`));
  expect(logs.text()).toContain(
    `  EXPECTED_REGISTRY=${env.registry}\n  DOCKER_HOST=${env.dockerHost}\n`,
  );

  const { stdout } = await docker('run', '--rm', r.ref, 'cat', '/built');
  expect(stdout).toBe('custom\n');
  const res = await fetch(`http://${env.registry}/v2/${repo}/tags/list`);
  expect(await res.json()).toEqual({ name: repo, tags: [r.ref.slice(r.ref.lastIndexOf(':') + 1)] });
});
