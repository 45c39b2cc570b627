// Binary and unary operators (starlark-go Binary/Unary), with number fast paths first.
import { StarlarkError } from '../errors.ts';
import { typeName } from './compare.ts';
import { Dict, StarSet } from './dict.ts';
import * as I from './int.ts';
import type { Int } from './int.ts';
import { interpolate } from './interpolate.ts';
import { List, Tuple } from './list.ts';
import { StarObject } from './object.ts';
import type { BinaryOp, UnaryOp, Value } from './object.ts';
import { Bytes, Float } from './primitives.ts';
import { setDifference, setIntersection, setSymmetricDifference, setUnion } from './setops.ts';

function isInt(v: Value): v is Int {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** The float value of an int or float operand, or undefined. */
function num(v: Value): number | undefined {
  if (v instanceof Float) return v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return I.intToFloat(v);
  return undefined;
}

export function add(x: Value, y: Value): Value {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x + y;
    if (Number.isSafeInteger(r)) return r;
  }
  if (typeof x === 'string' && typeof y === 'string') return x + y;
  return binary('+', x, y);
}

export function sub(x: Value, y: Value): Value {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x - y;
    if (Number.isSafeInteger(r)) return r;
  }
  return binary('-', x, y);
}

export function binary(op: BinaryOp, x: Value, y: Value): Value {
  const r = binaryBuiltin(op, x, y);
  if (r !== undefined) return r;
  if (x instanceof StarObject) {
    const z = x.binary(op, y, 'left');
    if (z !== undefined) return z;
  }
  if (y instanceof StarObject) {
    const z = y.binary(op, x, 'right');
    if (z !== undefined) return z;
  }
  throw new StarlarkError(`unknown binary op: ${typeName(x)} ${op} ${typeName(y)}`);
}

/** The built-in cases; undefined when unhandled. */
function binaryBuiltin(op: BinaryOp, x: Value, y: Value): Value | undefined {
  switch (op) {
    case '+':
      if (isInt(x) && isInt(y)) return I.intAdd(x, y);
      if (typeof x === 'string') return typeof y === 'string' ? x + y : undefined;
      if (x instanceof List)
        return y instanceof List ? new List(x.elems.concat(y.elems)) : undefined;
      if (x instanceof Tuple) {
        return y instanceof Tuple ? new Tuple(x.elems.concat(y.elems)) : undefined;
      }
      // No bytes + bytes at run time (starlark-go has none); the compiler joins literals.
      return floatOp(op, x, y);
    case '-':
      if (isInt(x) && isInt(y)) return I.intSub(x, y);
      if (x instanceof StarSet) return y instanceof StarSet ? setDifference(x, y) : undefined;
      return floatOp(op, x, y);
    case '*':
      if (isInt(x)) {
        if (isInt(y)) return I.intMul(x, y);
        const r = repeat(y, x);
        if (r !== undefined) return r;
      } else if (isInt(y)) {
        const r = repeat(x, y);
        if (r !== undefined) return r;
      }
      return floatOp(op, x, y);
    case '/': {
      const a = num(x);
      const b = num(y);
      if (a === undefined || b === undefined) return undefined;
      if (b === 0) throw new StarlarkError('floating-point division by zero');
      return new Float(a / b);
    }
    case '//':
      if (isInt(x) && isInt(y)) {
        if (y === 0) throw new StarlarkError('floored division by zero');
        return I.intFloorDiv(x, y);
      }
      return floatOp(op, x, y);
    case '%':
      if (isInt(x) && isInt(y)) {
        if (y === 0) throw new StarlarkError('integer modulo by zero');
        return I.intMod(x, y);
      }
      if (typeof x === 'string') return interpolate(x, y);
      return floatOp(op, x, y);
    case '|':
      if (isInt(x)) return isInt(y) ? I.intOr(x, y) : undefined;
      if (x instanceof Dict) return y instanceof Dict ? x.union(y) : undefined;
      if (x instanceof StarSet) return y instanceof StarSet ? setUnion(x, y) : undefined;
      return undefined;
    case '&':
      if (isInt(x)) return isInt(y) ? I.intAnd(x, y) : undefined;
      if (x instanceof StarSet) return y instanceof StarSet ? setIntersection(x, y) : undefined;
      return undefined;
    case '^':
      if (isInt(x)) return isInt(y) ? I.intXor(x, y) : undefined;
      if (x instanceof StarSet) {
        return y instanceof StarSet ? setSymmetricDifference(x, y) : undefined;
      }
      return undefined;
    case '<<':
    case '>>': {
      if (!isInt(x)) return undefined;
      if (typeof y !== 'number' || y < -2147483648 || y > 2147483647) {
        throw new StarlarkError(isInt(y) ? `${y} out of range` : `got ${typeName(y)}, want int`);
      }
      if (y < 0) throw new StarlarkError(`negative shift count: ${y}`);
      if (op === '>>') return I.intRsh(x, y);
      if (y >= 512) throw new StarlarkError(`shift count too large: ${y}`);
      return I.intLsh(x, y);
    }
    case 'in':
      return contains(y, x);
    case 'not in':
      return !contains(y, x);
  }
  return undefined;
}

