// None, float and bytes: the immutable non-container objects.
import { StarlarkError } from '../errors.ts';
import { StarObject } from './object.ts';
import type { CompareOp, Value } from './object.ts';
import { formatFloat } from './float-format.ts';
import { bigintHash, intHash } from './inthash.ts';
import { quote } from './quote.ts';

export class NoneType extends StarObject {
  get type(): string {
    return 'NoneType';
  }
  override truth(): boolean {
    return false;
  }
  override hash(): number {
    return 0;
  }
  override mapKey(): unknown {
    return this;
  }
  override repr(out: string[]): void {
    out.push('None');
  }
}

export const None: NoneType = new NoneType();

export class Float extends StarObject {
  readonly v: number;
  constructor(v: number) {
    super();
    this.v = v;
  }
  get type(): string {
    return 'float';
  }
  override truth(): boolean {
    return this.v !== 0;
  }
  override hash(): number {
    // Not observable: only consistency with equality (int keys) matters.
    const k = this.mapKey();
    if (typeof k === 'bigint') return bigintHash(k);
    return Number.isInteger(k)
      ? intHash(k as number)
      : Number.isNaN(k)
        ? 1618033
        : fnv32(String(k));
  }
  override mapKey(): unknown {
    // Integral floats share the int's key so {2.0: x}[2] works; NaN keys collide like Go's.
    const v = this.v;
    if (Number.isInteger(v)) return Number.isSafeInteger(v) ? v + 0 : BigInt(v);
    return v;
  }
  override repr(out: string[]): void {
    out.push(formatFloat(this.v));
  }
}

export class Bytes extends StarObject {
  /** Binary string: one code unit per byte. */
  readonly s: string;
  constructor(s: string) {
    super();
    this.s = s;
  }
  get type(): string {
    return 'bytes';
  }
  override truth(): boolean {
    return this.s.length > 0;
  }
  override hash(): number {
    return fnv32(this.s);
  }
  override mapKey(): unknown {
    // Code unit 0xE002 cannot occur in a binary string, so bytes never collide with strings.
    return `\uE002${this.s}`;
  }
  override repr(out: string[]): void {
    out.push(quote(this.s, true));
  }
  override len(): number {
    return this.s.length;
  }
  override get indexable(): boolean {
    return true;
  }
  override index(i: number): Value {
    return new Bytes(this.s[i]!);
  }
  override get sliceable(): boolean {
    return true;
  }
  override slice(start: number, end: number, step: number): Value {
    return new Bytes(sliceString(this.s, start, end, step));
  }
  override has(x: Value): boolean {
    return bytesHas(this.s, x);
  }
  override compareSameType(op: CompareOp, y: Value): boolean {
    return comparePrimitive(op, this.s, (y as Bytes).s);
  }
}

function bytesHas(s: string, x: Value): boolean {
  if (x instanceof Bytes) return s.includes(x.s);
  if (typeof x === 'number' || typeof x === 'bigint') {
    if (x < 0 || x > 255) {
      throw new StarlarkError(
        `int in bytes: ${x} out of range (want value in unsigned 8-bit range)`,
      );
    }
    return s.includes(String.fromCharCode(Number(x)));
  }
  const t = typeof x === 'string' ? 'string' : typeof x === 'boolean' ? 'bool' : x.type;
  throw new StarlarkError(`'in bytes' requires bytes or int as left operand, not ${t}`);
}

/** FNV-1a 32-bit over the bytes, as starlark-go's softHashString. */
export function fnv32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** s[start:end:step] with indices already normalised by slice(). */
export function sliceString(s: string, start: number, end: number, step: number): string {
  if (step === 1) return start < end ? s.slice(start, end) : '';
  let out = '';
  if (step > 0) for (let i = start; i < end; i += step) out += s[i];
  else for (let i = start; i > end; i += step) out += s[i];
  return out;
}

/** Applies a comparison operator to two primitives of the same JS type (strings compare bytewise). */
export function comparePrimitive<T extends string | number | bigint>(
  op: CompareOp,
  x: T,
  y: T,
): boolean {
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}
