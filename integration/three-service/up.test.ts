// `slant up` on the three-service app against the real environment: a source edit rebuilds only
// its image and replaces only its pods; a Dockerfile error shows on its resource and recovers; a
// crash shows the restart count; a Tiltfile error leaves everything running; the port-forward
// follows the new pod; a restart re-attaches without redeploying; `down` removes only what Slant
// applied; no serve_cmd survives Slant, even killed with SIGKILL.
import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tiltfile, UIResource } from '@slant/api';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  connect,
  createNamespace,
  deleteNamespace,
  isReady,
  type Kube,
  uniqueName,
} from '../env/kube.ts';
import { freePort } from './ports.ts';
import { SlantApi, SlantProcess, until } from './slant-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-up');
const tickerSleep = String(3_600_000 + Math.floor(Math.random() * 100_000));
let kube: Kube;
let dir = '';
let home = '';
let apiPort = 0;

async function readyPods(): Promise<Record<string, string>> {
  const pods = await kube.core.listNamespacedPod({ namespace: ns });
  const out: Record<string, string> = {};
  for (const p of pods.items) {
    if (p.metadata?.deletionTimestamp !== undefined) continue;
    if (!isReady(p)) continue;
    out[p.metadata?.labels?.app ?? ''] = p.metadata?.uid ?? '';
  }
  return out;
}