/** Mixed int/float arithmetic, done in float (ints must convert finitely). */
function floatOp(op: BinaryOp, x: Value, y: Value): Value | undefined {
  if (!(x instanceof Float) && !(y instanceof Float)) return undefined;
  const a = num(x);
  const b = num(y);
  if (a === undefined || b === undefined) return undefined;
  switch (op) {
    case '+':
      return new Float(a + b);
    case '-':
      return new Float(a - b);
    case '*':
      return new Float(a * b);
    case '//':
      if (b === 0) throw new StarlarkError('floored division by zero');
      return new Float(Math.floor(a / b));
    case '%':
      if (b === 0) throw new StarlarkError('floating-point modulo by zero');
      return new Float(floatMod(a, b));
  }
  return undefined;
}

/** Go's Float.Mod: the result has the sign of the divisor. */
export function floatMod(a: number, b: number): number {
  let z = a % b;
  if ((z < 0 && b > 0) || (z > 0 && b < 0)) z += b;
  return z;
}

const MAX_ALLOC = 1 << 30;

/** seq * n for str, bytes, list, tuple; undefined for other types. */
function repeat(seq: Value, n: Int): Value | undefined {
  if (typeof seq === 'string') return repeatString(seq, n);
  if (seq instanceof Bytes) return new Bytes(repeatString(seq.s, n));
  if (seq instanceof List) return new List(repeatElems(seq.elems, n));
  if (seq instanceof Tuple) return new Tuple(repeatElems(seq.elems, n));
  return undefined;
}

function repeatCount(len: number, n: Int): number {
  if (len === 0) return 0;
  if (typeof n !== 'number' || n < -2147483648 || n > 2147483647) {
    throw new StarlarkError(`repeat count ${n} too large`);
  }
  if (n < 1) return 0;
  if (len * n >= MAX_ALLOC) throw new StarlarkError(`excessive repeat (${len} * ${n} elements)`);
  return n;
}

function repeatString(s: string, n: Int): string {
  return s.repeat(repeatCount(s.length, n));
}

function repeatElems(a: readonly Value[], n: Int): Value[] {
  const k = repeatCount(a.length, n);
  const out: Value[] = [];
  for (let i = 0; i < k; i++) for (const e of a) out.push(e);
  return out;
}

/** x in y. */
export function contains(y: Value, x: Value): boolean {
  if (typeof y === 'string') {
    if (typeof x !== 'string') {
      throw new StarlarkError(`'in <string>' requires string as left operand, not ${typeName(x)}`);
    }
    return y.includes(x);
  }
  if (y instanceof StarObject) {
    const r = y.has(x);
    if (r !== undefined) return r;
    if (y.isMapping) {
      try {
        return y.get(x) !== undefined;
      } catch {
        return false;
      }
    }
  }
  throw new StarlarkError(`unknown binary op: ${typeName(x)} in ${typeName(y)}`);
}

export function unary(op: UnaryOp, x: Value): Value {
  if (op === 'not') return !truth(x);
  if (typeof x === 'number' || typeof x === 'bigint') {
    if (op === '-') return I.intNeg(x);
    if (op === '+') return x;
    return I.intNot(x);
  }
  if (x instanceof Float) {
    if (op === '-') return new Float(-x.v);
    if (op === '+') return x;
  } else if (x instanceof StarObject) {
    const r = x.unary(op);
    if (r !== undefined) return r;
  }
  throw new StarlarkError(`unknown unary op: ${op} ${typeName(x)}`);
}

export function truth(v: Value): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return true;
    default:
      return v.truth();
  }
}
