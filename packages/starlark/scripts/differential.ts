// Differential testing against starlark-go's `starlark` command (a binary built outside the
// repo): `node packages/starlark/scripts/differential.ts --starlark-go BIN [--count N] [--seed S]`.
// Generates programs (--typed: type-directed ones that mostly run to the end and print values;
// --calls: functions called with random arguments; --control: loops, closures, augmented
// assignments; --strings: string methods on tricky Unicode text; --json, --math, --time: the modules;
// --mutate: mutations of Slant's test
// programs), runs each under both implementations in the command's dialect (--flags, default
// "-globalreassign -recursion": Tilt's dialect), and compares the output: print() lines, then
// the backtrace of a run-time error or the message of a static error. Prints each mismatch
// (--brief: only the first differing line); exits 1 if any.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { flagsToOptions } from '../bench/flags.ts';
import { makeJsonModule, makeMathModule, makeTimeModule } from '../src/builtins/universe.ts';
import { StaticError, StaticErrorList } from '../src/errors.ts';
import { EvalError as StarEvalError } from '../src/eval/eval-error.ts';
import { execFile } from '../src/eval/exec.ts';
import { StarThread } from '../src/eval/thread.ts';
import { ProgramGenerator } from '../src/fuzz/generate.ts';
import { mutate } from '../src/fuzz/mutate.ts';
import { TypedGenerator } from '../src/fuzz/typed.ts';
import { CallGenerator } from '../src/fuzz/calls.ts';
import { ControlGenerator } from '../src/fuzz/control.ts';
import { ModuleGenerator } from '../src/fuzz/modules.ts';
import { StringGenerator } from '../src/fuzz/strings.ts';
import { Rand } from '../src/fuzz/random.ts';

const { values } = parseArgs({
  options: {
    'starlark-go': { type: 'string' },
    count: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    depth: { type: 'string', default: '2' },
    show: { type: 'string', default: '20' },
    brief: { type: 'boolean', default: false },
    mutate: { type: 'boolean', default: false },
    typed: { type: 'boolean', default: false },
    calls: { type: 'boolean', default: false },
    control: { type: 'boolean', default: false },
    strings: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    math: { type: 'boolean', default: false },
    time: { type: 'boolean', default: false },
    flags: { type: 'string', default: '-globalreassign -recursion' },
  },
});
const bin = values['starlark-go'];
if (bin === undefined) {
  console.error('usage: differential.ts --starlark-go BIN [--count N] [--seed S] [--depth D]');
  process.exit(2);
}
const FLAGS = values.flags.split(/\s+/).filter(Boolean);
const options = flagsToOptions(FLAGS);
const dir = mkdtempSync(join(tmpdir(), 'slant-differential-'));
const file = join(dir, 'prog.star');

/** Our run, printed as the starlark command prints it (everything on one stream). */
function ours(src: string): string {
  const out: string[] = [];
  const thread = new StarThread({
    name: 'differential',
    print: (_t, msg) => out.push(`${msg}\n`),
    maxSteps: 1_000_000,
  });
  const env = new Map([
    ['json', makeJsonModule()],
    ['math', makeMathModule()],
    ['time', makeTimeModule()],
  ]);
  try {
    execFile(thread, file, src, env, options);
  } catch (e) {
    if (e instanceof StarEvalError) out.push(`${e.backtrace()}\n`);
    else if (e instanceof StaticError || e instanceof StaticErrorList) out.push(`${e.message}\n`);
    else out.push(`CRASH ${e instanceof Error ? e.stack : String(e)}\n`);
  }
  return out.join('');
}

function theirs(): string {
  const r = spawnSync(bin!, [...FLAGS, file], { encoding: 'latin1', timeout: 10_000 });
  return r.error ? `TIMEOUT/ERROR ${r.error.message}` : r.stderr;
}

const rand = new Rand(Number(values.seed));
const gen = new ProgramGenerator(rand, { prelude: true, maxDepth: Number(values.depth) });

/** With --mutate: chunks of Slant's testdata and benchmarks without load() (files differ). */
function seedPool(): string[] {
  const pkg = join(import.meta.dirname, '..');
  const out: string[] = [];
  for (const sub of ['testdata', 'bench']) {
    for (const name of readdirSync(join(pkg, sub)).filter((n) => n.endsWith('.star'))) {
      const chunks = readFileSync(join(pkg, sub, name), 'latin1').split('\n---\n');
      out.push(...chunks.filter((c) => !c.includes('load(')));
    }
  }
  return out;
}
const pool = values.mutate ? seedPool() : [];
const typed = new TypedGenerator(rand);
const calls = new CallGenerator(rand);
const control = new ControlGenerator(rand);
const strings = new StringGenerator(rand);
const modules = new ModuleGenerator(rand);
function nextProgram(): string {
  if (values.mutate) return mutate(rand, rand.pick(pool));
  if (values.typed) return typed.program();
  if (values.calls) return calls.program();
  if (values.control) return control.program();
  if (values.strings) return strings.program();
  if (values.json) return modules.jsonProgram();
  if (values.math) return modules.mathProgram();
  if (values.time) return modules.timeProgram();
  return gen.program();
}
let mismatches = 0;
let errors = 0;
const count = Number(values.count);
for (let i = 0; i < count; i++) {
  const src = nextProgram();
  writeFileSync(file, src, 'latin1');
  const want = theirs();
  if (want.startsWith('TIMEOUT')) continue;
  const got = ours(src);
  if (/Error|error|:\d+:\d+: /.test(want)) errors++;
  if (got === want) continue;
  mismatches++;
  if (values.brief) {
    const w = want.split('\n');
    const g = got.split('\n');
    const k = w.findIndex((line, j) => line !== g[j]);
    // The differing line, and the last lines (the error messages) when they differ too.
    console.log(`#${i} line ${k + 1}:\n  go:    ${w[k]}\n  slant: ${g[k]}`);
    const [wl, gl] = [w.at(-2), g.at(-2)];
    if (wl !== gl) console.log(`  go ends:    ${wl}\n  slant ends: ${gl}`);
  } else if (mismatches <= Number(values.show)) {
    console.log(
      `=== program #${i} (seed ${values.seed})\n${src}--- starlark-go\n${want}--- slant\n${got}`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`${count} programs, ${errors} ending in an error, ${mismatches} mismatches`);
process.exitCode = mismatches > 0 ? 1 : 0;
