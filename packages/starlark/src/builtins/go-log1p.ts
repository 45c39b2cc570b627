// Go's pure-Go Log1p, Asinh and Acosh (FreeBSD's algorithms), over the amd64 Log of go-exp.ts,
// so those math functions match starlark-go to the last bit.
import { goLog } from './go-exp.ts';

const LN2 = Math.LN2; // Go's Ln2 constant, the same double
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const LP = [
  0.6666666666666735, 0.3999999999940942, 0.2857142874366239, 0.22222198432149784,
  0.1818357216161805, 0.15313837699209373, 0.14798198605116586,
] as const;

function bitsOf(x: number): bigint {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0);
}
function fromBits(b: bigint): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setBigUint64(0, b);
  return v.getFloat64(0);
}

export function goLog1p(x: number): number {
  const SQRT2_M1 = 0.41421356237309503;
  const SQRT2_HALF_M1 = -0.2928932188134525;
  if (x < -1 || Number.isNaN(x)) return Number.NaN;
  if (x === -1) return -Infinity;
  if (x === Infinity) return Infinity;
  const absx = Math.abs(x);
  let f = 0;
  let iu = 0n;
  let k = 1;
  if (absx < SQRT2_M1) {
    if (absx < 2 ** -29) {
      if (absx < 2 ** -54) return x;
      return x - x * x * 0.5;
    }
    if (x > SQRT2_HALF_M1) {
      k = 0;
      f = x;
      iu = 1n;
    }
  }
  let c = 0;
  if (k !== 0) {
    let u: number;
    if (absx < 2 ** 53) {
      u = 1.0 + x;
      iu = bitsOf(u);
      k = Number(iu >> 52n) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      iu = bitsOf(u);
      k = Number(iu >> 52n) - 1023;
      c = 0;
    }
    iu &= 0xfffffffffffffn;
    if (iu < 0x6a09e667f3bcdn) {
      u = fromBits(iu | 0x3ff0000000000000n); // normalize u
    } else {
      k++;
      u = fromBits(iu | 0x3fe0000000000000n); // normalize u/2
      iu = (0x10000000000000n - iu) >> 2n;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (iu === 0n) {
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1.0 - 0.6666666666666666 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const R =
    z * (LP[0] + z * (LP[1] + z * (LP[2] + z * (LP[3] + z * (LP[4] + z * (LP[5] + z * LP[6]))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}

export function goAsinh(x: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0;
  if (sign) x = -x;
  let temp: number;
  if (x > 2 ** 28) temp = goLog(x) + LN2;
  else if (x > 2) temp = goLog(2 * x + 1 / (Math.sqrt(x * x + 1) + x));
  else if (x < 2 ** -28) temp = x;
  else temp = goLog1p(x + (x * x) / (1 + Math.sqrt(1 + x * x)));
  return sign ? -temp : temp;
}

export function goAcosh(x: number): number {
  if (x < 1 || Number.isNaN(x)) return Number.NaN;
  if (x === 1) return 0;
  if (x >= 2 ** 28) return goLog(x) + LN2;
  if (x > 2) return goLog(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
  const t = x - 1;
  return goLog1p(t + Math.sqrt(2 * t + t * t));
}

export function goAtanh(x: number): number {
  if (x < -1 || x > 1 || Number.isNaN(x)) return Number.NaN;
  if (x === 1) return Infinity;
  if (x === -1) return -Infinity;
  const sign = x < 0;
  if (sign) x = -x;
  let temp: number;
  if (x < 2 ** -28) {
    temp = x;
  } else if (x < 0.5) {
    temp = x + x;
    temp = 0.5 * goLog1p(temp + (temp * x) / (1 - x));
  } else {
    temp = 0.5 * goLog1p((x + x) / (1 - x));
  }
  return sign ? -temp : temp;
}
