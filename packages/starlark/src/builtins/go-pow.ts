// Go's pure-Go Pow and Gamma (with its Frexp/Ldexp), over the amd64 Exp/Log of go-exp.ts,
// so math.pow and math.gamma match starlark-go to the last bit.
import { goExp, goLog } from './go-exp.ts';
import { goSin } from './go-trig.ts';

const MASK64 = (1n << 64n) - 1n;
const EXP_MASK = 0x7ffn << 52n;

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

/** Go's normalize: subnormals scaled up by 2^52.0 */
function normalize(x: number): [number, number] {
  return Math.abs(x) < 2.2250738585072014e-308 ? [x * 2 ** 52, -52] : [x, 0];
}

/** Go's Frexp: x = frac × 2^exp with frac in [0.5, 1). */
export function frexp(f: number): [number, number] {
  if (f === 0 || !Number.isFinite(f)) return [f, 0];
  const [g, e] = normalize(f);
  let x = bitsOf(g);
  const exp = e + Number((x >> 52n) & 0x7ffn) - 1023 + 1;
  x = (x & ~EXP_MASK) | (1022n << 52n);
  return [fromBits(x), exp];
}

/** Go's Ldexp. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [g, e] = normalize(frac);
  exp += e;
  let x = bitsOf(g);
  exp += Number((x >> 52n) & 0x7ffn) - 1023;
  if (exp < -1075) return frac < 0 ? -0 : 0;
  if (exp > 1023) return frac < 0 ? -Infinity : Infinity;
  let m = 1;
  if (exp < -1022) {
    exp += 53;
    m = 2 ** -53;
  }
  x = (x & ~EXP_MASK) | (BigInt(exp + 1023) << 52n);
  return m * fromBits(x);
}

function isOddInt(x: number): boolean {
  if (Math.abs(x) >= 2 ** 53) return false;
  const xi = Math.trunc(x);
  return x - xi === 0 && Math.abs(xi) % 2 === 1;
}

export function goPow(x: number, y: number, fma: boolean): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  const negZero = Object.is(x, -0);
  if (x === 0) {
    if (y < 0) return negZero && isOddInt(y) ? -Infinity : Infinity;
    return negZero && isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y, fma); // Pow(-0, -y)
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return Number.NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  let a1 = 1.0;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = goExp(yf * goLog(x), fma);
  }
  let [x1, xe] = frexp(x);
  // Repeated squaring over the bits of yi (an integer below 2^63, exact as a bigint).
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

const GAM_P = [
  0.00016011952247675185, 0.0011913514700658638, 0.010421379756176158, 0.04763678004571372,
  0.20744822764843598, 0.4942148268014971, 1.0,
] as const;
const GAM_Q = [
  -2.3158187332412014e-5, 0.0005396055804933034, -0.004456419138517973, 0.011813978522206043,
  0.035823639860549865, -0.23459179571824335, 0.0714304917030273, 1.0,
] as const;
const GAM_S = [
  0.0007873113957930937, -0.00022954996161337813, -0.0026813261780578124, 0.0034722222160545866,
  0.08333333333334822,
] as const;

function stirling(x: number, fma: boolean): [number, number] {
  if (x > 200) return [Infinity, 1];
  const SQRT_TWO_PI = 2.5066282746310007;
  const MAX_STIRLING = 143.01608;
  let w = 1 / x;
  w = 1 + w * ((((GAM_S[0] * w + GAM_S[1]) * w + GAM_S[2]) * w + GAM_S[3]) * w + GAM_S[4]);
  let y1 = goExp(x, fma);
  let y2 = 1.0;
  if (x > MAX_STIRLING) {
    const v = goPow(x, 0.5 * x - 0.25, fma);
    [y1, y2] = [v, v / y1];
  } else {
    y1 = goPow(x, x - 0.5, fma) / y1;
  }
  return [y1, SQRT_TWO_PI * w * y2];
}

export function goGamma(x: number, fma: boolean): number {
  const EULER = 0.5772156649015329;
  if ((x < 0 && x === Math.trunc(x)) || x === -Infinity || Number.isNaN(x)) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x === 0) return Object.is(x, -0) ? -Infinity : Infinity;
  let q = Math.abs(x);
  let p = Math.floor(q);
  if (q > 33) {
    if (x >= 0) {
      const [y1, y2] = stirling(x, fma);
      return y1 * y2;
    }
    // Go converts p to int64: beyond its range the parity reads as even.
    const signgam = p < 2 ** 63 && p % 2 === 1 ? 1 : -1;
    let z = q - p;
    if (z > 0.5) {
      p = p + 1;
      z = q - p;
    }
    z = q * goSin(Math.PI * z);
    if (z === 0) return signgam * Infinity;
    const [sq1, sq2] = stirling(q, fma);
    const absz = Math.abs(z);
    const d = absz * sq1 * sq2;
    z = Number.isFinite(d) ? Math.PI / d : Math.PI / absz / sq1 / sq2;
    return signgam * z;
  }
  let z = 1.0;
  while (x >= 3) {
    x = x - 1;
    z = z * x;
  }
  const small = (): number => (x === 0 ? Infinity : z / ((1 + EULER * x) * x));
  while (x < 0) {
    if (x > -1e-9) return small();
    z = z / x;
    x = x + 1;
  }
  while (x < 2) {
    if (x < 1e-9) return small();
    z = z / x;
    x = x + 1;
  }
  if (x === 2) return z;
  x = x - 2;
  p =
    (((((x * GAM_P[0] + GAM_P[1]) * x + GAM_P[2]) * x + GAM_P[3]) * x + GAM_P[4]) * x + GAM_P[5]) *
      x +
    GAM_P[6];
  q =
    ((((((x * GAM_Q[0] + GAM_Q[1]) * x + GAM_Q[2]) * x + GAM_Q[3]) * x + GAM_Q[4]) * x + GAM_Q[5]) *
      x +
      GAM_Q[6]) *
      x +
    GAM_Q[7];
  return (z * p) / q;
}
