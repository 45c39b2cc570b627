// `node packages/starlark/bench/cold.ts FILE`: runs one benchmark program once, in this fresh
// process, and prints {"cpu", "ms", "out"} as JSON: the cost of a first run (nothing of the
// interpreter is JIT-compiled yet), as a Tiltfile's first load pays it. Loading the interpreter's
// modules is not counted, as starlark-go's process start-up is subtracted from its time (run.ts).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { execFile } from '../src/eval/exec.ts';
import { StarThread } from '../src/eval/thread.ts';
import { benchFlags, flagsToOptions } from './flags.ts';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: cold.ts FILE');
const src = readFileSync(file, 'latin1');
const out: string[] = [];
const thread = new StarThread({ name: 'bench', print: (_t, msg) => out.push(msg) });
const options = flagsToOptions(benchFlags(src));
const c0 = process.cpuUsage();
const t0 = performance.now();
execFile(thread, basename(file), src, new Map(), options);
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ cpu: (c.user + c.system) / 1000, ms, out: out.join('\n') }));
