// `slant doctor` against the real environment: Docker's and the cluster's versions, the context,
// namespace and the KEP-1755 local registry, in Tilt's layout; unreachable parts say Error.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { runCli } from './run-cli.ts';

const env = inject('slantEnv');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-doctor-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('slant doctor', () => {
  test('reports Docker and the Kubernetes cluster Slant would use', async () => {
    const r = await runCli(['doctor', '--namespace', 'team-a'], {
      cwd: dir,
      env: { KUBECONFIG: env.kubeconfig },
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Slant: v0.1.0, built from source',
      expect.stringMatching(/^System: linux-(amd64|arm64)$/),
      '---',
      'Docker',
    ]);
    expect(r.stdout).toMatch(/\n- Server Version: \d+\.\d+\.\d+\S*\n- API Version: 1\.\d+\n/);
    expect(r.stdout).toMatch(
      /\n- Namespace: team-a\n- Container Runtime: containerd\n- Version: v1\.\d+\.\d+\n/,
    );
    expect(r.stdout).toContain(`- Cluster Local Registry: &{${env.registry} `);
    expect(lines.at(-2)).toBe('Please send the info above when filing bug reports. 💗');
  });

  test('says Error for what it cannot reach, and still exits 0', async () => {
    const r = await runCli(['doctor'], {
      cwd: dir,
      env: { KUBECONFIG: join(dir, 'missing-kubeconfig'), DOCKER_HOST: 'tcp://127.0.0.1:9' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '- Host: tcp://127.0.0.1:9\n- Server Version: Error: connect ECONNREFUSED 127.0.0.1:9\n',
    );
    expect(r.stdout).toContain('- Cluster Name: Unknown\n');
    expect(r.stdout).toMatch(/\n- Version: Error: .+\n/);
  });
});
