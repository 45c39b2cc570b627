// Exact binary↔decimal helpers for floats. JS's toFixed/toExponential round exact ties away
// from zero, and Number() has no hex-float syntax; Go's strconv rounds ties to even on the
// exact binary value, so these work on the exact value with BigInt arithmetic.

/** |v| = mant × 2^exp exactly, for finite v. */
function decompose(v: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mant: frac, exp: -1074 };
  return { mant: frac | (1n << 52n), exp: biased - 1075 };
}

/** round(|v| × 10^scale), ties to even, for finite v. */
function scaledRound(v: number, scale: number): bigint {
  const { mant, exp } = decompose(v);
  let num = exp >= 0 ? mant << BigInt(exp) : mant;
  let den = exp >= 0 ? 1n : 1n << BigInt(-exp);
  if (scale >= 0) num *= 10n ** BigInt(scale);
  else den *= 10n ** BigInt(-scale);
  const q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Go's FormatFloat(|v|, 'f', prec, 64) for finite v (no sign). */
export function fixedDigits(v: number, prec: number): string {
  const digits = scaledRound(v, prec)
    .toString()
    .padStart(prec + 1, '0');
  if (prec === 0) return digits;
  const cut = digits.length - prec;
  return `${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** The digits and decimal exponent of Go's FormatFloat(|v|, 'e', prec, 64), finite v. */
export function expDigits(v: number, prec: number): { digits: string; exp: number } {
  if (v === 0) return { digits: '0'.repeat(prec + 1), exp: 0 };
  const lo = 10n ** BigInt(prec);
  const hi = lo * 10n;
  // The shortest repr's exponent is right or one too high (when it rounds up to 10^k).
  const e = Math.abs(v).toExponential();
  let k = Number(e.slice(e.indexOf('e') + 1));
  let q = scaledRound(v, prec - k);
  if (q < lo) {
    k--;
    q = scaledRound(v, prec - k);
  }
  if (q >= hi) {
    // Rounding carried into a new digit: 9.9999995 → 10.000000 → 1.000000e+1.
    k++;
    q = scaledRound(v, prec - k);
  }
  return { digits: q.toString(), exp: k };
}

/** The double nearest m × 2^e (ties to even); Infinity when it overflows. */
export function bigTimesPow2(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const len = m.toString(2).length;
  const top = len - 1 + e; // exponent of the leading bit
  if (top > 1023) return Infinity;
  // Bits the result can keep: 53, fewer for subnormals (possibly none).
  const keep = Math.max(0, top >= -1022 ? 53 : 53 - (-1022 - top));
  if (len > keep) {
    const shift = BigInt(len - keep);
    const q = m >> shift;
    const rem = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    m = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    e += len - keep;
  }
  // m ≤ 2^53 is exact; two steps keep each power of two representable.
  const e1 = Math.max(e, -1000);
  return Number(m) * 2 ** e1 * 2 ** (e - e1);
}
