// Exp, Log and the functions built on them, computed as Go's math package computes them on
// amd64 (its assembly Exp and Log, then the pure-Go Pow, Sinh, Cosh, Tanh), so results match
// starlark-go to the last bit. Go's Exp takes a fused multiply-add path on CPUs with FMA; the
// caller says which (see cpuHasFMA).
import { readFileSync } from 'node:fs';
import { bigTimesPow2 } from '../values/float-exact.ts';

const MASK64 = (1n << 64n) - 1n;

function bitsOf(x: number): bigint {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0);
}
function fromBits(b: bigint): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setBigUint64(0, b & MASK64);
  return v.getFloat64(0);
}

/** Whether Go would use FMA instructions here (cpu.X86.HasAVX && HasFMA), read from Linux. */
export function cpuHasFMA(): boolean {
  if (process.arch !== 'x64') return true;
  try {
    const flags = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'latin1'))?.[1] ?? '';
    const set = new Set(flags.trim().split(/\s+/));
    return set.has('avx') && set.has('fma');
  } catch {
    return true;
  }
}

/** x = ±m × 2^e exactly, m a bigint >= 0 (finite x). */
function exact(x: number): { neg: boolean; m: bigint; e: number } {
  const b = bitsOf(x);
  const biased = Number((b >> 52n) & 0x7ffn);
  const frac = b & ((1n << 52n) - 1n);
  const neg = b >> 63n === 1n;
  if (biased === 0) return { neg, m: frac, e: -1074 };
  return { neg, m: frac | (1n << 52n), e: biased - 1075 };
}

/** a × b + c with one rounding (IEEE fma), computed exactly with bigints. */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0) {
    return a * b + c;
  }
  if (c === 0) return a * b;
  const x = exact(a);
  const y = exact(b);
  const z = exact(c);
  const pe = x.e + y.e;
  const e = Math.min(pe, z.e);
  const p = (x.m * y.m) << BigInt(pe - e);
  const q = z.m << BigInt(z.e - e);
  const total = (x.neg !== y.neg ? -p : p) + (z.neg ? -q : q);
  if (total === 0n) return 0;
  const r = bigTimesPow2(total < 0n ? -total : total, e);
  return total < 0n ? -r : r;
}

const LOG2E = Math.LOG2E; // Go's LOG2E constant, the same double
const LN2U = 0.693147180559663;
const LN2L = 2.8235290563031577e-13;
const OVERFLOW = 709.782712893384;
// Taylor coefficients 1/4! .. 1/8! (after 0.5 and 1.0) of Go's archExp.
const T = [
  2.48015873015873e-5, 0.0001984126984126984, 0.001388888888888889, 0.008333333333333333,
  0.041666666666666664, 0.16666666666666666,
] as const;

/** Go's archExp (amd64): e^x = 2^k × (e^(r/16))^16.0 */
export function goExp(x: number, useFMA: boolean): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > OVERFLOW) return Infinity;
  const t = LOG2E * x;
  // CVTSD2SL: round to nearest even; out of int32 range gives the "integer indefinite".
  let k = t - Math.floor(t) === 0.5 && Math.floor(t) % 2 === 0 ? Math.floor(t) : Math.round(t);
  if (!(k >= -(2 ** 31) && k < 2 ** 31)) k = -(2 ** 31);
  let r: number;
  if (useFMA) {
    r = fma(-LN2L, k, fma(-LN2U, k, x)) * 0.0625;
    let p: number = T[0];
    for (const c of [T[1], T[2], T[3], T[4], T[5], 0.5, 1.0]) p = fma(p, r, c);
    r *= p;
    for (let i = 0; i < 3; i++) r *= r + 2.0;
    r = fma(r, r + 2.0, 1.0);
  } else {
    r = (x - k * LN2U - k * LN2L) * 0.0625;
    let p: number = T[0];
    for (const c of [T[1], T[2], T[3], T[4], T[5], 0.5, 1.0]) p = p * r + c;
    r *= p;
    for (let i = 0; i < 4; i++) r *= r + 2.0;
    r += 1.0;
  }
  // Go's ldexp step: a normal scale, or two steps into the subnormal range.
  const biased = k + 0x3ff;
  if (biased <= 0) {
    if (biased < -52) return 0;
    return r * fromBits(BigInt(biased + 0x3fe) << 52n) * fromBits(1n << 52n);
  }
  if (biased >= 0x7ff) return Infinity;
  return r * fromBits(BigInt(biased) << 52n);
}

const L = [
  0.6666666666666735, 0.3999999999940942, 0.2857142874366239, 0.22222198432149784,
  0.1818357216161805, 0.15313837699209373, 0.14798198605116586,
] as const;
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const HSQRT2 = Math.SQRT1_2; // Go's HSqrt2, the same double

/** Go's archLog (amd64). Its Frexp is a bare bit split, so subnormals come out wrong, as in Go. */
export function goLog(x: number): number {
  const b = bitsOf(x);
  if ((b & ~(1n << 63n)) === 0n) return -Infinity;
  if (b >> 63n === 1n) return Number.NaN;
  if (b >= 0x7ff0000000000000n) return x;
  let f1 = fromBits((b & 0xfffffffffffffn) | 0x3fe0000000000000n);
  let k = Number((b >> 52n) & 0x7ffn) - 0x3fe;
  if (f1 <= HSQRT2) {
    k -= 1;
    f1 *= 2;
  }
  const f = f1 - 1;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (((L[6] * s4 + L[4]) * s4 + L[2]) * s4 + L[0]);
  const t2 = s4 * ((L[5] * s4 + L[3]) * s4 + L[1]);
  const R = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}

export function goSinh(x: number, useFMA: boolean): number {
  const P = [-630767.3640497717, -89912.72022039509, -2894.211355989564, -26.30563213397497];
  const Q = [-630767.3640497717, 15215.17378790019, -173.6789535582337];
  const sign = x < 0;
  if (sign) x = -x;
  let temp: number;
  if (x > 21) {
    temp = goExp(x, useFMA) * 0.5;
  } else if (x > 0.5) {
    const ex = goExp(x, useFMA);
    temp = (ex - 1 / ex) * 0.5;
  } else {
    const sq = x * x;
    temp = (((P[3]! * sq + P[2]!) * sq + P[1]!) * sq + P[0]!) * x;
    temp = temp / (((sq + Q[2]!) * sq + Q[1]!) * sq + Q[0]!);
  }
  return sign ? -temp : temp;
}

export function goCosh(x: number, useFMA: boolean): number {
  x = Math.abs(x);
  if (x > 21) return goExp(x, useFMA) * 0.5;
  const ex = goExp(x, useFMA);
  return (ex + 1 / ex) * 0.5;
}

export function goTanh(x: number, useFMA: boolean): number {
  const P = [-0.9643991794250523, -99.28772310019185, -1614.6876844170845];
  const Q = [112.81167849163293, 2235.4883906010045, 4844.063053251255];
  const MAXLOG = 88.02969193111305;
  let z = Math.abs(x);
  if (z > 0.5 * MAXLOG) return x < 0 ? -1 : 1;
  if (z >= 0.625) {
    const s = goExp(2 * z, useFMA);
    z = 1 - 2 / (s + 1);
    return x < 0 ? -z : z;
  }
  if (x === 0) return x;
  const s = x * x;
  return x + (x * s * ((P[0]! * s + P[1]!) * s + P[2]!)) / (((s + Q[0]!) * s + Q[1]!) * s + Q[2]!);
}
