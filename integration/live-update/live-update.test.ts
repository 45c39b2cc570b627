// live_update on the real cluster through `slant up`: a synced change is served by the same pod
// (no rebuild), run steps follow their triggers, a deleted file disappears, a restarted container
// or a replacement pod gets the changes replayed, many quick saves end with the last content;
// fall_back_on, a file outside the syncs or an image without tar rebuild the image instead.
import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveUpdate, UIResource } from '@slant/api';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { NodeContainerExec } from '../../packages/slant/src/k8s/exec-node.ts';
import {
  connect,
  createNamespace,
  deleteNamespace,
  isReady,
  type Kube,
  uniqueName,
} from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, SlantProcess, until } from '../three-service/slant-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-lu');
let kube: Kube;
let dir = '';
let webPort = 0;

async function readyPod(
  app = 'web',
): Promise<{ name: string; uid: string; restarts: number } | undefined> {
  const pods = await kube.core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` });
  const p = pods.items.find((x) => x.metadata?.deletionTimestamp === undefined && isReady(x));
  if (p === undefined) return undefined;
  return {
    name: p.metadata?.name ?? '',
    uid: p.metadata?.uid ?? '',
    restarts: p.status?.containerStatuses?.[0]?.restartCount ?? 0,
  };
}

async function page(path: string): Promise<string> {
  try {
    const res = await fetch(`http://127.0.0.1:${webPort}/${path}`);
    return res.status === 200 ? await res.text() : `HTTP ${res.status}`;
  } catch (err) {
    return `error ${(err as Error).message}`;
  }
}

