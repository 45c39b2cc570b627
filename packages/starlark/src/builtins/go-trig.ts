// Trigonometric functions computed as Go's math package computes them (Cephes polynomials,
// Payne-Hanek reduction for huge arguments), so results match starlark-go to the last bit;
// JS's Math uses other algorithms that differ in the last place.

const PI4A = 0.7853981256484985; // Pi/4 in three parts, for exact-ish reduction
const PI4B = 3.774894707930798e-8;
const PI4C = 2.6951514290790595e-15;
const FOUR_OVER_PI = 1.2732395447351628; // 4/π correctly rounded (as Go's constant 4/Pi)
const REDUCE_THRESHOLD = 2 ** 29;

// Cephes coefficients for sin and cos on [-π/4, π/4].
const SIN = [
  1.5896230157654656e-10, -2.5050747762857807e-8, 2.7557313621385722e-6, -0.0001984126982958954,
  0.008333333333322118, -0.1666666666666663,
] as const;
const COS = [
  -1.1358536521387682e-11, 2.087570084197473e-9, -2.755731417929674e-7, 2.4801587288851704e-5,
  -0.0013888888888873056, 0.041666666666666595,
] as const;

// The binary digits of 4/π: one integer word, then 19 words of fraction.
const M_PI4 = [
  0x1n,
  0x45f306dc9c882a53n,
  0xf84eafa3ea69bb81n,
  0xb6c52b3278872083n,
  0xfca2c757bd778ac3n,
  0x6e48dc74849ba5c0n,
  0x0c925dd413a32439n,
  0xfc3bd63962534e7dn,
  0xd1046bea5d768909n,
  0xd338e04d68befc82n,
  0x7323ac7306a673e9n,
  0x3908bf177bf25076n,
  0x3ff12fffbc0b301fn,
  0xde5e2316b414da3en,
  0xda6cfd9e4f96136en,
  0x9e8c7ecd3cbfd45an,
  0xea4f758fd7cbe2f6n,
  0x7a0e73ef14a525d4n,
  0xd7f6bf623f1aba10n,
  0xac06608df8f6d757n,
] as const;

const MASK = (1n << 64n) - 1n;
/** Go's uint64 shifts: a count of 64 or more gives 0.0 */
const shl = (x: bigint, n: number): bigint => (n >= 64 || n < 0 ? 0n : (x << BigInt(n)) & MASK);
const shr = (x: bigint, n: number): bigint => (n >= 64 || n < 0 ? 0n : x >> BigInt(n));

function bitsOf(x: number): bigint {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0);
}
function fromBits(b: bigint): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setBigUint64(0, b & MASK);
  return v.getFloat64(0);
}

/** Go's trigReduce for x >= 2^29: the octant j and the remainder, with 4/π to 1216 bits. */
function trigReduce(x: number): [number, number] {
  if (x < Math.PI / 4) return [0, x];
  let ix = bitsOf(x);
  const exp = Number((ix >> 52n) & 0x7ffn) - 1023 - 52;
  ix = (ix & ((1n << 52n) - 1n)) | (1n << 52n);
  const digit = Math.floor((exp + 61) / 64);
  const bitshift = (exp + 61) % 64;
  const word = (i: number): bigint => shl(M_PI4[i]!, bitshift) | shr(M_PI4[i + 1]!, 64 - bitshift);
  const z0 = word(digit);
  const z1 = word(digit + 1);
  const z2 = word(digit + 2);
  const z2hi = (z2 * ix) >> 64n;
  const z1hi = (z1 * ix) >> 64n;
  const z1lo = (z1 * ix) & MASK;
  const z0lo = (z0 * ix) & MASK;
  const loSum = z1lo + z2hi;
  const lo = loSum & MASK;
  let hi = (z0lo + z1hi + (loSum >> 64n)) & MASK;
  let j = Number(hi >> 61n);
  hi = shl(hi, 3) | shr(lo, 61);
  const lz = hi === 0n ? 64 : 64 - hi.toString(2).length;
  const e = BigInt(1023 - (lz + 1));
  hi = shl(hi, lz + 1) | shr(lo, 64 - (lz + 1));
  hi >>= 12n;
  hi |= e << 52n;
  let z = fromBits(hi);
  if (j & 1) {
    j = (j + 1) & 7;
    z--;
  }
  return [j, z * (Math.PI / 4)];
}

/** The octant and remainder of x >= 0, as Go's sin/cos/tan compute them. */
function reduce(x: number, wrap: boolean): [number, number] {
  if (x >= REDUCE_THRESHOLD) return trigReduce(x);
  let j = Math.trunc(x * FOUR_OVER_PI);
  let y = j;
  if (j & 1) {
    j++;
    y++;
  }
  if (wrap) j &= 7;
  return [j, x - y * PI4A - y * PI4B - y * PI4C];
}

