// A running session at rest: 50 resources (Deployments on the cluster and local serve_cmds),
// everything up, then the tool's resident memory and CPU sampled while nothing changes.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createNamespace, deleteNamespace, uniqueName } from '../env/kube.ts';
import type { SlantEnv } from '../slant-env.ts';
import { freePort } from '../three-service/ports.ts';
import { until } from '../three-service/slant-cli.ts';
import { PodReadyWatch } from './pod-watch.ts';
import { captureOutput, processUsage, stopProcess, type Tool } from './tools.ts';

export interface IdleResult {
  resources: number;
  /** Start → every Deployment Ready and every serve_cmd running. */
  startMs: number;
  /** Median resident set size over the window, bytes. */
  rss: number;
  /** CPU used over the window, percent of one core. */
  cpuPercent: number;
}

function deployments(ns: string, count: number, image: string): string {
  return Array.from(
    { length: count },
    (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: svc-${i}, namespace: ${ns}, labels: {app: svc-${i}}}
spec:
  selector: {matchLabels: {app: svc-${i}}}
  template:
    metadata: {labels: {app: svc-${i}}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: app
        image: ${image}
        command: ["sleep", "3600"]
`,
  ).join('---\n');
}

function countProcesses(pattern: string): number {
  try {
    return Number(execFileSync('pgrep', ['-fc', pattern], { encoding: 'utf8' }).trim());
  } catch {
    // pgrep exits 1 when nothing matches
    return 0;
  }
}

export async function measureIdle(
  tool: Tool,
  env: SlantEnv,
  opts: { resources: number; seconds: number },
): Promise<IdleResult> {
  const kube = connect(env);
  const ns = uniqueName(`idle-${tool.name}`);
  const dir = await mkdtemp(join(tmpdir(), `idle-${tool.name}-`));
  const pods = Math.max(1, Math.round(opts.resources / 5));
  const locals = opts.resources - pods;
  // A sleep length no other process uses, so the serve_cmds can be counted (and cleaned up).
  const marker = String(7_200_000 + Math.floor(Math.random() * 100_000));
  const lines = [
    `allow_k8s_contexts('${env.context}')`,
    `k8s_yaml('app.yaml')`,
    ...Array.from(
      { length: locals },
      (_, i) => `local_resource('local-${i}', serve_cmd='exec sleep ${marker}')`,
    ),
  ];
  await writeFile(join(dir, 'Tiltfile'), `${lines.join('\n')}\n`);
  await writeFile(join(dir, 'app.yaml'), deployments(ns, pods, env.registryBusyboxImage));
  await createNamespace(kube, ns);
  const watch = await PodReadyWatch.start(kube.kc, ns);
  const started = Date.now();
  const child = tool.up(dir, await freePort(), join(dir, '.home'));
  const output = captureOutput(child);
  try {
    await until(`${tool.name}: ${opts.resources} resources up`, 600_000, async () => {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${output()}`);
      return watch.live().length >= pods && countProcesses(`sleep ${marker}`) >= locals;
    }).catch((err: Error) => {
      throw new Error(`${err.message}\n${output()}`);
    });
    const startMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 5000));
    const pid = child.pid ?? 0;
    const before = processUsage(pid);
    const rss: number[] = [];
    for (let s = 0; s < opts.seconds; s++) {
      await new Promise((r) => setTimeout(r, 1000));
      rss.push(processUsage(pid).rss);
    }
    const after = processUsage(pid);
    rss.sort((a, b) => a - b);
    return {
      resources: opts.resources,
      startMs,
      rss: rss[Math.floor(rss.length / 2)] ?? 0,
      cpuPercent: ((after.cpu - before.cpu) / opts.seconds) * 100,
    };
  } finally {
    watch.stop();
    await stopProcess(child);
    try {
      execFileSync('pkill', ['-9', '-f', `sleep ${marker}`]);
    } catch {
      // none left: the tool stopped them
    }
    await deleteNamespace(kube, ns);
    await rm(dir, { recursive: true, force: true });
  }
}
