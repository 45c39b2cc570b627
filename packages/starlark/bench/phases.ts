// `node packages/starlark/bench/phases.ts [--runs N] [--cold] [file...]`: where the time of each
// benchmark program goes: CPU ms per run of parse, parse + resolve, parse + resolve + compile, and
// the execution of the compiled program (medians over N runs after N warm-up runs). With --cold,
// the stages of a first run instead, each in a fresh process (cold.ts; medians over N processes),
// for the whole process and for its main thread alone.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  compileFile,
  execProgram,
  parseFile,
  resolveFile,
  StarThread,
  universe,
} from '../src/index.ts';
import { runCold, STAGES } from './cold-run.ts';
import { benchFlags, flagsToOptions } from './flags.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, cold: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const runs = Math.max(1, Number(values.runs));
const files =
  positionals.length > 0
    ? positionals.map((p) => resolve(p))
    : readdirSync(HERE)
        .filter((f) => f.endsWith('.star'))
        .sort()
        .map((f) => join(HERE, f));

/** Median CPU ms of fn over runs, after as many warm-up runs. */
function cpu(fn: () => void): number {
  for (let i = 0; i < runs; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** First-run stages, each a separate CPU time (a later stage runs warmer than the first). */
function coldPhases(): void {
  console.log(
    `first run in a fresh process: CPU ms, medians of ${runs} processes (process / main thread)`,
  );
  console.log(`program             ${[...STAGES, 'total'].map((s) => s.padStart(15)).join('')}`);
  for (const file of files) {
    const rs = Array.from({ length: runs }, () => runCold(file));
    const cells = [...STAGES, 'total' as const].map((s) => {
      const cpu = median(rs.map((r) => r.cpu[s])).toFixed(1);
      const main = median(rs.map((r) => r.main[s])).toFixed(1);
      return `${cpu} / ${main}`.padStart(15);
    });
    console.log(`${basename(file).padEnd(20)}${cells.join('')}`);
  }
}

function warmPhases(): void {
  const univ = universe();
  console.log('program               parse  +resolve  +compile   exec   (CPU ms, medians)');
  for (const file of files) {
    const src = readFileSync(file, 'latin1');
    const options = flagsToOptions(benchFlags(src));
    const name = basename(file);
    const parse = cpu(() => parseFile(name, src, options));
    const resolved = cpu(() =>
      resolveFile(
        parseFile(name, src, options),
        () => false,
        (n) => univ.has(n),
      ),
    );
    const compiled = cpu(() => compileFile(name, src, new Map(), options));
    const prog = compileFile(name, src, new Map(), options);
    const exec = cpu(() => execProgram(new StarThread({ print: () => {} }), prog, new Map()));
    const cells = [parse, resolved, compiled, exec].map((x) => x.toFixed(2).padStart(8));
    console.log(`${name.padEnd(20)}${cells.join('  ')}`);
  }
}

if (values.cold) coldPhases();
else warmPhases();
