// `slant ci` on the three-service app against the real Docker, registry and cluster: every
// resource built, pushed, applied and Ready; exit 0 with build, push, apply and pod logs per
// resource in the output.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { connect, createNamespace, deleteNamespace, type Kube, uniqueName } from '../env/kube.ts';
import { freePort } from './ports.ts';
import { SlantProcess } from './slant-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-ci');
let kube: Kube;
let dir = '';

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-ci-'));
  await cp(join(import.meta.dirname, 'app'), dir, { recursive: true });
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('slant ci', () => {
  test('builds, pushes and deploys every resource, then exits 0 when all are healthy', async () => {
    const port = await freePort();
    const slant = new SlantProcess(
      ['ci', '--port', String(port), '--namespace', ns, '--timeout', '4m'],
      {
        cwd: dir,
        env: {
          KUBECONFIG: env.kubeconfig,
          SLANT_HOME: join(dir, '.slant-home'),
          API_PORT: String(await freePort()),
        },
      },
    );
    const code = await slant.exitWithin(280_000);
    const out = slant.output;
    expect(code, out).toBe(0);
    expect(out).toContain('Successfully loaded Tiltfile');
    for (const image of ['api', 'worker']) {
      expect(out).toContain(`STEP 1/3 — Building Dockerfile: [${image}]`);
      expect(out).toMatch(
        new RegExp(`STEP 2/3 — Pushing localhost:5005/${image}:tilt-[0-9a-f]{16}`),
      );
      expect(out).toContain(`→ ${image}:deployment`);
    }
    expect(out).toContain('→ cache:deployment');
    // Pod logs, prefixed by their resource.
    expect(out).toMatch(/ {8}cache │ cache ready\n/);
    expect(out).toMatch(/ {7}worker │ worker v1 tick 0\n/);
    expect(out).toMatch(/ {9}seed │ seeding the cache\n/);
    expect(out).toMatch(/ {7}ticker │ ticker up\n/);
    expect(out.trimEnd().endsWith('SUCCESS. All workloads are healthy.')).toBe(true);
    const pods = await kube.core.listNamespacedPod({ namespace: ns });
    const running = pods.items
      .filter((p) => p.status?.phase === 'Running')
      .map((p) => p.metadata?.labels?.app)
      .sort();
    expect(running).toEqual(['api', 'cache', 'worker']);
  });
});
