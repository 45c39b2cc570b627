// `npm run bench:live-update [-- --saves 50]`: save → the new content served by the container,
// on the real cluster, p50 and p95 over N saves of a live-updated file, with Slant's phases
// from its API and log times: watch (file event + debounce, to the FileWatch event), queue (to
// the live update starting), transfer (archive + rm + tar exec), visible (from the unpacked
// archive until the served page changed, polled every 5 ms through the port-forward; the run
// step, `exec`, goes on meanwhile). With TILT_BIN, Tilt's total on the same app too.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FileWatch } from '@slant/api';
import { connect, createNamespace, deleteNamespace, uniqueName } from '../env/kube.ts';
import { readSlantEnv, type SlantEnv } from '../slant-env.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, until } from '../three-service/slant-cli.ts';
import { captureOutput, stopProcess, type Tool, tools } from './tools.ts';

const { values } = parseArgs({ options: { saves: { type: 'string', default: '50' } } });
const saves = Math.max(1, Number(values.saves));

interface Save {
  total: number;
  phases?: { watch: number; queue: number; transfer: number; exec: number; visible: number };
}

async function project(dir: string, env: SlantEnv, ns: string, webPort: number): Promise<void> {
  await mkdir(join(dir, 'app/www'), { recursive: true });
  await writeFile(
    join(dir, 'Tiltfile'),
    `allow_k8s_contexts('${env.context}')
docker_build('lu-bench', 'app', live_update=[sync('app/www', '/www'), run('true')])
k8s_yaml('app.yaml')
k8s_resource('lu-bench', port_forwards='${webPort}:8000')
`,
  );
  await writeFile(
    join(dir, 'app/Dockerfile'),
    `FROM ${env.busyboxImage}\nCOPY www /www\nCMD ["httpd", "-f", "-p", "8000", "-h", "/www"]\n`,
  );
  await writeFile(join(dir, 'app/www/index.html'), 'save 0\n');
  await writeFile(
    join(dir, 'app.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: lu-bench, namespace: ${ns}, labels: {app: lu-bench}}
spec:
  selector: {matchLabels: {app: lu-bench}}
  template:
    metadata: {labels: {app: lu-bench}}
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - {name: app, image: lu-bench, ports: [{containerPort: 8000}]}
`,
  );
}

async function served(port: number): Promise<string> {
  try {
    return await (await fetch(`http://127.0.0.1:${port}/index.html`)).text();
  } catch {
    return '';
  }
}

async function slantPhases(api: SlantApi, saved: number, seen: number, afterSeq: number) {
  const fw = await api.get<FileWatch>('filewatches', 'image:lu-bench');
  // The first event after the save (one write can give more than one event).
  const event = Math.min(
    ...(fw?.status?.fileEvents ?? []).map((e) => Date.parse(e.time)).filter((t) => t >= saved),
  );
  const lines = (await api.logs(afterSeq)).filter((l) => l.resource === 'lu-bench');
  const at = (re: RegExp) => Date.parse(lines.find((l) => re.test(l.text))?.time ?? '');
  const started = at(/File(s)? Changed/);
  const copied = at(/^\[CMD 1\/1\]/);
  const done = at(/updated!$/);
  // The page changes once the archive is unpacked; the run step goes on meanwhile.
  const phases = {
    watch: event - saved,
    queue: started - event,
    transfer: copied - started,
    exec: done - copied,
    visible: seen - copied,
  };
  return Object.values(phases).every(Number.isFinite) ? phases : undefined;
}

async function measure(tool: Tool, env: SlantEnv): Promise<Save[]> {
  const kube = connect(env);
  const ns = uniqueName(`lu-${tool.name}`);
  const dir = await mkdtemp(join(tmpdir(), `lu-bench-${tool.name}-`));
  const home = join(dir, '.home');
  const webPort = await freePort();
  const port = await freePort();
  await createNamespace(kube, ns);
  await project(dir, env, ns, webPort);
  const child = tool.up(dir, port, home);
  const output = captureOutput(child);
  const out: Save[] = [];
  try {
    await until(
      `${tool.name}: first page`,
      300_000,
      async () => (await served(webPort)) === 'save 0\n',
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${output()}`);
    });
    const api = tool.name === 'slant' ? new SlantApi(home, port) : undefined;
    for (let i = 1; i <= saves; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const afterSeq = api === undefined ? 0 : ((await api.logs()).at(-1)?.seq ?? 0);
      const want = `save ${i}\n`;
      const saved = Date.now();
      await writeFile(join(dir, 'app/www/index.html'), want);
      const deadline = saved + 30_000;
      while ((await served(webPort)) !== want) {
        if (Date.now() > deadline)
          throw new Error(`${tool.name}: save ${i} never served\n${output()}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const seen = Date.now();
      const s: Save = { total: seen - saved };
      if (api !== undefined) {
        const p = await slantPhases(api, saved, seen, afterSeq);
        if (p !== undefined) s.phases = p;
      }
      out.push(s);
    }
  } finally {
    await stopProcess(child);
    await deleteNamespace(kube, ns);
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

const up = spawnSync('bash', [join(import.meta.dirname, '../../infra/env-up.sh')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (up.status !== 0) throw new Error('infra/env-up.sh failed; see ~/.cache/slant-env/logs');
const env = readSlantEnv();
const results = new Map<string, Save[]>();
for (const tool of tools(env)) {
  process.stderr.write(`${tool.name}: ${saves} live-updated saves…\n`);
  results.set(tool.name, await measure(tool, env));
}
console.log(`\nsave → new content served by the container, Kubernetes (ms over ${saves} saves)`);
console.log('tool      p50    p95   | phase p50: watch  queue  transfer  exec  visible');
for (const [name, rs] of results) {
  const totals = rs.map((r) => r.total);
  const ph = (k: keyof NonNullable<Save['phases']>) => {
    const xs = rs.flatMap((r) => (r.phases === undefined ? [] : [r.phases[k]]));
    return xs.length === 0 ? '-' : String(pct(xs, 50));
  };
  console.log(
    `${name.padEnd(8)}${String(pct(totals, 50)).padStart(5)}${String(pct(totals, 95)).padStart(7)}   |            ${ph('watch').padStart(5)}${ph('queue').padStart(7)}${ph('transfer').padStart(10)}${ph('exec').padStart(6)}${ph('visible').padStart(9)}`,
  );
}
const s = results.get('slant');
const t = results.get('tilt');
if (s !== undefined && t !== undefined) {
  const r =
    pct(
      s.map((x) => x.total),
      50,
    ) /
    pct(
      t.map((x) => x.total),
      50,
    );
  console.log(`\nslant / tilt p50: ${r.toFixed(2)}× (goal ≤ 0.30×; goal p50 ≤ 200 ms)`);
} else {
  console.log(
    '\n(goal p50 ≤ 200 ms; set TILT_BIN to a tilt binary to measure Tilt on the same app)',
  );
}
