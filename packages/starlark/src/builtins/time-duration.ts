// time.duration (lib/time Duration): a signed 64-bit count of nanoseconds, as Go's
// time.Duration, with ParseDuration and Duration.String exactly as Go writes them.
import { StarlarkError } from '../errors.ts';
import { threeway } from '../values/compare.ts';
import { normBig } from '../values/int.ts';
import type { BinaryOp, CompareOp, Side, Value } from '../values/object.ts';
import { StarObject } from '../values/object.ts';
import { Float } from '../values/primitives.ts';

const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);
/** Go's int64 arithmetic wraps around; so does ours. */
export const wrap64 = (x: bigint): bigint => BigInt.asIntN(64, x);

export const NS_PER_SECOND = 1_000_000_000n;
const MICRO = '\xc2\xb5'; // 'µ' in UTF-8 (strings are binary)

/** A Starlark int as a Go int64, or the error starlark-go's Int64() check gives. */
export function int64Of(v: number | bigint): bigint {
  const b = BigInt(v);
  if (b < MIN_I64 || b > MAX_I64) {
    throw new StarlarkError('int value out of range (want signed 64-bit value)');
  }
  return b;
}

/** Go's float64 → int64 conversion: truncation; out of range gives MinInt64 (amd64). */
function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return MIN_I64;
  return BigInt(Math.trunc(f));
}

export class Duration extends StarObject {
  readonly ns: bigint;
  constructor(ns: bigint) {
    super();
    this.ns = ns;
  }
  get type(): string {
    return 'time.duration';
  }
  override truth(): boolean {
    return this.ns !== 0n;
  }
  override hash(): number {
    const u = BigInt.asUintN(64, this.ns);
    return Number((u ^ (u >> 32n)) & 0xffffffffn);
  }
  override str(): string {
    return formatDuration(this.ns);
  }
  override repr(out: string[]): void {
    out.push(formatDuration(this.ns));
  }
  override attr(name: string): Value | undefined {
    const d = this.ns;
    switch (name) {
      case 'hours':
        return new Float(unitsFloat(d, 3600n * NS_PER_SECOND));
      case 'minutes':
        return new Float(unitsFloat(d, 60n * NS_PER_SECOND));
      case 'seconds':
        return new Float(unitsFloat(d, NS_PER_SECOND));
      case 'milliseconds':
        return normBig(d / 1_000_000n);
      case 'microseconds':
        return normBig(d / 1000n);
      case 'nanoseconds':
        return normBig(d);
    }
    throw new StarlarkError(`unrecognized time.duration attribute "${name}"`);
  }
  override attrNames(): string[] {
    return ['hours', 'minutes', 'seconds', 'milliseconds', 'microseconds', 'nanoseconds'];
  }
  override compareSameType(op: CompareOp, y: Value): boolean {
    const b = (y as Duration).ns;
    return threeway(op, this.ns < b ? -1 : this.ns > b ? 1 : 0);
  }
  override binary(op: BinaryOp, y: Value, side: Side): Value | undefined {
    return durationBinary(this, op, y, side);
  }
}

/** Go's Hours/Minutes/Seconds: whole units plus the remainder as a fraction. */
function unitsFloat(d: bigint, unit: bigint): number {
  return Number(d / unit) + Number(d % unit) / Number(unit);
}

