// Differential test of the scanner, parser and resolver against starlark-go: builds main.go
// inside a temporary copy of a starlark-go checkout, feeds both implementations the same inputs
// (chunks of .star files, random mutations of them, generated expressions) and compares the
// errors byte for byte, or the dump of the resolved tree. Needs Go; nothing is downloaded.
// Usage: node packages/starlark/src/resolve/difftest/run.ts [--starlark-go DIR] [--seed N]
//        [--count N] [DIR|FILE ...]
// Exits 1 on any mismatch, printing the first few (their inputs are kept as mismatch-N.star in
// the scratch directory, which is removed when all inputs agree).

import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { StaticError, StaticErrorList } from '../../errors.ts';
import { resolveFile } from '../resolve.ts';
import { parseFile } from '../../syntax/parse.ts';
import { dumpFile } from './dump.ts';

const { values, positionals } = parseArgs({
  options: {
    'starlark-go': { type: 'string', default: '/work/starlark-go' },
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '20000' },
  },
  allowPositionals: true,
});
const sg = values['starlark-go'];
const here = import.meta.dirname;
const pkg = join(here, '../../..');
const dirs =
  positionals.length > 0
    ? positionals
    : ['syntax', 'resolve', 'starlark', 'starlarkstruct']
        .map((d) => join(sg, d, 'testdata'))
        .concat([join(pkg, 'testdata'), join(pkg, 'bench')]);

// Build the Go side in a scratch copy of the module (so internal packages resolve, offline).
const work = mkdtempSync(join(tmpdir(), 'slantdiff-'));
cpSync(sg, join(work, 'sg'), { recursive: true });
mkdirSync(join(work, 'sg/cmd/slantdiff'), { recursive: true });
cpSync(join(here, 'main.go'), join(work, 'sg/cmd/slantdiff/main.go'));
const bin = join(work, 'slantdiff');
execFileSync('go', ['build', '-o', bin, './cmd/slantdiff'], {
  cwd: join(work, 'sg'),
  env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' },
  stdio: 'inherit',
});

let state = Number(values.seed) | 0;
const rnd = (n: number): number => {
  state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
  return state % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)] as T;

const seeds: string[] = [];
const addFile = (path: string): void => {
  for (const chunk of readFileSync(path, 'latin1').split('\n---\n')) seeds.push(chunk);
};
for (const d of dirs) {
  if (statSync(d).isFile()) addFile(d);
  else for (const f of readdirSync(d)) if (f.endsWith('.star')) addFile(join(d, f));
}

// Fragments that provoke scanner, parser and resolver corner cases (binary strings).
const SNIPPETS =
  `( ) : , \n \t lambda * ** = ' " """ \\ \\\n # if else for in not 0x 1e 0o8 0b2 07 09 . [ ] { } \r \r\n
  \xc3\xa9 \xff def load( return x += ; break continue pass while elif \\x \\u12 \\U0011ffff \\400
  r" b" rb" br" $ ! != <= < == | & ^ ~ - % // << >> \x00 set M U and or f(a=1,2) _ async assert
  99999999999999999999 0o7777777777777777777777 1.5e999 .5 1. \xe2\x82\xac \xc2\xa0 \xe2\x80 \x0c ? @`
    .split(/ +/)
    .concat(['  ', '        ', ' = ', ' in ', ' else ']);
const OPTIONS = [
  '',
  '# option:globalreassign option:toplevelcontrol option:while option:set option:recursion\n',
  '# option:loadbindsglobally\n',
];

function mutate(s: string): string {
  let out = s;
  for (let k = 1 + rnd(3); k > 0; k--) {
    const p = rnd(out.length + 1);
    const r = rnd(4);
    if (r === 0) out = out.slice(0, p) + out.slice(p + 1 + rnd(4));
    else if (r === 1) out = out.slice(0, p) + pick(SNIPPETS) + out.slice(p);
    else if (r === 2)
      out = out.slice(0, p) + out.slice(rnd(out.length + 1)).slice(0, 30) + out.slice(p);
    else {
      const lines = out.split('\n');
      const a = rnd(lines.length);
      const b = rnd(lines.length);
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      out = lines.join('\n');
    }
  }
  return out;
}

const OPS =
  ' in | not in | < | == | >= | != | and | or | | | ^ | & | << | >> | + | - | * | // | % | / '.split(
    '|',
  );
function expr(d: number): string {
  switch (d > 4 ? 0 : rnd(12)) {
    case 0:
    case 1:
      return pick(['a', 'b', '1', 'x.y', 'f(a)', 'l[0]', '"s"', 'l[1:]']);
    case 2:
      return `(${expr(d + 1)})`;
    case 3:
    case 4:
    case 5:
    case 6:
      return expr(d + 1) + pick(OPS) + expr(d + 1);
    case 7:
      return `not ${expr(d + 1)}`;
    case 8:
      return pick(['-', '+', '~']) + expr(d + 1);
    case 9:
      return `${expr(d + 1)} if ${expr(d + 1)} else ${expr(d + 1)}`;
    case 10:
      return `lambda: ${expr(d + 1)}`;
    default:
      return `[${expr(d + 1)} for a in ${expr(d + 1)}${rnd(2) ? ` if ${expr(d + 1)}` : ''}]`;
  }
}

const count = Number(values.count);
const inputs = [...seeds];
for (let i = 0; i < count; i++) inputs.push(pick(OPTIONS) + mutate(pick(seeds)));
for (let i = 0; i < count / 4; i++) inputs.push(`def f(a, b, l, x):\n  return ${expr(0)}\n`);

const input = `${inputs.map((s) => Buffer.from(s, 'latin1').toString('base64')).join('\n')}\n`;
const res = spawnSync(bin, [], { input, maxBuffer: 1 << 30 });
const want = res.stdout
  .toString()
  .replace(/\n$/, '')
  .split('\n')
  .map((l) => Buffer.from(l, 'base64').toString('latin1'));

const universal = new Set(['U', 'float', 'len', 'print', 'set', 'True', 'False', 'None']);
function check(src: string): string {
  const has = (name: string): boolean => src.includes(`option:${name}`);
  const options = {
    set: has('set'),
    while: has('while'),
    topLevelControl: has('toplevelcontrol'),
    globalReassign: has('globalreassign'),
    loadBindsGlobally: has('loadbindsglobally'),
    recursion: has('recursion'),
  };
  try {
    const f = parseFile('t.star', src, options);
    resolveFile(
      f,
      (name) => name === 'M',
      (name) => universal.has(name),
    );
    return `OK\n${dumpFile(f)}`;
  } catch (e) {
    if (e instanceof StaticErrorList) return e.errors.map((x) => `R ${x.message}`).join('\n');
    if (e instanceof StaticError) return `P ${e.message}`;
    return `CRASH ${(e as Error).stack}`;
  }
}

let mismatches = 0;
inputs.forEach((src, i) => {
  const got = check(src);
  if (got === want[i]) return;
  mismatches++;
  if (mismatches > 5) return;
  const file = join(work, `mismatch-${mismatches}.star`);
  writeFileSync(file, src, 'latin1');
  const show = (s: string | undefined): string => JSON.stringify((s ?? '').slice(0, 400));
  console.log(`mismatch on ${file}\n  starlark-go: ${show(want[i])}\n  slant:       ${show(got)}`);
});
const ok = want.filter((w) => w.startsWith('OK')).length;
console.log(`${inputs.length} inputs (${ok} valid), ${mismatches} mismatches`);
if (mismatches > 0) process.exitCode = 1;
else rmSync(work, { recursive: true, force: true });
