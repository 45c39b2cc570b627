// `node packages/starlark/bench/cold.ts FILE`: runs one benchmark program once, in this fresh
// process, and prints JSON: the output, the wall ms, and the CPU ms of each stage (what execFile
// does, stage by stage), as the whole process (`cpu`: JIT compiler and GC threads included) and
// as the main thread alone (`main`). It is the cost of a first run, nothing of the interpreter
// JIT-compiled yet, as a Tiltfile's first load pays it. Loading the interpreter's modules is not
// counted, as starlark-go's process start-up is subtracted from its time (run.ts).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { universe } from '../src/builtins/universe.ts';
import { compileResolved, decodeSource, execProgram } from '../src/eval/exec.ts';
import { StarThread } from '../src/eval/thread.ts';
import { resolveFile } from '../src/resolve/resolver.ts';
import { parseFile } from '../src/syntax/parse.ts';
import type { ColdRun, Stage } from './cold-run.ts';
import { STAGES } from './cold-run.ts';
import { benchFlags, flagsToOptions } from './flags.ts';

function ms(c: NodeJS.CpuUsage): number {
  return (c.user + c.system) / 1000;
}

function coldRun(file: string): ColdRun {
  const src = readFileSync(file, 'latin1');
  const name = basename(file);
  const out: string[] = [];
  const thread = new StarThread({ name: 'bench', print: (_t, msg) => out.push(msg) });
  const options = flagsToOptions(benchFlags(src));
  const univ = universe();
  const cpu = { parse: 0, resolve: 0, compile: 0, exec: 0, total: 0 };
  const main = { ...cpu };
  let c0 = ms(process.cpuUsage());
  let m0 = ms(process.threadCpuUsage());
  const lap = (stage: Stage): void => {
    const c1 = ms(process.cpuUsage());
    const m1 = ms(process.threadCpuUsage());
    cpu[stage] = c1 - c0;
    main[stage] = m1 - m0;
    c0 = c1;
    m0 = m1;
  };
  const t0 = performance.now();
  const f = parseFile(name, decodeSource(src), options);
  lap('parse');
  resolveFile(
    f,
    () => false,
    (n) => univ.has(n),
  );
  lap('resolve');
  const prog = compileResolved(f, univ);
  lap('compile');
  execProgram(thread, prog, new Map());
  lap('exec');
  const wall = performance.now() - t0;
  for (const s of STAGES) {
    cpu.total += cpu[s];
    main.total += main[s];
  }
  return { out: out.join('\n'), ms: wall, cpu, main };
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: cold.ts FILE');
process.stdout.write(JSON.stringify(coldRun(file)));