/** The operators of Duration.Binary; a Time operand is handled through timeAdd. */
function durationBinary(d: Duration, op: BinaryOp, y: Value, side: Side): Value | undefined {
  const x = d.ns;
  const zero = (): StarlarkError => new StarlarkError('time.duration division by zero');
  switch (op) {
    case '+':
      if (y instanceof Duration) return new Duration(wrap64(x + y.ns));
      if (y instanceof StarObject && y.type === 'time.time') return y.binary('+', d, 'left');
      return undefined;
    case '-':
      return y instanceof Duration ? new Duration(wrap64(x - y.ns)) : undefined;
    case '/':
      if (y instanceof Duration) {
        if (y.ns === 0n) throw zero();
        return new Float(Number(x) / Number(y.ns));
      }
      if (typeof y === 'number' || typeof y === 'bigint') {
        if (side === 'right') throw new StarlarkError('unsupported operation');
        const i = int64Of(y);
        if (i === 0n) throw zero();
        return new Duration(wrap64(x / i));
      }
      // As in Go, a float divides the duration on either side.
      if (y instanceof Float) {
        if (y.v === 0) throw zero();
        return new Duration(floatToInt64(Number(x) / y.v));
      }
      return undefined;
    case '//':
      if (!(y instanceof Duration)) return undefined;
      if (y.ns === 0n) throw zero();
      return normBig(wrap64(x / y.ns));
    case '*':
      if (typeof y === 'number' || typeof y === 'bigint') {
        return new Duration(wrap64(x * int64Of(y)));
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Go's Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function formatDuration(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d; // MinInt64 stays exact as a bigint
  let out: string;
  if (u < NS_PER_SECOND) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) [prec, unit] = [0, 'ns'];
    else if (u < 1_000_000n) [prec, unit] = [3, `${MICRO}s`];
    else [prec, unit] = [6, 'ms'];
    out = fracUnits(u, prec) + unit;
  } else {
    const secs = fracUnits(u % (60n * NS_PER_SECOND), 9);
    u /= 60n * NS_PER_SECOND; // whole minutes
    out = `${secs}s`;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** v / 10^prec written with its fraction, trailing zeros (and a bare '.') dropped. */
function fracUnits(v: bigint, prec: number): string {
  const p = 10n ** BigInt(prec);
  const frac = (v % p).toString().padStart(prec, '0').replace(/0+$/, '');
  return frac === '' ? `${v / p}` : `${v / p}.${frac}`;
}

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1000n],
  [`${MICRO}s`, 1000n],
  ['\xce\xbcs', 1000n], // Greek mu
  ['ms', 1_000_000n],
  ['s', NS_PER_SECOND],
  ['m', 60n * NS_PER_SECOND],
  ['h', 3600n * NS_PER_SECOND],
]);

/** Go's time.ParseDuration; throws its exact messages. */
export function parseDuration(orig: string): bigint {
  const bad = (what: string): StarlarkError => new StarlarkError(`time: ${what} ${goQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw bad('invalid duration');
  let d = 0n;
  const limit = 1n << 63n;
  while (s !== '') {
    if (!/^[.0-9]/.test(s)) throw bad('invalid duration');
    const intPart = /^[0-9]*/.exec(s)![0];
    s = s.slice(intPart.length);
    const v0 = intPart === '' ? 0n : BigInt(intPart);
    if (v0 > limit) throw bad('invalid duration'); // leadingInt overflow
    let fracPart = '';
    if (s[0] === '.') {
      fracPart = /^[0-9]*/.exec(s.slice(1))![0];
      s = s.slice(1 + fracPart.length);
    }
    // No digits at all, e.g. ".s".
    if (intPart === '' && fracPart === '') throw bad('invalid duration');
    const unitLen = /^[^.0-9]*/.exec(s)![0].length;
    if (unitLen === 0) throw bad('missing unit in duration');
    const u = s.slice(0, unitLen);
    s = s.slice(unitLen);
    const unit = UNITS.get(u);
    if (unit === undefined) throw bad(`unknown unit ${goQuote(u)} in duration`);
    if (v0 > limit / unit) throw bad('invalid duration');
    let v = v0 * unit;
    const [f, scale] = leadingFraction(fracPart);
    if (f > 0n) {
      // Go computes the fraction in float64: uint64(float64(f) * (float64(unit) / scale)).
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > limit) throw bad('invalid duration');
    }
    d += v;
    if (d > limit) throw bad('invalid duration');
  }
  if (neg) return wrap64(-d);
  if (d > MAX_I64) throw bad('invalid duration');
  return d;
}

/** Go's leadingFraction: digits up to int64 precision, the rest ignored. */
function leadingFraction(digits: string): [bigint, number] {
  let x = 0n;
  let scale = 1;
  for (const c of digits) {
    if (x > MAX_I64 / 10n) break;
    const y = x * 10n + BigInt(c.charCodeAt(0) - 48);
    if (y > 1n << 63n) break;
    x = y;
    scale *= 10;
  }
  return [x, scale];
}

/** The time package's quote: printable ASCII kept, other bytes as \xNN. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x80 || c < 0x20) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return `${out}"`;
}
