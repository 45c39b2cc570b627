// `npm run bench:live-update [-- --saves 50 --runtime kubernetes,compose]`: save → the new
// content served by the container, on the real cluster and on a Docker Compose service, p50 and
// p95 over N saves of a live-updated file, with Slant's phases
// from its API and log times: watch (file event + debounce, to the FileWatch event), queue (to
// the live update starting), transfer (archive + rm + tar exec), visible (from the unpacked
// archive until the served page changed, polled every 5 ms through the port-forward or the
// published port; the run step, `exec`, goes on meanwhile). With TILT_BIN, Tilt's total on the
// same app too.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FileWatch } from '@slant/api';
import { readSlantEnv, type SlantEnv } from '../slant-env.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, until } from '../three-service/slant-cli.ts';
import { benchApp, type Runtime } from './live-update-apps.ts';
import { captureOutput, stopProcess, type Tool, tools } from './tools.ts';

const { values } = parseArgs({
  options: {
    saves: { type: 'string', default: '50' },
    runtime: { type: 'string', default: 'kubernetes,compose' },
  },
});
const saves = Math.max(1, Number(values.saves));
const runtimes = values.runtime.split(',').filter((r): r is Runtime => r !== '');

interface Save {
  total: number;
  phases?: { watch: number; queue: number; transfer: number; exec: number; visible: number };
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

async function measure(tool: Tool, env: SlantEnv, runtime: Runtime): Promise<Save[]> {
  const app = benchApp(runtime, env, tool.name);
  const dir = await mkdtemp(join(tmpdir(), `lu-bench-${tool.name}-`));
  const home = join(dir, '.home');
  const webPort = await freePort();
  const port = await freePort();
  await app.setup(dir, webPort);
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
    await app.cleanup();
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
for (const runtime of runtimes) {
  for (const tool of tools(env)) {
    process.stderr.write(`${tool.name}: ${saves} live-updated saves on ${runtime}…\n`);
    results.set(`${tool.name}/${runtime}`, await measure(tool, env, runtime));
  }
}
console.log(`\nsave → new content served by the container (ms over ${saves} saves)`);
console.log('tool/runtime       p50    p95   | phase p50: watch  queue  transfer  exec  visible');
for (const [name, rs] of results) {
  const totals = rs.map((r) => r.total);
  const ph = (k: keyof NonNullable<Save['phases']>) => {
    const xs = rs.flatMap((r) => (r.phases === undefined ? [] : [r.phases[k]]));
    return xs.length === 0 ? '-' : String(pct(xs, 50));
  };
  console.log(
    `${name.padEnd(17)}${String(pct(totals, 50)).padStart(5)}${String(pct(totals, 95)).padStart(7)}   |            ${ph('watch').padStart(5)}${ph('queue').padStart(7)}${ph('transfer').padStart(10)}${ph('exec').padStart(6)}${ph('visible').padStart(9)}`,
  );
}
const p50 = (rs: Save[]) =>
  pct(
    rs.map((x) => x.total),
    50,
  );
const compared = runtimes.flatMap((runtime) => {
  const s = results.get(`slant/${runtime}`);
  const t = results.get(`tilt/${runtime}`);
  return s === undefined || t === undefined ? [] : [`${runtime} ${(p50(s) / p50(t)).toFixed(2)}×`];
});
if (compared.length > 0) {
  console.log(`\nslant / tilt p50: ${compared.join(', ')} (goal ≤ 0.30×; goal p50 ≤ 200 ms)`);
} else {
  console.log(
    '\n(goal p50 ≤ 200 ms; set TILT_BIN to a tilt binary to measure Tilt on the same app)',
  );
}
