// DockerImageBuilder against the real Docker engine and registry: the context filter, Tilt's
// content-hash tag, a rebuild that keeps its tag, the push, and a failing build's error text,
// with the legacy builder (DOCKER_BUILDKIT=0) and with BuildKit.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Cluster, DockerImage, ImageMap } from '@slant/api';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { systemClock } from '../../packages/slant/src/clock.ts';
import { DockerImageBuilder } from '../../packages/slant/src/controllers/dockerimage/builder.ts';
import { NodeDockerClient } from '../../packages/slant/src/docker/client-node.ts';
import { MemoryLogWriter } from '../../packages/slant/src/logs/types.ts';
import { ObjectStore } from '../../packages/slant/src/store/store.ts';

const execFileP = promisify(execFile);
const env = inject('slantEnv');
const name = `slant-it/app-${randomBytes(4).toString('hex')}`;
const repo = name.replace('/', '_');
let dir = '';
const signal = new AbortController().signal;

function docker(...args: string[]): Promise<{ stdout: string }> {
  return execFileP('docker', args, { env: { ...process.env, DOCKER_HOST: env.dockerHost } });
}

interface BuildExtras {
  readonly secrets?: string[];
  readonly ssh?: string[];
  readonly clientEnv?: Record<string, string>;
}

function setup(
  dockerfile: string,
  buildkitEnv = '0',
  extras: BuildExtras = {},
): {
  store: ObjectStore;
  logs: MemoryLogWriter;
  builder: DockerImageBuilder;
} {
  const clock = systemClock();
  const store = new ObjectStore({ clock });
  const logs = new MemoryLogWriter();
  const cluster: Cluster = {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'default' },
    spec: { connection: { kubernetes: {} } },
    status: {
      arch: process.arch === 'arm64' ? 'arm64' : 'amd64',
      registry: { host: env.registry },
    },
  };
  const im: ImageMap = {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'ImageMap',
    metadata: { name },
    spec: { selector: name },
  };
  const di: DockerImage = {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'DockerImage',
    metadata: {
      name: `app:${name}`,
      annotations: {
        'tilt.dev/resource': 'app',
        'tilt.dev/log-span-id': `dockerimage:app:${name}`,
      },
    },
    spec: {
      ref: name,
      context: dir,
      dockerfileContents: dockerfile,
      contextIgnores: [{ basePath: dir, patterns: ['ignored.txt'] }],
      cluster: 'default',
      clusterNeeds: 'push',
      ...(extras.secrets ? { secrets: extras.secrets } : {}),
      ...(extras.ssh ? { sshAgentConfigs: extras.ssh } : {}),
    },
  };
  for (const o of [cluster, im, di]) store.create(o);
  const client = new NodeDockerClient({
    host: env.dockerHost,
    buildkitEnv,
    cwd: dir,
    env: extras.clientEnv ?? {},
  });
  return { store, logs, builder: new DockerImageBuilder({ store, docker: client, clock, logs }) };
}

const DOCKERFILE = `FROM ${env.busyboxImage}\nCOPY . /app\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-docker-build-'));
  await writeFile(join(dir, 'kept.txt'), 'kept\n');
  await writeFile(join(dir, 'ignored.txt'), 'ignored\n');
});

afterAll(async () => {
  const { stdout } = await docker('images', '-q', `localhost:5005/${repo}`);
  const ids = [...new Set(stdout.split('\n').filter((l) => l !== ''))];
  if (ids.length > 0) await docker('rmi', '-f', ...ids).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

describe('docker build against the real engine', () => {
  let firstRef = '';

  test('builds without the ignored file, tags tilt-<hash> and pushes to the registry', async () => {
    const { store, logs, builder } = setup(DOCKERFILE);
    const r = await builder.build(`app:${name}`, signal);
    if (!r.ok) throw new Error(`build failed: ${r.error}\n${logs.text()}`);
    expect(r.ref).toMatch(new RegExp(`^${env.registry}/${repo}:tilt-[0-9a-f]{16}$`));
    firstRef = r.ref;
    const tag = r.ref.slice(r.ref.lastIndexOf(':') + 1);

    const { stdout } = await docker('run', '--rm', r.ref, 'ls', '/app');
    expect(stdout.split('\n').filter((l) => l !== '')).toEqual(['Dockerfile', 'kept.txt']);

    const res = await fetch(`http://${env.registry}/v2/${repo}/tags/list`);
    expect(await res.json()).toEqual({ name: repo, tags: [tag] });

    expect(store.get('ImageMap', name)?.status?.image).toBe(r.ref);
    const text = logs.text('app');
    expect(text).toContain(
      `Building Dockerfile for platform linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}:\n  FROM ${env.busyboxImage}\n  COPY . /app\n\n`,
    );
    expect(text).toMatch(/ {5}Sending Docker build context: [\d.]+k?B \(/);
    // The legacy builder adds a step per label (dev.tilt.built, dev.tilt.gc).
    expect(text).toContain(`     Step 1/4 : FROM ${env.busyboxImage}\n`);
    expect(text).toContain(`     Authenticating to image repo: ${env.registry}/${repo}\n`);
  });

  test('a rebuild of an unchanged context gives the same tag', async () => {
    const { builder } = setup(DOCKERFILE);
    expect(await builder.build(`app:${name}`, signal)).toEqual({ ok: true, ref: firstRef });
  });

  test('a multi-stage build is tagged with its last stage, not the first', async () => {
    const { logs, builder } = setup(
      `FROM ${env.busyboxImage} AS first\nRUN echo first > /stage\nFROM ${env.busyboxImage}\nCOPY --from=first /stage /first\nRUN echo last > /stage\n`,
    );
    const r = await builder.build(`app:${name}`, signal);
    if (!r.ok) throw new Error(`build failed: ${r.error}\n${logs.text()}`);
    const { stdout } = await docker('run', '--rm', r.ref, 'cat', '/stage', '/first');
    expect(stdout).toBe('last\nfirst\n');
  });

  test('secret= and ssh= need BuildKit, as Tilt says', async () => {
    const { builder } = setup(DOCKERFILE, '0', { secrets: ['id=s,src=kept.txt'] });
    expect(await builder.build(`app:${name}`, signal)).toEqual({
      ok: false,
      error: 'Docker SSH secrets only work on Buildkit, but Buildkit has been disabled',
    });
  });

  test('a failing RUN is the build error, in Docker’s words', async () => {
    const { store, builder } = setup(`FROM ${env.busyboxImage}\nRUN exit 3\n`);
    const error = "ImageBuild: The command '/bin/sh -c exit 3' returned a non-zero code: 3";
    expect(await builder.build(`app:${name}`, signal)).toEqual({ ok: false, error });
    expect(store.get('DockerImage', `app:${name}`)?.status?.completed?.error).toBe(error);
  });
});

