// Arbitrary-precision ints: safe-integer numbers with a bigint slow path. Invariant: a bigint is
// always outside ±(2^53−1), so === is int equality.
import { StarlarkError } from '../errors.ts';

export type Int = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** Normalises a bigint result back to a number when it fits. */
export function normBig(b: bigint): Int {
  return b >= MIN_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

/** An integral JS number (possibly unsafe) as an Int. */
export function fromIntegralNumber(n: number): Int {
  return Number.isSafeInteger(n) ? n + 0 : BigInt(n);
}

export function intAdd(x: Int, y: Int): Int {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x + y;
    if (Number.isSafeInteger(r)) return r;
  }
  return normBig(BigInt(x) + BigInt(y));
}

export function intSub(x: Int, y: Int): Int {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x - y;
    if (Number.isSafeInteger(r)) return r;
  }
  return normBig(BigInt(x) - BigInt(y));
}

export function intMul(x: Int, y: Int): Int {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x * y;
    if (Number.isSafeInteger(r)) return r + 0; // + 0 turns -0 into 0
  }
  return normBig(BigInt(x) * BigInt(y));
}

/** Floored division; y must be non-zero. */
export function intFloorDiv(x: Int, y: Int): Int {
  if (typeof x === 'number' && typeof y === 'number') {
    // x % y is exact, so (x - r) / y is an exact integer; x / y itself may round up.
    const r = x % y;
    const t = (x - r) / y;
    return (r !== 0 && r < 0 !== y < 0 ? t - 1 : t) + 0;
  }
  const a = BigInt(x);
  const b = BigInt(y);
  let q = a / b;
  if (a % b !== 0n && a < 0n !== b < 0n) q -= 1n;
  return normBig(q);
}

/** Floored modulo (sign of the divisor); y must be non-zero. */
export function intMod(x: Int, y: Int): Int {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x % y;
    return (r !== 0 && r < 0 !== y < 0 ? r + y : r) + 0;
  }
  const a = BigInt(x);
  const b = BigInt(y);
  let r = a % b;
  if (r !== 0n && r < 0n !== b < 0n) r += b;
  return normBig(r);
}

function isInt32(n: number): boolean {
  return (n | 0) === n;
}

export function intAnd(x: Int, y: Int): Int {
  if (typeof x === 'number' && typeof y === 'number' && isInt32(x) && isInt32(y)) return x & y;
  return normBig(BigInt(x) & BigInt(y));
}

export function intOr(x: Int, y: Int): Int {
  if (typeof x === 'number' && typeof y === 'number' && isInt32(x) && isInt32(y)) return x | y;
  return normBig(BigInt(x) | BigInt(y));
}

export function intXor(x: Int, y: Int): Int {
  if (typeof x === 'number' && typeof y === 'number' && isInt32(x) && isInt32(y)) return x ^ y;
  return normBig(BigInt(x) ^ BigInt(y));
}

export function intNot(x: Int): Int {
  if (typeof x === 'number' && isInt32(x)) return ~x;
  return normBig(~BigInt(x));
}

export function intNeg(x: Int): Int {
  if (typeof x === 'number') return x === 0 ? 0 : -x;
  return normBig(-x);
}

export function intLsh(x: Int, n: number): Int {
  if (typeof x === 'number' && n < 31 && isInt32(x)) {
    const r = x * 2 ** n;
    if (Number.isSafeInteger(r)) return r;
  }
  return normBig(BigInt(x) << BigInt(n));
}

export function intRsh(x: Int, n: number): Int {
  if (typeof x === 'number') return Math.floor(x / 2 ** n) + 0;
  return normBig(x >> BigInt(n));
}

export function intSign(x: Int): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** float(x) of an int; throws when it does not fit in a finite float. */
export function intToFloat(x: Int): number {
  if (typeof x === 'number') return x;
  const f = Number(x);
  if (!Number.isFinite(f)) throw new StarlarkError('int too large to convert to float');
  return f;
}

/** int(f) of a finite float: truncation. */
export function floatToInt(f: number): Int {
  return fromIntegralNumber(Math.trunc(f));
}
