// `slant docker -- ARGS` against the real Docker engine: Tilt's header on stderr with the builder
// Slant's client picks, docker's own output and exit code, and Tilt's errors when the daemon
// can't say which builder.
import { execFileSync } from 'node:child_process';
import { describe, expect, inject, test } from 'vitest';
import { runCli } from '../client-commands/run-cli.ts';

const env = inject('slantEnv');
const cwd = import.meta.dirname;

describe('slant docker', () => {
  test("runs docker with BuildKit as the client picks it, after Tilt's header", async () => {
    const r = await runCli(['docker', '--', 'version', '--format', '{{.Server.APIVersion}}'], {
      cwd,
      env: {},
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'Running Docker command as:\nDOCKER_BUILDKIT=1 docker version --format {{.Server.APIVersion}}\n---\n',
    );
    expect(r.stdout).toMatch(/^1\.\d+\n$/);
  });

  test("follows DOCKER_BUILDKIT=0 and passes docker's exit code through", async () => {
    const r = await runCli(['docker', '--', 'image', 'inspect', 'slant-it-no-such-image:none'], {
      cwd,
      env: { DOCKER_BUILDKIT: '0' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Running Docker command as:\nDOCKER_BUILDKIT=0 docker image inspect slant-it-no-such-image:none\n---\n' +
        'Error response from daemon: no such image: slant-it-no-such-image:none: No such image: slant-it-no-such-image:none\n',
    );
    const three = await runCli(
      ['docker', '--', 'run', '--rm', env.busyboxImage, 'sh', '-c', 'exit 3'],
      { cwd, env: {} },
    );
    expect(three.code).toBe(3);
  });

  test("says why it can't ask the daemon for its builder, and exits 1", async () => {
    const bad = await runCli(['docker', '--', 'version'], {
      cwd,
      env: { DOCKER_BUILDKIT: 'maybe' },
    });
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([
      1,
      '',
      'Failed to get Docker builder: DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing "maybe": invalid syntax\n',
    ]);
    const down = await runCli(['docker', '--', 'version'], {
      cwd,
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    });
    expect([down.code, down.stdout, down.stderr]).toEqual([
      1,
      '',
      'Failed to get Docker builder: connect ENOENT /nonexistent/docker.sock\n',
    ]);
  });
});

describe('slant dump image-deploy-ref', () => {
  test('prints the name with the content-based tag of a real image; a missing one is an error', async () => {
    const ref = `slant-it-deploy-ref:tilt-build-${process.pid}`;
    const docker = (...args: string[]) =>
      execFileSync('docker', args, {
        encoding: 'utf8',
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
      });
    docker('tag', env.busyboxImage, ref);
    try {
      const id = docker('image', 'inspect', '--format', '{{.Id}}', ref).trim();
      const r = await runCli(['dump', 'image-deploy-ref', ref], { cwd, env: {} });
      expect(r).toEqual({
        code: 0,
        stdout: `slant-it-deploy-ref:tilt-${id.slice('sha256:'.length, 'sha256:'.length + 16)}`,
        stderr: '',
      });
    } finally {
      docker('rmi', ref);
    }
    expect(await runCli(['dump', 'image-deploy-ref', ref], { cwd, env: {} })).toEqual({
      code: 1,
      stdout: '',
      stderr: `DumpImageDeployRef: Error response from daemon: No such image: ${ref}\n`,
    });
  });
});
