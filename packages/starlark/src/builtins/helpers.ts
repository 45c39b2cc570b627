// Small helpers shared by the builtin methods.
import { StarlarkError } from '../errors.ts';
import { asInt32, intErr } from '../values/list.ts';
import type { StarObject, Value } from '../values/object.ts';
import { None } from '../values/primitives.ts';

/**
 * starlark-go `indices`: optional start/end (None or absent = default) clamped to [0, n].
 * Errors are prefixed with the method name.
 */
export function sliceIndices(
  name: string,
  lo: Value | undefined,
  hi: Value | undefined,
  n: number,
): [number, number] {
  let start = 0;
  if (lo !== undefined && lo !== None) start = index(name, lo, n, 'start');
  start = start < 0 ? 0 : Math.min(start, n);
  let end = n;
  if (hi !== undefined && hi !== None) end = index(name, hi, n, 'end');
  end = end < 0 ? 0 : Math.min(end, n);
  return [start, end];
}

function index(name: string, v: Value, n: number, which: string): number {
  const i = asInt32(v);
  if (i === undefined) throw new StarlarkError(`${name}: invalid ${which} index: ${intErr(v)}`);
  return i < 0 ? i + n : i;
}

/** Calls f on each element of an iterable value, releasing the iteration lock. */
export function iterElems(x: StarObject, f: (v: Value) => void): void {
  const it = x.iterate()!;
  try {
    for (let v = it.next(); v !== undefined; v = it.next()) f(v);
  } finally {
    it.done();
  }
}

/** Prefixes a StarlarkError's message with "name: " (starlark-go nameErr). */
export function nameErr<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StarlarkError) throw new StarlarkError(`${name}: ${e.message}`);
    throw e;
  }
}
