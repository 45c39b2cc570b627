// Benchmark runner: `npm run bench:starlark -- [--runs N] [--compare STARLARK_GO_BINARY] [file...]`.
// Runs each program N times, each in a fresh thread, and prints the median (the first run is a
// warm-up and is excluded). With --compare it also times starlark-go's `starlark` command on the
// same files and prints the ratios of CPU time (the goal: Slant within 1.5x). The Go times include
// the process start-up, so the table also shows the command's time for an empty program and the
// ratio against the difference ("net"). Slant's times are in-process, after warm-up.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFile } from '../src/eval/exec.ts';
import { StarThread } from '../src/eval/thread.ts';
import { benchFlags, flagsToOptions } from './flags.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '11' }, compare: { type: 'string' } },
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
const header = ['program', 'slant 1st ms', 'slant ms', 'slant cpu'];
let goStartup = { ms: 0, cpu: 0 };
if (values.compare !== undefined) {
  header.push('go ms', 'go cpu', 'go net cpu', 'cpu ratio', 'net ratio', 'same output');
  const t = runGo(values.compare, ['-c', 'x = 1']);
  goStartup = { ms: t.ms, cpu: t.cpu };
  rows.push(['(go empty program)', '', '', '', goStartup.ms.toFixed(1), goStartup.cpu.toFixed(1)]);
}

for (const file of files) {
  const src = readFileSync(file, 'latin1');
  const ours: Timing[] = [];
  let ourOut = '';
  let first = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const r = runOurs(file, src);
      if (i > 0) ours.push(r);
      else first = r.ms;
      ourOut = r.out;
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
  const ourMs = median(ours.map((t) => t.ms));
  const ourCpu = median(ours.map((t) => t.cpu));
  const row = [basename(file), first.toFixed(1), ourMs.toFixed(1), ourCpu.toFixed(1)];
  if (values.compare !== undefined) {
    const go = runGo(values.compare, [...benchFlags(src), file]);
    const goOut = go.out;
    const goMs = go.ms;
    const goCpu = go.cpu;
    const net = Math.max(0.1, goCpu - goStartup.cpu);
    row.push(
      goMs.toFixed(1),
      goCpu.toFixed(1),
      net.toFixed(1),
      (ourCpu / Math.max(0.1, goCpu)).toFixed(2),
      (ourCpu / net).toFixed(2),
      goOut === ourOut ? 'yes' : 'NO',
    );
  }
  rows.push(row);
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(
  `median of ${runs - 1} runs after a warm-up run (1st); cpu = user + system ms; fresh thread per run`,
);
console.log(line(header));
for (const r of rows) console.log(line(r));
