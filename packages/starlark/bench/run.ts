// Benchmark runner: `npm run bench:starlark -- [--runs N] [--cold N] [--compare STARLARK_GO_BINARY]
// [file...]`. For each program it prints Slant's CPU time three times, all medians:
// - cold: the first run in a fresh process (cold.ts; N processes), as a Tiltfile's first load;
// - warm: a re-run in one process (N runs after a warm-up run, each in a fresh thread), as the
//   Tiltfile's first re-runs on changes in a `slant up`;
// - steady: the same after 30 runs, once V8 has optimized what the program uses.
// With --compare it also times starlark-go's `starlark` command (a fresh process per run) and
// subtracts the command's time for an empty program ("net"), as loading Slant's modules is not
// counted in the cold time: both cold columns are then a first run in a fresh process. starlark-go
// has no JIT warm-up, so its net time is also what a re-run costs it. Ratios are Slant / go net.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFile } from '../src/eval/exec.ts';
import { StarThread } from '../src/eval/thread.ts';
import type { ColdRun } from './cold-run.ts';
import { runCold } from './cold-run.ts';
import { benchFlags, flagsToOptions } from './flags.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    cold: { type: 'string', default: '5' },
    compare: { type: 'string' },
  },
  allowPositionals: true,
});
const runs = Math.max(2, Number(values.runs));
const coldRuns = Math.max(1, Number(values.cold));
const files =
  positionals.length > 0
    ? positionals.map((p) => resolve(p))
    : readdirSync(HERE)
        .filter((f) => f.endsWith('.star'))
        .sort()
        .map((f) => join(HERE, f));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Timing {
  ms: number; // wall-clock
  cpu: number; // user + system CPU ms
  out: string; // the printed output
}

/** Times one in-process run. */
function runOurs(file: string, src: string): Timing {
  const out: string[] = [];
  const thread = new StarThread({ name: 'bench', print: (_t, msg) => out.push(msg) });
  const options = flagsToOptions(benchFlags(src));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  execFile(thread, basename(file), src, new Map(), options);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000, out: out.join('\n') };
}

/**
 * Times the starlark-go command: one run for its output and wall time, then `runs` runs in one
 * shell loop under GNU time, whose CPU total (10 ms resolution) divided by runs is the CPU time.
 */
function runGo(bin: string, args: string[]): Timing {
  const t0 = performance.now();
  const r = spawnSync(bin, args, { encoding: 'latin1' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr}`);
  const timeFile = join(tmpdir(), `slant-bench-time-${process.pid}`);
  const loop = `for i in $(seq ${runs}); do "$0" "$@" >/dev/null 2>&1; done`;
  spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S', 'sh', '-c', loop, bin, ...args]);
  const [user = 0, sys = 0] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
  rmSync(timeFile, { force: true });
  // The starlark command prints to stderr.
  return { ms, cpu: ((user + sys) * 1000) / runs, out: r.stderr.replace(/\n$/, '') };
}

const rows: string[][] = [];
const header = ['program', 'cold cpu', 'cold main', 'warm cpu', 'warm ms', 'steady cpu'];
// The steady column: runs after this many, when V8 has optimized what the program uses.
const STEADY_AFTER = 30;
let goStartup = { ms: 0, cpu: 0 };
if (values.compare !== undefined) {
  header.push('go cpu', 'go net', 'cold ratio', 'warm ratio', 'steady ratio', 'same output');
  const t = runGo(values.compare, ['-c', 'x = 1']);
  goStartup = { ms: t.ms, cpu: t.cpu };
  rows.push(['(go empty program)', '', '', '', '', '', goStartup.cpu.toFixed(1)]);
}

for (const file of files) {
  const src = readFileSync(file, 'latin1');
  const warm: Timing[] = [];
  const steady: Timing[] = [];
  const cold: ColdRun[] = [];
  try {
    for (let i = 0; i < coldRuns; i++) cold.push(runCold(file));
    for (let i = 0; i < runs; i++) {
      const r = runOurs(file, src);
      if (i > 0) warm.push(r);
    }
    // Keep re-running: the last `runs - 1` of STEADY_AFTER + runs - 1 runs.
    for (let i = runs; i < STEADY_AFTER + runs - 1; i++) {
      const r = runOurs(file, src);
      if (i >= STEADY_AFTER) steady.push(r);
    }
  } catch (e) {
    const msg =
      e instanceof Error && 'backtrace' in e
        ? String((e as { backtrace(): string }).backtrace())
        : String(e);
    console.error(`${basename(file)}: ${msg}`);
    rows.push([basename(file), 'error']);
    continue;
  }
  const coldCpu = median(cold.map((t) => t.cpu.total));
  const warmCpu = median(warm.map((t) => t.cpu));
  const steadyCpu = median(steady.map((t) => t.cpu));
  const row = [
    basename(file),
    coldCpu.toFixed(1),
    median(cold.map((t) => t.main.total)).toFixed(1),
    warmCpu.toFixed(1),
    median(warm.map((t) => t.ms)).toFixed(1),
    steadyCpu.toFixed(1),
  ];
  if (values.compare !== undefined) {
    const go = runGo(values.compare, [...benchFlags(src), file]);
    const net = Math.max(0.1, go.cpu - goStartup.cpu);
    const outputs = [...cold, ...warm, ...steady].map((t) => t.out);
    row.push(
      go.cpu.toFixed(1),
      net.toFixed(1),
      (coldCpu / net).toFixed(2),
      (warmCpu / net).toFixed(2),
      (steadyCpu / net).toFixed(2),
      outputs.every((o) => o === go.out) ? 'yes' : 'NO',
    );
  }
  rows.push(row);
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(
  [
    'CPU ms (user + system), medians.',
    `cold: first run in a fresh Node process, interpreter loaded but not JIT-compiled (${coldRuns} processes);`,
    '  cold main: its main thread alone (the rest is V8 compiling and collecting on other threads)',
    `warm: re-run in one process, fresh thread per run (${runs - 1} runs after a warm-up run); warm ms is wall time`,
    `steady: the same, ${runs - 1} runs after ${STEADY_AFTER} (a Tiltfile re-run late in a long slant up)`,
    ...(values.compare === undefined
      ? []
      : [
          `go: the starlark command, a fresh process per run (${runs} runs); net = minus its empty-program time`,
          'ratios: slant cold, warm or steady cpu / go net',
        ]),
  ].join('\n'),
);
console.log(line(header));
for (const r of rows) console.log(line(r));
