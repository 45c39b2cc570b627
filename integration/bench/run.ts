// `npm run bench [-- --runs 5 --resources 50 --idle-seconds 20 --only loop|idle --no-probe
// --legacy-builder]`: the engine's figures on the real environment. Save → new pod Ready (median
// of the runs, split into phases from each tool's own objects; --no-probe drops the app's 1 s
// readinessProbe, so Ready waits on no probe period) and a resting session's memory and CPU with
// N resources. Both tools use BuildKit when the daemon has it, as they choose by default;
// --legacy-builder sets DOCKER_BUILDKIT=0 for both. With TILT_BIN set to a tilt binary, the same
// measurements run against Tilt and the ratios are printed next to the goals.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSlantEnv } from '../slant-env.ts';
import { type LoopRun, measureDevLoop } from './dev-loop.ts';
import { type IdleResult, measureIdle } from './idle.ts';
import { tools } from './tools.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    resources: { type: 'string', default: '50' },
    'idle-seconds': { type: 'string', default: '20' },
    only: { type: 'string' },
    'no-probe': { type: 'boolean', default: false },
    'legacy-builder': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));

const up = spawnSync('bash', [join(import.meta.dirname, '../../infra/env-up.sh')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (up.status !== 0) throw new Error('infra/env-up.sh failed; see ~/.cache/slant-env/logs');
const env = readSlantEnv();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
const loops = new Map<string, LoopRun[]>();
const idles = new Map<string, IdleResult>();

for (const tool of tools(env, { legacyBuilder: values['legacy-builder'] })) {
  if (values.only !== 'idle') {
    process.stderr.write(`${tool.name}: dev loop, ${runs} edits…\n`);
    loops.set(
      tool.name,
      await measureDevLoop(tool, env, { runs, readinessProbe: !values['no-probe'] }),
    );
  }
  if (values.only !== 'loop') {
    process.stderr.write(`${tool.name}: idle with ${values.resources} resources…\n`);
    idles.set(
      tool.name,
      await measureIdle(tool, env, {
        resources: Number(values.resources),
        seconds: Number(values['idle-seconds']),
      }),
    );
  }
}

if (loops.size > 0) {
  const probe = `${values['no-probe'] ? 'no readinessProbe' : 'readinessProbe every 1 s'}; ${
    values['legacy-builder'] ? 'legacy builder' : 'default builder'
  }`;
  console.log(`\nsave → rebuilt image rolled out, new pod Ready (ms; median of ${runs}; ${probe})`);
  console.log(
    `${'tool'.padEnd(6)}${pad('total', 8)}${pad('watch', 8)}${pad('build', 8)}${pad('push', 8)}${pad('apply', 8)}${pad('ready', 8)}   runs`,
  );
  for (const [name, rs] of loops) {
    const phase = (k: keyof NonNullable<LoopRun['phases']>): string => {
      const xs = rs.flatMap((r) => (r.phases === undefined ? [] : [r.phases[k]]));
      return xs.length === 0 ? '-' : median(xs).toFixed(0);
    };
    console.log(
      `${name.padEnd(6)}${pad(median(rs.map((r) => r.total)).toFixed(0), 8)}${pad(phase('watch'), 8)}${pad(phase('build'), 8)}${pad(phase('push'), 8)}${pad(phase('apply'), 8)}${pad(phase('ready'), 8)}   ${rs.map((r) => r.total).join(' ')}`,
    );
  }
  console.log(
    '  watch = save → build start (file event, debounce, scheduling); apply = push end → applied; ready = applied → new pod Ready',
  );
}
if (idles.size > 0) {
  console.log(
    `\nat rest with ${values.resources} resources (1/5 Deployments, the rest local serve_cmds)`,
  );
  console.log(
    `${'tool'.padEnd(6)}${pad('start→up ms', 13)}${pad('RSS MiB', 10)}${pad('CPU %', 8)}`,
  );
  for (const [name, r] of idles) {
    console.log(
      `${name.padEnd(6)}${pad(r.startMs, 13)}${pad((r.rss / 2 ** 20).toFixed(1), 10)}${pad(r.cpuPercent.toFixed(2), 8)}`,
    );
  }
}
const sl = loops.get('slant');
const tl = loops.get('tilt');
const si = idles.get('slant');
const ti = idles.get('tilt');
if (tl !== undefined || ti !== undefined) {
  console.log('\nslant / tilt');
  if (sl !== undefined && tl !== undefined) {
    const r = median(sl.map((x) => x.total)) / median(tl.map((x) => x.total));
    console.log(`  rebuild time ${r.toFixed(2)}× (goal ≤ 0.70×)`);
    // What each tool controls (save → applied) and what the cluster does (applied → Ready, the
    // same kubelet for both): how far the tool's share can move the total.
    const own = (rs: LoopRun[]): number =>
      median(rs.flatMap((x) => (x.phases === undefined ? [] : [x.total - x.phases.ready])));
    const ready = (rs: LoopRun[]): number =>
      median(rs.flatMap((x) => (x.phases === undefined ? [] : [x.phases.ready])));
    console.log(
      `  save → applied ${(own(sl) / own(tl)).toFixed(2)}× (${own(sl).toFixed(0)} vs ${own(tl).toFixed(0)} ms); applied → Ready alone (the cluster's part) is ${(ready(sl) / median(tl.map((x) => x.total))).toFixed(2)}× Tilt's total: the ratio Slant would reach if its own part took 0 ms`,
    );
  }
  if (si !== undefined && ti !== undefined) {
    console.log(`  RSS          ${(si.rss / ti.rss).toFixed(2)}× (goal ≤ 0.50×)`);
    console.log(`  start→up     ${(si.startMs / ti.startMs).toFixed(2)}×`);
  }
} else {
  console.log(
    '\n(set TILT_BIN to a tilt binary to measure Tilt on the same apps and print the ratios)',
  );
}