async function fetchApi(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${apiPort}/index.html`);
  return res.text();
}

function tickerAlive(): boolean {
  try {
    execFileSync('pgrep', ['-f', `sleep ${tickerSleep}`]);
    return true;
  } catch {
    return false;
  }
}

function startUp(port: number): { slant: SlantProcess; api: () => SlantApi } {
  const slant = new SlantProcess(['up', '--stream', '--port', String(port), '--namespace', ns], {
    cwd: dir,
    env: {
      KUBECONFIG: env.kubeconfig,
      SLANT_HOME: home,
      API_PORT: String(apiPort),
      TICKER_SLEEP: tickerSleep,
    },
  });
  return { slant, api: () => new SlantApi(home, port) };
}

async function allHealthy(api: SlantApi): Promise<boolean> {
  const uis = await api.list<UIResource>('uiresources');
  const res = uis.filter((u) => u.metadata.name !== '(Tiltfile)');
  return (
    res.length === 5 &&
    res.every(
      (u) =>
        u.status?.updateStatus === 'ok' &&
        (u.status.runtimeStatus === 'ok' || u.status.runtimeStatus === 'not_applicable'),
    )
  );
}

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-up-'));
  home = join(dir, '.slant-home');
  await cp(join(import.meta.dirname, 'app'), dir, { recursive: true });
  apiPort = await freePort();
});

afterAll(async () => {
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('slant up', () => {
  test('the dev loop: targeted rebuilds, errors that recover, re-attach, down', async () => {
    const port = await freePort();
    let { slant, api } = startUp(port);
    await until('every resource healthy', 240_000, () => allHealthy(api()));
    expect(await fetchApi()).toBe('<h1>api v1</h1>\n');
    const before = await readyPods();
    expect(Object.keys(before).sort()).toEqual(['api', 'cache', 'worker']);
    expect(tickerAlive()).toBe(true);

    // 1. A worker source edit rebuilds only the worker image and replaces only its pod.
    let mark = slant.output.length;
    const workerSh = join(dir, 'worker/worker.sh');
    await writeFile(workerSh, (await readFile(workerSh, 'utf8')).replace('worker v1', 'worker v2'));
    await slant.waitForOutput(/worker │ 1 File Changed: \[worker\/worker\.sh\]/, 60_000, mark);
    await slant.waitForOutput(/worker │ worker v2 tick 0/, 120_000, mark);
    const afterWorker = await until('a new ready worker pod', 120_000, async () => {
      const p = await readyPods();
      return p.worker !== undefined && p.worker !== before.worker ? p : undefined;
    });
    expect(afterWorker.api).toBe(before.api);
    expect(afterWorker.cache).toBe(before.cache);
    expect(slant.output.slice(mark)).not.toMatch(/ {10}api │ STEP/);

    // 2. An api edit replaces the api pod; the port-forward answers from the new pod.
    mark = slant.output.length;
    await writeFile(join(dir, 'api/index.html'), '<h1>api v2</h1>\n');
    await until('a new ready api pod', 120_000, async () => {
      const p = await readyPods();
      return p.api !== undefined && p.api !== before.api ? p.api : undefined;
    });
    const readyAt = Date.now();
    await until(
      'the forward to answer from the new pod',
      30_000,
      async () => (await fetchApi()) === '<h1>api v2</h1>\n',
    );
    console.log(`port-forward answered ${Date.now() - readyAt} ms after the new api pod was Ready`);

    // 3. A Dockerfile error shows in that resource's log and status; fixing it recovers.
    mark = slant.output.length;
    const dockerfile = join(dir, 'api/Dockerfile');
    const goodDockerfile = await readFile(dockerfile, 'utf8');
    await writeFile(
      dockerfile,
      goodDockerfile.replace('COPY index.html', 'RUN exit 3\nCOPY index.html'),
    );
    // BuildKit's text for a failed RUN, as the daemon words it (older daemons: "executor failed
    // running [/bin/sh -c exit 3]"; newer: "process \"/bin/sh -c exit 3\" did not complete").
    const runFailed =
      /ImageBuild: (?:executor failed running \[\/bin\/sh -c exit 3\]|process "\/bin\/sh -c exit 3" did not complete successfully): exit code: 3$/;
    await slant.waitForOutput(
      new RegExp(`api │ ERROR: Build Failed: ${runFailed.source}`, 'm'),
      120_000,
      mark,
    );
    const failed = await until('the api build error in status', 30_000, async () => {
      const ui = await api().get<UIResource>('uiresources', 'api');
      return ui?.status?.updateStatus === 'error' ? ui : undefined;
    });
    expect(failed.status?.buildHistory?.[0]?.error).toMatch(new RegExp(`^${runFailed.source}`));
    await writeFile(dockerfile, goodDockerfile);
    await until('api healthy again', 120_000, async () => {
      const ui = await api().get<UIResource>('uiresources', 'api');
      return ui?.status?.updateStatus === 'ok' && ui.status.runtimeStatus === 'ok';
    });

    // 4. A Tiltfile syntax error keeps every resource running and shows file:line.
    const stable = await readyPods();
    const tiltfile = join(dir, 'Tiltfile');
    const goodTiltfile = await readFile(tiltfile, 'utf8');
    await appendFile(tiltfile, 'foo(\n');
    const tf = await until('the Tiltfile error', 60_000, async () => {
      const t = await api().get<Tiltfile>('tiltfiles', '(Tiltfile)');
      return t?.status?.terminated?.error !== undefined ? t : undefined;
    });
    // The error is at the end of the file, the line after `foo(`.
    const eofLine = goodTiltfile.split('\n').length + 1;
    expect(tf.status?.terminated?.error).toBe(
      `${tiltfile}:${eofLine}:1: got end of file, want ')'`,
    );
    expect(await readyPods()).toEqual(stable);
    expect((await api().list<UIResource>('uiresources')).length).toBe(6);
    await writeFile(tiltfile, goodTiltfile);
    await until('the Tiltfile loads again', 60_000, async () => {
      const t = await api().get<Tiltfile>('tiltfiles', '(Tiltfile)');
      return t?.status?.terminated !== undefined && t.status.terminated.error === undefined;
    });

    // 5. A crashing container marks the resource unhealthy with its restart count.
    mark = slant.output.length;
    const goodWorker = await readFile(workerSh, 'utf8');
    await writeFile(workerSh, 'echo worker crashing\nexit 1\n');
    const crashed = await until('worker in error with restarts', 180_000, async () => {
      const ui = await api().get<UIResource>('uiresources', 'worker');
      const k = ui?.status?.k8sResourceInfo;
      return ui?.status?.runtimeStatus === 'error' && (k?.podRestarts ?? 0) >= 1 ? ui : undefined;
    });
    expect(crashed.status?.k8sResourceInfo?.podStatus).toMatch(/^(CrashLoopBackOff|Error)$/);
    // The restart and the cluster's back-off event are in the worker's log, in Tilt's words.
    await slant.waitForOutput(
      /worker │ WARNING: Detected container restart\. Pod: worker-[a-z0-9-]+\. Container: worker\./,
      60_000,
      mark,
    );
    await slant.waitForOutput(
      new RegExp(
        `worker │ \\[event: pod ${ns}/worker-[a-z0-9-]+\\] Back-off restarting failed container`,
      ),
      120_000,
      mark,
    );
    await writeFile(workerSh, goodWorker);
    await until('every resource healthy again', 180_000, () => allHealthy(api()));

    // 6. Stopping Slant stops its serve_cmd; a restart re-attaches without redeploying.
    const deployed = await readyPods();
    expect(await slant.stop('SIGTERM')).toBe(0);
    expect(tickerAlive()).toBe(false);
    ({ slant, api } = startUp(port));
    await until('every resource healthy after restart', 240_000, () => allHealthy(api()));
    expect(await readyPods()).toEqual(deployed);
    // Killed outright, Slant still leaves no serve_cmd behind.
    expect(tickerAlive()).toBe(true);
    await slant.stop('SIGKILL');
    await until('the ticker to be gone after SIGKILL', 10_000, async () => !tickerAlive());

    // 7. `slant down` deletes what Slant applied and nothing else.
    await kube.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'foreign' }, data: { keep: 'me' } },
    });
    const down = new SlantProcess(['down', '--namespace', ns], {
      cwd: dir,
      env: { KUBECONFIG: env.kubeconfig, SLANT_HOME: home, API_PORT: String(apiPort) },
    });
    expect(await down.exited, down.output).toBe(0);
    const deps = await kube.objects.list('apps/v1', 'Deployment', ns);
    expect(deps.items.map((d) => d.metadata?.name)).toEqual([]);
    const cm = await kube.core.readNamespacedConfigMap({ name: 'foreign', namespace: ns });
    expect(cm.data).toEqual({ keep: 'me' });
  });
});
