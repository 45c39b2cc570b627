// Equality and ordered comparison (starlark-go CompareDepth), with the recursion depth limit.
import { StarlarkError } from '../errors.ts';
import { StarObject } from './object.ts';
import type { CompareOp, Value } from './object.ts';
import { comparePrimitive, Float } from './primitives.ts';

/** starlark-go's CompareLimit. */
export const COMPARE_LIMIT = 10;

export function typeName(v: Value): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    default:
      return v.type;
  }
}

export function equals(x: Value, y: Value): boolean {
  if (typeof x === 'string') return x === y;
  if (typeof x === 'number' && typeof y === 'number') return x === y;
  return compareDepth('==', x, y, COMPARE_LIMIT);
}

export function equalsDepth(x: Value, y: Value, depth: number): boolean {
  if (typeof x === 'string') return x === y;
  if (typeof x === 'number' && typeof y === 'number') return x === y;
  return compareDepth('==', x, y, depth);
}

export function compare(op: CompareOp, x: Value, y: Value): boolean {
  return compareDepth(op, x, y, COMPARE_LIMIT);
}

export function threeway(op: CompareOp, c: number): boolean {
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

export function compareDepth(op: CompareOp, x: Value, y: Value, depth: number): boolean {
  if (depth < 1) throw new StarlarkError('comparison exceeded maximum recursion depth');
  const tx = typeof x;
  const ty = typeof y;
  if (tx === 'number' || tx === 'bigint') {
    if (ty === 'number' || ty === 'bigint') return comparePrimitive(op, x as number, y as number);
    if (y instanceof Float) return threeway(op, -cmpFloatInt(y.v, x as number | bigint));
  } else if (tx === 'string') {
    if (ty === 'string') return comparePrimitive(op, x as string, y as string);
  } else if (tx === 'boolean') {
    if (ty === 'boolean') return comparePrimitive(op, +(x as boolean), +(y as boolean));
  } else if (x instanceof Float) {
    if (y instanceof Float) return threeway(op, cmpFloats(x.v, y.v));
    if (ty === 'number' || ty === 'bigint') return threeway(op, cmpFloatInt(x.v, y as number));
  } else if (y instanceof StarObject) {
    const ox = x as StarObject;
    if (ox.constructor === y.constructor || ox.type === y.type) {
      return ox.compareSameType(op, y, depth);
    }
  }
  if (op === '==') return false;
  if (op === '!=') return true;
  throw new StarlarkError(`${typeName(x)} ${op} ${typeName(y)} not implemented`);
}

/** Go's float ordering: NaN equals NaN and sorts above +Inf. */
export function cmpFloats(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an && bn) return 0;
  return an ? 1 : -1;
}

/** Exact comparison of a float with an int. */
export function cmpFloatInt(f: number, i: number | bigint): number {
  if (Number.isNaN(f)) return 1;
  if (f === Infinity) return 1;
  if (f === -Infinity) return -1;
  if (typeof i === 'number') return f < i ? -1 : f > i ? 1 : 0;
  // i is outside the safe range: compare floor(f) as a bigint, then the fraction.
  const fl = Math.floor(f);
  const bf = BigInt(fl);
  if (bf < i) return -1;
  if (bf > i) return 1;
  return f > fl ? 1 : 0;
}
