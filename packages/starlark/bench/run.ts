// Benchmark runner: `npm run bench:starlark -- [--runs N] [--compare STARLARK_GO_BINARY] [file...]`.
// Runs each program N times, each in a fresh thread, and prints the median (the first run is a
// warm-up and is excluded). With --compare it also times starlark-go's `starlark` command on the
// same files and prints the ratio. Those times include the process start-up, so the table also
// shows the command's time for an empty program and the ratio against the difference.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFile } from '../src/eval/exec.ts';
import { StarThread } from '../src/eval/thread.ts';
import { benchFlags, flagsToOptions } from './flags.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, compare: { type: 'string' } },
  allowPositionals: true,
});
const runs = Math.max(2, Number(values.runs));
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

/** Times one in-process run; returns ms and the printed output. */
function runOurs(file: string, src: string): { ms: number; out: string } {
  const out: string[] = [];
  const thread = new StarThread({ name: 'bench', print: (_t, msg) => out.push(msg) });
  const options = flagsToOptions(benchFlags(src));
  const t0 = performance.now();
  execFile(thread, basename(file), src, new Map(), options);
  const ms = performance.now() - t0;
  return { ms, out: out.join('\n') };
}

function runGo(bin: string, args: string[]): { ms: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync(bin, args, { encoding: 'latin1' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, out: r.stderr.replace(/\n$/, '') }; // the starlark command prints to stderr
}

const rows: string[][] = [];
const header = ['program', 'slant ms'];
let goStartup = 0;
if (values.compare !== undefined) {
  header.push('go ms', 'ratio', 'go net ms', 'ratio net', 'same output');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(runGo(values.compare, ['-c', 'x = 1']).ms);
  goStartup = median(times.slice(1));
  rows.push(['(empty program)', '-', goStartup.toFixed(1), '', '', '', '']);
}

for (const file of files) {
  const src = readFileSync(file, 'latin1');
  const ours: number[] = [];
  let ourOut = '';
  for (let i = 0; i < runs; i++) {
    const r = runOurs(file, src);
    if (i > 0) ours.push(r.ms);
    ourOut = r.out;
  }
  const row = [basename(file), median(ours).toFixed(1)];
  if (values.compare !== undefined) {
    const go: number[] = [];
    let goOut = '';
    for (let i = 0; i < runs; i++) {
      const r = runGo(values.compare, [...benchFlags(src), file]);
      if (i > 0) go.push(r.ms);
      goOut = r.out;
    }
    const g = median(go);
    const net = Math.max(0.1, g - goStartup);
    row.push(
      g.toFixed(1),
      (median(ours) / g).toFixed(2),
      net.toFixed(1),
      (median(ours) / net).toFixed(2),
      goOut === ourOut ? 'yes' : 'NO',
    );
  }
  rows.push(row);
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`median of ${runs - 1} runs after one warm-up`);
console.log(line(header));
for (const r of rows) console.log(line(r));
