// docker_build_with_restart from a restart_process-shaped extension (the team repo, read in
// place as a file:// repo) through `slant up` on the real cluster: a code change is synced into
// the running container and the process restarts in place, with no image build and the same pod.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  connect,
  createNamespace,
  deleteNamespace,
  isReady,
  type Kube,
  uniqueName,
} from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantProcess } from '../three-service/slant-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-restart');
let kube: Kube;
let dir = '';

async function readyPod(): Promise<{ uid: string; restarts: number } | undefined> {
  const pods = await kube.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=ticker' });
  const p = pods.items.find((x) => x.metadata?.deletionTimestamp === undefined && isReady(x));
  if (p === undefined) return undefined;
  return {
    uid: p.metadata?.uid ?? '',
    restarts: p.status?.containerStatuses?.[0]?.restartCount ?? 0,
  };
}

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-restart-'));
  await cp(join(import.meta.dirname, 'restart-app'), dir, { recursive: true });
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('restart_process extension', () => {
  test('a synced change restarts the process in the same container, without a rebuild', async () => {
    const up = new SlantProcess(
      ['up', '--stream', '--port', String(await freePort()), '--namespace', ns],
      {
        cwd: dir,
        env: {
          KUBECONFIG: env.kubeconfig,
          SLANT_HOME: join(dir, '.slant-home'),
          EXT_REPO_URL: `file://${resolve(import.meta.dirname, 'repo')}`,
        },
      },
    );
    try {
      await up.waitForOutput(/ticker │ ticker started: v1\n/, 240_000);
      const before = await readyPod();
      expect(before).toBeDefined();
      const mark = up.output.length;
      await writeFile(join(dir, 'app/version.txt'), 'v2\n');
      await up.waitForOutput(/ticker │ ticker started: v2\n/, 60_000, mark);
      const after = up.output.slice(mark);
      expect(after).toMatch(/ticker │ {3}→ Container ticker-[a-z0-9-]+\/ticker updated!/);
      expect(after).not.toMatch(/Building Dockerfile/);
      expect(await readyPod()).toEqual({ uid: before?.uid, restarts: 0 });
    } finally {
      await up.stop();
    }
  });
});