const sinPoly = (z: number, zz: number): number =>
  z +
  z * zz * (((((SIN[0] * zz + SIN[1]) * zz + SIN[2]) * zz + SIN[3]) * zz + SIN[4]) * zz + SIN[5]);
const cosPoly = (zz: number): number =>
  1.0 -
  0.5 * zz +
  zz * zz * (((((COS[0] * zz + COS[1]) * zz + COS[2]) * zz + COS[3]) * zz + COS[4]) * zz + COS[5]);

export function goSin(x: number): number {
  if (x === 0 || Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Number.NaN;
  let sign = x < 0;
  let [j, z] = reduce(Math.abs(x), true);
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  const zz = z * z;
  const y = j === 1 || j === 2 ? cosPoly(zz) : sinPoly(z, zz);
  return sign ? -y : y;
}

export function goCos(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  let sign = false;
  let [j, z] = reduce(Math.abs(x), true);
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  const zz = z * z;
  const y = j === 1 || j === 2 ? sinPoly(z, zz) : cosPoly(zz);
  return sign ? -y : y;
}

const TAN_P = [-13093.693918138379, 1153516.6483858742, -17956525.197648488] as const;
const TAN_Q = [
  1.0, 13681.296347069296, -1320892.3444021097, 25008380.18233579, -53869575.592945464,
] as const;

export function goTan(x: number): number {
  if (x === 0 || Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return Number.NaN;
  const sign = x < 0;
  const [j, z] = reduce(Math.abs(x), false);
  const zz = z * z;
  let y =
    zz > 1e-14
      ? z +
        z *
          ((zz * ((TAN_P[0] * zz + TAN_P[1]) * zz + TAN_P[2])) /
            ((((zz + TAN_Q[1]) * zz + TAN_Q[2]) * zz + TAN_Q[3]) * zz + TAN_Q[4]))
      : z;
  if (j & 2) y = -1 / y;
  return sign ? -y : y;
}

/** Cephes atan on [0, 0.66]. */
function xatan(x: number): number {
  const P = [
    -0.8750608600031904, -16.157537187333652, -75.00855792314705, -122.88666844901361,
    -64.85021904942025,
  ];
  const Q = [
    24.858464901423062, 165.02700983169885, 432.88106049129027, 485.3903996359137,
    194.5506571482614,
  ];
  let z = x * x;
  z =
    (z * ((((P[0]! * z + P[1]!) * z + P[2]!) * z + P[3]!) * z + P[4]!)) /
    (((((z + Q[0]!) * z + Q[1]!) * z + Q[2]!) * z + Q[3]!) * z + Q[4]!);
  return x * z + x;
}

/** atan of x >= 0, reduced to [0, 0.66]. */
function satan(x: number): number {
  const MOREBITS = 6.123233995736766e-17; // π/2 = PIO2 + MOREBITS
  const TAN3PIO8 = 2.414213562373095;
  if (x <= 0.66) return xatan(x);
  if (x > TAN3PIO8) return Math.PI / 2 - xatan(1 / x) + MOREBITS;
  return Math.PI / 4 + xatan((x - 1) / (x + 1)) + 0.5 * MOREBITS;
}

export function goAtan(x: number): number {
  if (x === 0) return x;
  return x > 0 ? satan(x) : -satan(-x);
}

export function goAsin(x: number): number {
  if (x === 0) return x;
  const sign = x < 0;
  if (sign) x = -x;
  if (x > 1) return Number.NaN;
  let temp = Math.sqrt(1 - x * x);
  temp = x > 0.7 ? Math.PI / 2 - satan(temp / x) : satan(x / temp);
  return sign ? -temp : temp;
}

export function goAcos(x: number): number {
  return Math.PI / 2 - goAsin(x);
}

const copysign = (x: number, y: number): number =>
  y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x);

export function goAtan2(y: number, x: number): number {
  if (Number.isNaN(y) || Number.isNaN(x)) return Number.NaN;
  if (y === 0) return x >= 0 && !Object.is(x, -0) ? copysign(0, y) : copysign(Math.PI, y);
  if (x === 0) return copysign(Math.PI / 2, y);
  if (!Number.isFinite(x)) {
    if (x > 0) return copysign(Number.isFinite(y) ? 0 : Math.PI / 4, y);
    return copysign(Number.isFinite(y) ? Math.PI : (3 * Math.PI) / 4, y);
  }
  if (!Number.isFinite(y)) return copysign(Math.PI / 2, y);
  const q = goAtan(y / x);
  if (x < 0) return q <= 0 ? q + Math.PI : q - Math.PI;
  return q;
}
