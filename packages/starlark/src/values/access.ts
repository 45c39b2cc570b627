// Indexing, slicing, iteration, len, fields, freezing: the operations on any value.
import { StarlarkError } from '../errors.ts';
import { nearest } from '../spell.ts';
import { typeName } from './compare.ts';
import { asInt32, intErr, seqIndex } from './list.ts';
import { StarObject } from './object.ts';
import type { StarIterator, Value } from './object.ts';
import { None, sliceString } from './primitives.ts';
import { repr } from './repr.ts';

/** x[i]. */
export function getIndex(x: Value, i: Value): Value {
  if (typeof x === 'string') {
    if (typeof i === 'number' && i >= 0 && i < x.length) return x[i]!;
    return x[seqIndex(i, x.length, STRING_TYPE, true)]!;
  }
  if (x instanceof StarObject) {
    if (x.isMapping) {
      const v = x.get(i);
      if (v === undefined) {
        throw new StarlarkError(`key ${repr(i)} not in ${x.type}`);
      }
      return v;
    }
    if (x.indexable) {
      const n = x.len();
      if (typeof i === 'number' && i >= 0 && i < n) return x.index(i);
      return x.index(seqIndex(i, n, x, true));
    }
  }
  throw new StarlarkError(`unhandled index operation ${typeName(x)}[${typeName(i)}]`);
}

/** A stand-in StarObject for messages about strings (typed "string"). */
class StringTypeName extends StarObject {
  get type(): string {
    return 'string';
  }
}
const STRING_TYPE = new StringTypeName();

/** x[k] = v. */
export function setIndex(x: Value, k: Value, v: Value): void {
  if (x instanceof StarObject) {
    x.setIndex(k, v);
    return;
  }
  throw new StarlarkError(`${typeName(x)} value does not support item assignment`);
}

/** x[lo:hi:step]; absent parts are None. */
export function slice(x: Value, lo: Value, hi: Value, stepv: Value): Value {
  let n: number;
  if (typeof x === 'string') n = x.length;
  else if (x instanceof StarObject && x.sliceable) n = x.len();
  else throw new StarlarkError(`invalid slice operand ${typeName(x)}`);
  let step = 1;
  if (stepv !== None) {
    const s = asInt32(stepv);
    if (s === undefined) throw new StarlarkError(`invalid slice step: ${intErr(stepv)}`);
    if (s === 0) throw new StarlarkError('zero is not a valid slice step');
    step = s;
  }
  let start: number;
  let end: number;
  if (step > 0) {
    start = sliceIndex(lo, n, 0, 'start');
    start = start < 0 ? 0 : Math.min(start, n);
    end = sliceIndex(hi, n, n, 'end');
    end = end < 0 ? 0 : Math.min(end, n);
    if (end < start) end = start;
  } else {
    start = sliceIndex(lo, n, n - 1, 'start');
    if (start >= n) start = n - 1;
    end = sliceIndex(hi, n, -1, 'end');
    if (end < -1) end = -1;
    if (start < end) start = end;
  }
  if (typeof x === 'string') return sliceString(x, start, end, step);
  return (x as StarObject).slice(start, end, step);
}

function sliceIndex(v: Value, n: number, dflt: number, which: string): number {
  if (v === None) return dflt;
  const i = asInt32(v);
  if (i === undefined) throw new StarlarkError(`invalid ${which} index: ${intErr(v)}`);
  return i < 0 ? i + n : i;
}

/** An iterator over x, or undefined when x is not iterable. Call done() in finally. */
export function tryIterate(x: Value): StarIterator | undefined {
  return x instanceof StarObject ? x.iterate() : undefined;
}

/** An iterator over x; throws "T value is not iterable". Call done() in finally. */
export function iterate(x: Value): StarIterator {
  const it = tryIterate(x);
  if (it === undefined) throw new StarlarkError(`${typeName(x)} value is not iterable`);
  return it;
}

/** Collects the elements of an iterable (releasing the lock). */
export function toArray(it: StarIterator): Value[] {
  const out: Value[] = [];
  try {
    for (let v = it.next(); v !== undefined; v = it.next()) out.push(v);
  } finally {
    it.done();
  }
  return out;
}

/** len(x), or -1 when x has no length. */
export function len(x: Value): number {
  if (typeof x === 'string') return x.length;
  if (x instanceof StarObject) return x.len();
  return -1;
}

/** x.name = v. */
export function setField(x: Value, name: string, v: Value): void {
  if (!(x instanceof StarObject)) {
    throw new StarlarkError(`can't assign to .${name} field of ${typeName(x)}`);
  }
  try {
    x.setField(name, v);
  } catch (e) {
    if (e instanceof NoSuchAttrError) {
      const n = nearest(name, x.attrNames());
      throw new StarlarkError(n === '' ? e.message : `${e.message} (did you mean .${n}?)`);
    }
    throw e;
  }
}

/** Thrown by setField/attr implementations for a missing field, so a spelling hint is added. */
export class NoSuchAttrError extends StarlarkError {
  override name = 'NoSuchAttrError';
}

export function freeze(x: Value): void {
  if (x instanceof StarObject) x.freeze();
}
