// Fuzzing the whole pipeline: every input, generated or mutated, must end in a value or a
// Starlark error with a position, never in a JS exception or a hang (a step limit bounds loops).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StaticError, StaticErrorList } from '../errors.ts';
import { EvalError as StarEvalError } from '../eval/eval-error.ts';
import { evalExpr, execFile } from '../eval/exec.ts';
import { StarThread } from '../eval/thread.ts';
import type { FileOptions } from '../syntax/options.ts';
import { DEFAULT_FILE_OPTIONS, TILT_FILE_OPTIONS } from '../syntax/options.ts';
import { makeAssertModule, setReporter } from '../testing/assert-module.ts';
import type { Value } from '../values/index.ts';
import { PRELUDE, ProgramGenerator } from './generate.ts';
import { CallGenerator } from './calls.ts';
import { ControlGenerator } from './control.ts';
import { mutate } from './mutate.ts';
import { TypedGenerator } from './typed.ts';
import { Rand, toBinary } from './random.ts';

const SEED = Number(process.env.STARLARK_FUZZ_SEED ?? 20240601);
const PROGRAMS = Number(process.env.STARLARK_FUZZ_PROGRAMS ?? 10_000);
const PKG = join(import.meta.dirname, '../..');

/** Seed programs for mutation: the chunks of our testdata and the benchmark programs. */
function seeds(): string[] {
  const out: string[] = [];
  for (const dir of ['testdata', 'bench']) {
    for (const name of readdirSync(join(PKG, dir))
      .filter((n) => n.endsWith('.star'))
      .sort()) {
      out.push(...readFileSync(join(PKG, dir, name), 'latin1').split('\n---\n'));
    }
  }
  return out;
}

/** Why an outcome is not acceptable, or undefined when it is. */
function problem(e: unknown): string | undefined {
  if (e instanceof StaticError) return e.pos.line > 0 ? undefined : 'static error without a line';
  if (e instanceof StaticErrorList) {
    return e.errors.length > 0 && e.errors.every((x) => x.pos.line > 0)
      ? undefined
      : 'empty or positionless error list';
  }
  if (e instanceof StarEvalError) {
    return e.callStack.length > 0 ? undefined : 'run-time error without a call stack';
  }
  return `not a Starlark error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
}

function runOne(
  src: string,
  options: FileOptions,
  assertModule: ReadonlyMap<string, Value>,
): string | undefined {
  const thread = new StarThread({
    name: 'fuzz',
    print: () => {},
    load: (_t, module) => {
      if (module === 'assert.star') return assertModule;
      throw new Error(`no module ${module}`);
    },
    maxSteps: 5_000,
  });
  setReporter(thread, { error: () => {} });
  try {
    execFile(thread, 'fuzz.star', src, new Map(), options);
    return undefined;
  } catch (e) {
    return problem(e);
  }
}

describe('fuzz', () => {
  it(`${PROGRAMS} generated and mutated programs each end in a value or a positioned Starlark error`, () => {
    const r = new Rand(SEED);
    const wild = new ProgramGenerator(r);
    const bound = new ProgramGenerator(r, { prelude: true, maxDepth: 3 });
    const typed = new TypedGenerator(r);
    const calls = new CallGenerator(r);
    const control = new ControlGenerator(r);
    const pool = seeds();
    const assertModule = makeAssertModule();
    for (let i = 0; i < PROGRAMS; i++) {
      const k = r.int(7);
      const src =
        k === 0
          ? wild.program()
          : k === 1
            ? bound.program()
            : k === 2
              ? typed.program()
              : k === 3
                ? calls.program()
                : k === 4
                  ? control.program()
                  : mutate(r, r.pick(pool));
      const options = r.chance(0.5) ? TILT_FILE_OPTIONS : DEFAULT_FILE_OPTIONS;
      const why = runOne(src, options, assertModule);
      if (why !== undefined) {
        expect.fail(`seed ${SEED}, program #${i}: ${why}\n--- program ---\n${src}\n---`);
      }
    }
  }, 120_000);

  it('2,000 generated expressions through evalExpr end in a value or a Starlark error', () => {
    const r = new Rand(SEED + 1);
    const gen = new ProgramGenerator(r, { maxDepth: 3 });
    const thread = new StarThread({ name: 'fuzz-expr', print: () => {}, maxSteps: 5_000 });
    const env = execFile(
      thread,
      'prelude.star',
      `${PRELUDE.join('\n')}\n`,
      new Map(),
      TILT_FILE_OPTIONS,
    );
    for (let i = 0; i < 2_000; i++) {
      const src = toBinary(gen.expr());
      let why: string | undefined;
      try {
        evalExpr(thread, 'expr.star', src, env, TILT_FILE_OPTIONS);
      } catch (e) {
        why = problem(e);
      }
      if (why !== undefined) expect.fail(`seed ${SEED + 1}, expression #${i}: ${why}\n${src}`);
    }
  });

  const deep: ReadonlyArray<readonly [string, string]> = [
    ['10,000 nested lists', `x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['10,000 nested parentheses', `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`],
    ['10,000 nested dicts', `x = ${'{1: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['10,000 unary minus signs', `x = ${'-'.repeat(10_000)}1\n`],
    ['a sum of 10,000 terms', `x = ${'1 + '.repeat(10_000)}1\n`],
    ['10,000 unclosed brackets', `x = ${'['.repeat(10_000)}\n`],
  ];
  for (const [what, src] of deep) {
    it(`${what} end in a value or a Starlark error, not a JS stack overflow`, () => {
      expect(runOne(src, DEFAULT_FILE_OPTIONS, makeAssertModule())).toBeUndefined();
    });
  }

  it('100,000-deep recursion fails with "Starlark stack overflow"', () => {
    const thread = new StarThread({ name: 'deep', print: () => {} });
    const src = 'def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\nx = down(100000)\n';
    let err: unknown;
    try {
      execFile(thread, 'deep.star', src, new Map(), TILT_FILE_OPTIONS);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StarEvalError);
    expect((err as StarEvalError).msg).toBe('Starlark stack overflow');
  });
});