async function catInPod(pod: string, path: string): Promise<string> {
  const exec = new NodeContainerExec({ kubeconfigPath: env.kubeconfig, context: env.context });
  const r = await exec.run({ namespace: ns, pod, container: 'web' }, ['cat', path]);
  return r.exitCode === 0 ? r.stdout : `exit ${r.exitCode}`;
}

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-lu-'));
  await cp(join(import.meta.dirname, 'app'), dir, { recursive: true });
  webPort = await freePort();
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('live_update on Kubernetes', () => {
  test('syncs, runs, deletes, replays, coalesces, and falls back to a rebuild', async () => {
    const port = await freePort();
    const home = join(dir, '.slant-home');
    const slant = new SlantProcess(['up', '--stream', '--port', String(port), '--namespace', ns], {
      cwd: dir,
      env: { KUBECONFIG: env.kubeconfig, SLANT_HOME: home, WEB_PORT: String(webPort) },
    });
    const api = () => new SlantApi(home, port);
    try {
      for (const r of ['web', 'notar']) {
        await until(`${r} healthy`, 240_000, async () => {
          const ui = await api().get<UIResource>('uiresources', r);
          return ui?.status?.updateStatus === 'ok' && ui.status.runtimeStatus === 'ok';
        });
      }
      await until(
        'the page through the forward',
        30_000,
        async () => (await page('index.html')) === '<h1>v1</h1>\n',
      );
      const first = await readyPod();
      expect(first).toBeDefined();

      // 1. A synced change is served by the same pod; the untriggered run step ran, the
      // config-triggered one did not.
      let mark = slant.output.length;
      const saved = Date.now();
      await writeFile(join(dir, 'web/www/index.html'), '<h1>v2</h1>\n');
      await until('v2 served', 30_000, async () => (await page('index.html')) === '<h1>v2</h1>\n');
      console.log(`live update: save → new page served in ${Date.now() - saved} ms`);
      expect((await readyPod())?.uid).toBe(first?.uid);
      await slant.waitForOutput(/web │ {3}→ Container web-[a-z0-9-]+\/web updated!/, 10_000, mark);
      expect(slant.output.slice(mark)).toContain(
        "- '" + join(dir, 'web/www/index.html') + "' --> '/www/index.html'",
      );
      expect(slant.output.slice(mark)).not.toMatch(/STEP 1\/\d — Building Dockerfile/);
      // The fast path: the receiver kept open in the container carried the update.
      expect(slant.output.slice(mark)).toMatch(/web │ {6}Synced in \d+ ms via receiver: /);
      const pod = first?.name ?? '';
      expect(await catInPod(pod, '/state/config-copy')).toMatch(/^exit /);
      expect(await catInPod(pod, '/state/any-change')).not.toMatch(/^exit /);
      await writeFile(join(dir, 'web/www/config.json'), '{"v": 2}\n');
      await until(
        'the triggered step ran',
        30_000,
        async () => (await catInPod(pod, '/state/config-copy')) === '{"v": 2}\n',
      );

      // 2. A deleted file is removed in the container.
      expect(await page('old.html')).toBe('old page\n');
      await unlink(join(dir, 'web/www/old.html'));
      await until('old.html gone', 30_000, async () => (await page('old.html')) === 'HTTP 404');

      // 3. 20 saves within 100 ms end with the last content, in a few syncs.
      mark = slant.output.length;
      for (let i = 0; i < 20; i++) {
        await writeFile(join(dir, 'web/www/index.html'), `<h1>burst ${i}</h1>\n`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await until(
        'the last burst content',
        30_000,
        async () => (await page('index.html')) === '<h1>burst 19</h1>\n',
      );
      await new Promise((r) => setTimeout(r, 1000));
      const syncs = slant.output.slice(mark).match(/updated!/g)?.length ?? 0;
      expect(syncs).toBeGreaterThanOrEqual(1);
      expect(syncs).toBeLessThanOrEqual(4);

      // 4. A restarted container starts from the image, and gets the changes replayed.
      await kube.core.readNamespacedPod({ name: pod, namespace: ns });
      await new NodeContainerExec({ kubeconfigPath: env.kubeconfig, context: env.context })
        .run({ namespace: ns, pod, container: 'web' }, ['killall', 'httpd'])
        .catch(() => undefined);
      await until(
        'the container restarted',
        60_000,
        async () => ((await readyPod())?.restarts ?? 0) >= 1,
      );
      await until(
        'the replayed page',
        30_000,
        async () => (await page('index.html')) === '<h1>burst 19</h1>\n',
      );
      expect(await page('old.html')).toBe('HTTP 404');
      expect((await readyPod())?.uid).toBe(first?.uid);

      // 4b. A deleted pod's replacement gets the changes replayed too.
      await kube.core.deleteNamespacedPod({ name: pod, namespace: ns });
      const replaced = await until('the replacement pod', 120_000, async () => {
        const p = await readyPod();
        return p !== undefined && p.uid !== first?.uid ? p : undefined;
      });
      await until(
        'the replayed page in the new pod',
        30_000,
        async () => (await page('index.html')) === '<h1>burst 19</h1>\n',
      );
      expect(await page('old.html')).toBe('HTTP 404');

      // 5. fall_back_on: a full rebuild and a new pod.
      mark = slant.output.length;
      await writeFile(join(dir, 'web/www/fallback.txt'), 'fallback 2\n');
      await slant.waitForOutput(
        /Detected change to stop file ".*web\/www\/fallback\.txt"/,
        30_000,
        mark,
      );
      await slant.waitForOutput(/web │ STEP 1\/3 — Building Dockerfile/, 60_000, mark);
      const rebuilt = await until('a new pod after the rebuild', 120_000, async () => {
        const p = await readyPod();
        return p !== undefined && p.uid !== replaced.uid ? p : undefined;
      });
      expect(await page('index.html')).toBe('<h1>burst 19</h1>\n');

      // 6. A file outside every sync: a rebuild too; then live update works again.
      await until('live update ready again', 30_000, async () => {
        const lu = await api().get<LiveUpdate>('liveupdates', 'web:web');
        return lu?.status?.failed === undefined;
      });
      mark = slant.output.length;
      await writeFile(join(dir, 'web/other.txt'), 'not synced 2\n');
      await slant.waitForOutput(
        /Found file\(s\) not matching any sync \(files: \[.*web\/other\.txt\]\)/,
        30_000,
        mark,
      );
      // The image comes out the same (other.txt is not copied into it): same tag, same pod.
      await slant.waitForOutput(/web │ STEP 3\/3 — Deploying/, 120_000, mark);
      await until('live update ready after the rebuild', 30_000, async () => {
        const lu = await api().get<LiveUpdate>('liveupdates', 'web:web');
        return lu?.status?.failed === undefined;
      });
      await writeFile(join(dir, 'web/www/index.html'), '<h1>v3</h1>\n');
      await until('v3 served', 30_000, async () => (await page('index.html')) === '<h1>v3</h1>\n');
      expect((await readyPod())?.uid).toBe(rebuilt.uid);

      // 7. An image without tar: a clear error, then a rebuild replaces the pod.
      const notar = await readyPod('notar');
      mark = slant.output.length;
      await writeFile(join(dir, 'notar/www/index.html'), 'notar 2\n');
      await slant.waitForOutput(
        /notar │ .*This usually means that Tilt could not exec `tar`\./,
        60_000,
        mark,
      );
      await slant.waitForOutput(/notar │ STEP 1\/3 — Building Dockerfile/, 60_000, mark);
      await until('a rebuilt notar pod', 120_000, async () => {
        const p = await readyPod('notar');
        return p !== undefined && p.uid !== notar?.uid;
      });
    } finally {
      await slant.stop('SIGTERM');
    }
  });
});
