// The "assert.star" module of the conformance files and the host builtins behind it. assert's
// failures don't stop execution: error() hands them to the reporter stored in the thread's
// locals, as starlark-go's starlarktest does, so one chunk can report many failed assertions.
import { StarlarkError } from '../errors.ts';
import { EvalError as StarEvalError, formatCallStack } from '../eval/eval-error.ts';
import type { CallFrame } from '../eval/eval-error.ts';
import { execFile } from '../eval/exec.ts';
import { StarThread } from '../eval/thread.ts';
import { DEFAULT_FILE_OPTIONS } from '../syntax/options.ts';
import {
  Builtin,
  Float,
  Module,
  None,
  str,
  typeName,
  decodeUtf8,
  freeze,
} from '../values/index.ts';
import type { Thread, Value } from '../values/index.ts';
import { ASSERT_STAR } from './assert-star.ts';
import { compileGoRegexp } from './go-regexp.ts';

/** Receives failed assertions: the traceback text and the stack (outermost first). */
export interface AssertReporter {
  error(text: string, stack: readonly CallFrame[]): void;
}

const REPORTER_KEY = 'starlarktest.reporter';

export function setReporter(thread: Thread, reporter: AssertReporter): void {
  thread.locals.set(REPORTER_KEY, reporter);
}

function reporterOf(thread: Thread): AssertReporter {
  const r = thread.locals.get(REPORTER_KEY) as AssertReporter | undefined;
  if (r === undefined) throw new StarlarkError('internal error: no assert reporter on this thread');
  return r;
}

const errorBuiltin = new Builtin('error', (thread, args) => {
  if (args.length !== 1) throw new StarlarkError(`error: got ${args.length} arguments, want 1`);
  const stack = thread instanceof StarThread ? thread.callStack().slice(0, -1) : [];
  const msg = typeof args[0] === 'string' ? args[0] : str(args[0]!);
  reporterOf(thread).error(`${formatCallStack(stack)}Error: ${msg}`, stack);
  return None;
});

const catchBuiltin = new Builtin('catch', (thread, args, kwargs) => {
  const fn = args[0] ?? kwargs?.find(([k]) => k === 'fn')?.[1];
  if (args.length + (kwargs?.length ?? 0) !== 1 || fn === undefined) {
    throw new StarlarkError('catch: want exactly one argument, fn');
  }
  try {
    thread.call(fn, [], null);
  } catch (e) {
    if (e instanceof StarEvalError) return e.msg;
    if (e instanceof StarlarkError) return e.message;
    throw e;
  }
  return None;
});

const matchesBuiltin = new Builtin('matches', (_thread, args, kwargs) => {
  const named = new Map(kwargs ?? []);
  const pattern = args[0] ?? named.get('pattern');
  const text = args[1] ?? named.get('str');
  if (typeof pattern !== 'string' || typeof text !== 'string') {
    throw new StarlarkError('matches: want two strings, pattern and str');
  }
  // Strings are UTF-8 bytes; match on the text they spell, as Go's regexp does.
  const re = compileGoRegexp(decodeUtf8(pattern));
  if (typeof re === 'string') throw new StarlarkError(`matches: ${re}`);
  return re.test(decodeUtf8(text));
});

const moduleBuiltin = new Builtin('module', (_thread, args, kwargs) => {
  if (args.length !== 1) throw new StarlarkError(`module: got ${args.length} arguments, want 1`);
  const name = args[0]!;
  if (typeof name !== 'string') {
    throw new StarlarkError(`module: for parameter 1: got ${typeName(name)}, want string`);
  }
  return new Module(name, new Map(kwargs ?? []));
});

const freezeBuiltin = new Builtin('freeze', (_thread, args, kwargs) => {
  if (kwargs !== null && kwargs.length > 0) {
    throw new StarlarkError('freeze does not accept keyword arguments');
  }
  if (args.length !== 1) throw new StarlarkError(`freeze got ${args.length} arguments, wants 1`);
  freeze(args[0]!);
  return args[0]!;
});

function asFloat(fn: string, i: number, v: Value): number {
  if (v instanceof Float) return v.v;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
  throw new StarlarkError(`${fn}: for parameter ${i}: got ${typeName(v)}, want float`);
}

/** Equal, both NaN, or one unit in the last place apart. */
function floatEq(x: number, y: number): boolean {
  if (x === y) return true;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  const bits = new BigUint64Array(new Float64Array([x, y]).buffer);
  const [a, b] = [bits[0]!, bits[1]!];
  return a === b + 1n || b === a + 1n;
}

const floateqBuiltin = new Builtin('floateq', (_thread, args, kwargs) => {
  if (kwargs !== null && kwargs.length > 0) {
    throw new StarlarkError('floateq: unexpected keyword arguments');
  }
  if (args.length !== 2) throw new StarlarkError(`floateq: got ${args.length} arguments, want 2`);
  return floatEq(asFloat('floateq', 1, args[0]!), asFloat('floateq', 2, args[1]!));
});

/** Executes assert.star in a thread of its own; the result is frozen. Callers should cache it. */
export function makeAssertModule(): ReadonlyMap<string, Value> {
  const predeclared = new Map<string, Value>([
    ['error', errorBuiltin],
    ['catch', catchBuiltin],
    ['matches', matchesBuiltin],
    ['module', moduleBuiltin],
    ['_freeze', freezeBuiltin],
    ['_floateq', floateqBuiltin],
  ]);
  const thread = new StarThread({ name: 'assert.star' });
  return execFile(thread, 'assert.star', ASSERT_STAR, predeclared, DEFAULT_FILE_OPTIONS);
}
