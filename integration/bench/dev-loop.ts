// Save → rebuilt image rolled out → new pod Ready, on a one-service app: edit the served file,
// watch the cluster for the replacement pod. The time is split into phases from the tools' own
// API objects (DockerImage build and push stages, KubernetesApply), the same kinds in both.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerImage, KubernetesApply } from '@slant/api';
import { connect, createNamespace, deleteNamespace, uniqueName } from '../env/kube.ts';
import type { SlantEnv } from '../slant-env.ts';
import { freePort } from '../three-service/ports.ts';
import { until } from '../three-service/slant-cli.ts';
import { PodReadyWatch } from './pod-watch.ts';
import { captureOutput, stopProcess, type Tool } from './tools.ts';

export interface LoopRun {
  total: number;
  /** Phases in ms, from the tool's own API objects: save → build start, build, push, push end → applied, applied → Ready. */
  phases?: { watch: number; build: number; push: number; apply: number; ready: number };
}

const APP = 'bench-app';

export interface LoopOptions {
  readonly runs: number;
  /** The app's readinessProbe (an HTTP GET every second); without it Ready = container started. */
  readonly readinessProbe: boolean;
}

async function writeProject(
  dir: string,
  env: SlantEnv,
  ns: string,
  readinessProbe: boolean,
): Promise<void> {
  await mkdir(join(dir, 'app'), { recursive: true });
  await writeFile(
    join(dir, 'Tiltfile'),
    `allow_k8s_contexts('${env.context}')\ndocker_build('${APP}', 'app')\nk8s_yaml('app.yaml')\n`,
  );
  await writeFile(
    join(dir, 'app', 'Dockerfile'),
    `FROM ${env.busyboxImage}\nCOPY index.html /www/index.html\nCMD ["httpd", "-f", "-p", "8000", "-h", "/www"]\n`,
  );
  await writeFile(join(dir, 'app', 'index.html'), '<h1>bench 0</h1>\n');
  await writeFile(
    join(dir, 'app.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${APP}, namespace: ${ns}, labels: {app: ${APP}}}
spec:
  selector: {matchLabels: {app: ${APP}}}
  template:
    metadata: {labels: {app: ${APP}}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: app
        image: ${APP}
        ports: [{containerPort: 8000}]
${readinessProbe ? PROBE : ''}`,
  );
}

const PROBE = `        readinessProbe:
          httpGet: {path: /index.html, port: 8000}
          periodSeconds: 1
`;

/**
 * The kubelet notices a started container on its 1 s relist (and probes every periodSeconds), so
 * Ready lands on its ticks. A fixed pause after the previous rollout would lock every edit to the
 * same phase of that tick and favour whichever tool happens to finish just before one; edits are
 * instead spread evenly over the second, the same offsets for both tools.
 */
function phaseOffset(i: number, runs: number): number {
  // Stride 3 visits every slot once for any run count not divisible by 3, in a mixed order.
  const slot = runs % 3 === 0 ? i - 1 : ((i - 1) * 3) % runs;
  return Math.floor((slot * 1000) / runs);
}

const ms = (t: string | undefined): number => (t === undefined ? Number.NaN : Date.parse(t));

async function phasesOf(
  list: <T>(plural: string) => Promise<T[]>,
  saved: number,
  readyAt: number,
): Promise<LoopRun['phases']> {
  const [image] = await list<DockerImage>('dockerimages');
  const [ka] = await list<KubernetesApply>('kubernetesapplys');
  const done = image?.status?.completed;
  const buildStart = ms(done?.startedAt);
  const push =
    done?.startedAt === undefined
      ? undefined
      : image?.status?.stageStatuses?.find((s) => s.name === 'docker push');
  const buildEnd = push?.startedAt === undefined ? ms(done?.finishedAt) : ms(push.startedAt);
  const pushEnd = push?.finishedAt === undefined ? buildEnd : ms(push.finishedAt);
  const applied = ms(ka?.status?.lastApplyTime);
  if (!(buildStart >= saved) || !(applied >= saved)) return undefined;
  return {
    watch: buildStart - saved,
    build: buildEnd - buildStart,
    push: pushEnd - buildEnd,
    apply: applied - pushEnd,
    ready: readyAt - applied,
  };
}

/** Starts `tool` on the app, waits for the first pod, then measures `runs` edits. */
export async function measureDevLoop(
  tool: Tool,
  env: SlantEnv,
  opts: LoopOptions,
): Promise<LoopRun[]> {
  const { runs } = opts;
  const kube = connect(env);
  const ns = uniqueName(`bench-${tool.name}`);
  const dir = await mkdtemp(join(tmpdir(), `bench-${tool.name}-`));
  const home = join(dir, '.home');
  await createNamespace(kube, ns);
  await writeProject(dir, env, ns, opts.readinessProbe);
  const pods = await PodReadyWatch.start(kube.kc, ns);
  const port = await freePort();
  const child = tool.up(dir, port, home);
  const output = captureOutput(child);
  const results: LoopRun[] = [];
  try {
    child.once('exit', (code) => pods.fail(`${tool.name} exited (${code}):\n${output()}`));
    child.once('exit', (code) => pods.fail(`${tool.name} exited (${code}):\n${output()}`));
    const first = await pods
      .waitFor(`${tool.name}: the first ${APP} pod`, 300_000, (p) => p.app === APP)
      .catch((err: Error) => {
        throw new Error(`${err.message}\n${output()}`);
      });
    const seen = new Set([first.uid]);
    const objects = tool.objects(home, port);
    for (let i = 1; i <= runs; i++) {
      // Let the previous rollout finish (old pod gone) so runs don't overlap.
      await until('the previous rollout to settle', 60_000, async () => pods.live().length === 1);
      await new Promise((r) => setTimeout(r, 1000 + phaseOffset(i, runs)));
      const saved = Date.now();
      await writeFile(join(dir, 'app', 'index.html'), `<h1>bench ${i} ${saved}</h1>\n`);
      const pod = await pods
        .waitFor(
          `${tool.name}: the pod of edit ${i}`,
          120_000,
          (p) => p.app === APP && !seen.has(p.uid),
        )
        .catch((err: Error) => {
          throw new Error(`${err.message}\n${output()}`);
        });
      seen.add(pod.uid);
      const run: LoopRun = { total: pod.readyAt - saved };
      const phases = await phasesOf(objects, saved, pod.readyAt).catch(() => undefined);
      if (phases !== undefined) run.phases = phases;
      results.push(run);
    }
  } finally {
    pods.stop();
    await stopProcess(child);
    await deleteNamespace(kube, ns);
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