describe('docker build with BuildKit (the default when the daemon has it)', () => {
  test('builds the filtered context, prints the steps as Tilt does and records them', async () => {
    const { store, logs, builder } = setup(DOCKERFILE, '');
    const r = await builder.build(`app:${name}`, signal);
    if (!r.ok) throw new Error(`build failed: ${r.error}\n${logs.text()}`);
    expect(r.ref).toMatch(new RegExp(`^${env.registry}/${repo}:tilt-[0-9a-f]{16}$`));
    // BuildKit reads the Dockerfile beside the context (as Tilt sends it), not from inside it.
    const { stdout } = await docker('run', '--rm', r.ref, 'ls', '/app');
    expect(stdout.split('\n').filter((l) => l !== '')).toEqual(['kept.txt']);
    const text = logs.text('app');
    // `[cached]` when an earlier run built the same context.
    expect(text).toMatch(/\n {5}\[2\/2\] COPY \. \/app( \[cached\])?\n/);
    expect(text).not.toContain('Step 1/');
    // No tar upload with a session, so no upload line (as in Tilt).
    expect(text).not.toContain('Sending Docker build context');
    const stages = store.get('DockerImage', `app:${name}`)?.status?.stageStatuses ?? [];
    expect(stages.map((s) => s.name)).toContain('[2/2] COPY . /app');
    expect(stages.at(-1)?.name).toBe('docker push');
  });

  test('a rebuild after an edit sees the new contents, also through a copied symlink', async () => {
    await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
    await writeFile(join(dir, 'sub', 'deeper', 'nested.txt'), 'nested 1\n');
    await writeFile(join(dir, 'sub', 'other.txt'), 'other\n');
    await symlink('deeper/nested.txt', join(dir, 'sub', 'link.txt'));
    const dockerfile = `FROM ${env.busyboxImage}\nCOPY sub/link.txt /link.txt\nCOPY . /app\n`;
    const run = async (): Promise<string> => {
      const { logs, builder } = setup(dockerfile, '');
      const r = await builder.build(`app:${name}`, signal);
      if (!r.ok) throw new Error(`build failed: ${r.error}\n${logs.text()}`);
      const cmd = 'cat /link.txt /app/kept.txt; find /app | sort';
      return (await docker('run', '--rm', r.ref, 'sh', '-c', cmd)).stdout;
    };
    const tree =
      '/app\n/app/kept.txt\n/app/sub\n/app/sub/deeper\n/app/sub/deeper/nested.txt\n/app/sub/link.txt\n/app/sub/other.txt\n';
    expect(await run()).toBe(`nested 1\nkept\n${tree}`);
    // Same size, new contents: BuildKit's copy of the last transfer must not be reused.
    await writeFile(join(dir, 'sub', 'deeper', 'nested.txt'), 'nested 2\n');
    await writeFile(join(dir, 'kept.txt'), 'KEPT\n');
    expect(await run()).toBe(`nested 2\nKEPT\n${tree}`);
  });

  test('COPY steps naming several sources get every one of them', async () => {
    // BuildKit asks for the context with one followpaths header per source, which Node joins.
    await mkdir(join(dir, 'multi', 'logs'), { recursive: true });
    await writeFile(join(dir, 'multi', 'a.txt'), 'a\n');
    await writeFile(join(dir, 'multi', 'b.txt'), 'b\n');
    await writeFile(join(dir, 'multi', 'logs', 'keep.txt'), 'keep\n');
    try {
      const dockerfile = `FROM ${env.busyboxImage}\nCOPY multi/a.txt multi/b.txt /two/\nCOPY multi/logs /logs\n`;
      const { logs, builder } = setup(dockerfile, '');
      const r = await builder.build(`app:${name}`, signal);
      if (!r.ok) throw new Error(`build failed: ${r.error}\n${logs.text()}`);
      const { stdout } = await docker('run', '--rm', r.ref, 'sh', '-c', 'find /two /logs | sort');
      expect(stdout).toBe('/logs\n/logs/keep.txt\n/two\n/two/a.txt\n/two/b.txt\n');
    } finally {
      await rm(join(dir, 'multi'), { recursive: true });
    }
  });

  test('sources named with ", ", spaces and accents, as the legacy builder copies them', async () => {
    await mkdir(join(dir, 'odd'));
    for (const n of ['x, y.txt', 'my file.txt', 'café.txt']) {
      await writeFile(join(dir, 'odd', n), `${n}\n`);
    }
    const run = async (copy: string, cmd: string): Promise<string> => {
      const { logs, builder } = setup(`FROM ${env.busyboxImage}\n${copy}\n`, '');
      const r = await builder.build(`app:${name}`, signal);
      if (!r.ok) throw new Error(`build failed: ${r.error}\n${logs.text()}`);
      return (await docker('run', '--rm', r.ref, 'sh', '-c', cmd)).stdout;
    };
    try {
      // ASCII names are sent as they are, and Node joins the headers with ", ".
      const named = await run(
        'COPY ["odd/x, y.txt", "odd/my file.txt", "/named/"]',
        'cat "/named/x, y.txt" "/named/my file.txt"',
      );
      expect(named).toBe('x, y.txt\nmy file.txt\n');
      // An accent makes grpc-js drop the header: the whole context is sent, the image is the same.
      expect(await run('COPY ["odd/café.txt", "/accent/"]', 'cat /accent/*')).toBe('café.txt\n');
    } finally {
      await rm(join(dir, 'odd'), { recursive: true });
    }
  });

  test('RUN --mount reads secret= files and variables and reaches the ssh= agent socket', async () => {
    const agentDir = await mkdtemp(join(tmpdir(), 'slant-agent-'));
    const sock = join(agentDir, 'agent.sock');
    const agent = createServer((c) => c.end());
    await writeFile(join(dir, 'token.txt'), 'from a file\n');
    await new Promise<void>((resolve) => agent.listen(sock, resolve));
    try {
      // Secrets are not part of a step's cache key: this run's name keeps earlier runs' out.
      const dockerfile = `FROM ${env.busyboxImage}
RUN --mount=type=secret,id=file --mount=type=secret,id=TOKEN cat /run/secrets/file /run/secrets/TOKEN > /secrets # ${name}
RUN --mount=type=ssh test -S "$SSH_AUTH_SOCK" && echo agent > /ssh # ${name}
`;
      const { logs, builder } = setup(dockerfile, '', {
        secrets: ['id=file,src=token.txt', 'id=TOKEN'],
        ssh: ['default'],
        clientEnv: { TOKEN: 'from the environment\n', SSH_AUTH_SOCK: sock },
      });
      const r = await builder.build(`app:${name}`, signal);
      if (!r.ok) throw new Error(`build failed: ${r.error}\n${logs.text()}`);
      const { stdout } = await docker('run', '--rm', r.ref, 'cat', '/secrets', '/ssh');
      expect(stdout).toBe('from a file\nfrom the environment\nagent\n');
    } finally {
      agent.close();
      await rm(agentDir, { recursive: true, force: true });
    }
  });

  test('a malformed secret= is the build error, in Tilt’s words', async () => {
    const { builder } = setup(DOCKERFILE, '', { secrets: ['id=s,src=missing.txt'] });
    expect(await builder.build(`app:${name}`, signal)).toEqual({
      ok: false,
      error:
        'ImageBuild: could not parse secret: [id=s,src=missing.txt]: failed to stat missing.txt: stat missing.txt: no such file or directory',
    });
  });

  test('a failing RUN is the build error, with its output and the failed step in the log', async () => {
    const { logs, builder } = setup(
      `FROM ${env.busyboxImage}\nRUN echo about to fail && exit 3\n`,
      '1',
    );
    expect(await builder.build(`app:${name}`, signal)).toEqual({
      ok: false,
      error:
        'ImageBuild: executor failed running [/bin/sh -c echo about to fail && exit 3]: exit code: 3',
    });
    expect(logs.text('app')).toContain(
      '       → about to fail\n     \n     ERROR IN: [2/2] RUN echo about to fail && exit 3\n',
    );
  });
});
