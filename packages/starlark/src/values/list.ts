// list and tuple.
import { StarlarkError } from '../errors.ts';
import { compareDepth, equals, equalsDepth, threeway } from './compare.ts';
import { hashValue } from './hashtable.ts';
import { StarObject } from './object.ts';
import type { CompareOp, StarIterator, Value } from './object.ts';
import { writeElems } from './repr.ts';

export class List extends StarObject {
  elems: Value[];
  frozen = false;
  itercount = 0;
  constructor(elems: Value[] = []) {
    super();
    this.elems = elems;
  }
  get type(): string {
    return 'list';
  }
  override truth(): boolean {
    return this.elems.length > 0;
  }
  override hash(): number {
    throw new StarlarkError('unhashable type: list');
  }
  /** Throws unless the list may be mutated; verb + " list" describes the operation. */
  checkMutable(verb: string): void {
    if (this.frozen) throw new StarlarkError(`cannot ${verb} frozen list`);
    if (this.itercount > 0) throw new StarlarkError(`cannot ${verb} list during iteration`);
  }
  append(v: Value): void {
    if (this.frozen || this.itercount > 0) this.checkMutable('append to');
    this.elems.push(v);
  }
  protected override freezeOwn(pending: StarObject[]): void {
    if (this.frozen) return;
    this.frozen = true;
    const es = this.elems;
    for (let i = 0; i < es.length; i++) {
      const e = es[i];
      if (e instanceof StarObject) pending.push(e);
    }
  }
  override repr(out: string[], path: StarObject[]): void {
    if (path.includes(this)) {
      out.push('[...]');
      return;
    }
    out.push('[');
    path.push(this);
    writeElems(out, this.elems, path);
    path.pop();
    out.push(']');
  }
  override len(): number {
    return this.elems.length;
  }
  override get indexable(): boolean {
    return true;
  }
  override index(i: number): Value {
    return this.elems[i]!;
  }
  override setIndex(k: Value, v: Value): void {
    const i = seqIndex(k, this.elems.length, this, false);
    this.checkMutable('assign to element of');
    this.elems[i] = v;
  }
  override get sliceable(): boolean {
    return true;
  }
  override slice(start: number, end: number, step: number): Value {
    return new List(sliceElems(this.elems, start, end, step));
  }
  override iterate(): StarIterator {
    return new ListIterator(this);
  }
  override has(x: Value): boolean {
    return elemsHas(this.elems, x);
  }
  override compareSameType(op: CompareOp, y: Value, depth: number): boolean {
    return sliceCompare(op, this.elems, (y as List).elems, depth);
  }
}

class ListIterator implements StarIterator {
  private readonly l: List;
  private i = 0;
  constructor(l: List) {
    this.l = l;
    if (!l.frozen) l.itercount++;
  }
  next(): Value | undefined {
    const e = this.l.elems;
    return this.i < e.length ? e[this.i++] : undefined;
  }
  done(): void {
    if (!this.l.frozen) this.l.itercount--;
  }
}

export class Tuple extends StarObject {
  readonly elems: readonly Value[];
  constructor(elems: readonly Value[]) {
    super();
    this.elems = elems;
  }
  get type(): string {
    return 'tuple';
  }
  override truth(): boolean {
    return this.elems.length > 0;
  }
  override hash(): number {
    // Python's tuple hash, as starlark-go; element hashes are internal.
    let x = 0x345678;
    let mult = 1000003;
    const n = this.elems.length;
    for (const e of this.elems) {
      x = (x ^ Math.imul(hashValue(e), mult)) >>> 0;
      mult = (mult + 82520 + n + n) >>> 0;
    }
    return x;
  }
  protected override freezeOwn(pending: StarObject[]): void {
    const es = this.elems;
    for (let i = 0; i < es.length; i++) {
      const e = es[i];
      if (e instanceof StarObject) pending.push(e);
    }
  }
  override repr(out: string[], path: StarObject[]): void {
    out.push('(');
    writeElems(out, this.elems, path);
    out.push(this.elems.length === 1 ? ',)' : ')');
  }
  override len(): number {
    return this.elems.length;
  }
  override get indexable(): boolean {
    return true;
  }
  override index(i: number): Value {
    return this.elems[i]!;
  }
  override get sliceable(): boolean {
    return true;
  }
  override slice(start: number, end: number, step: number): Value {
    return new Tuple(sliceElems(this.elems, start, end, step));
  }
  override iterate(): StarIterator {
    return new ArrayIterator(this.elems);
  }
  override has(x: Value): boolean {
    return elemsHas(this.elems, x);
  }
  override compareSameType(op: CompareOp, y: Value, depth: number): boolean {
    return sliceCompare(op, this.elems, (y as Tuple).elems, depth);
  }
}

/** Iterates a fixed array (no lock). */
export class ArrayIterator implements StarIterator {
  private readonly a: readonly Value[];
  private i = 0;
  constructor(a: readonly Value[]) {
    this.a = a;
  }
  next(): Value | undefined {
    return this.i < this.a.length ? this.a[this.i++] : undefined;
  }
  done(): void {}
}

export const EMPTY_TUPLE: Tuple = new Tuple([]);

function elemsHas(elems: readonly Value[], x: Value): boolean {
  for (const e of elems) if (equals(e, x)) return true;
  return false;
}

export function sliceElems(a: readonly Value[], start: number, end: number, step: number): Value[] {
  if (step === 1) return a.slice(start, end);
  const out: Value[] = [];
  if (step > 0) for (let i = start; i < end; i += step) out.push(a[i]!);
  else for (let i = start; i > end; i += step) out.push(a[i]!);
  return out;
}

function sliceCompare(
  op: CompareOp,
  x: readonly Value[],
  y: readonly Value[],
  depth: number,
): boolean {
  if (x.length !== y.length && (op === '==' || op === '!=')) return op === '!=';
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (!equalsDepth(x[i]!, y[i]!, depth - 1)) {
      if (op === '==') return false;
      if (op === '!=') return true;
      return compareDepth(op, x[i]!, y[i]!, depth - 1);
    }
  }
  return threeway(op, x.length - y.length);
}

/** Checks an int index for x[i] / x[i] = v and normalises it into [0, n). */
export function seqIndex(k: Value, n: number, x: StarObject, forGet: boolean): number {
  const i = asInt32(k);
  if (i === undefined) {
    const msg = intErr(k);
    throw new StarlarkError(forGet ? `${x.type} index: ${msg}` : msg);
  }
  const j = i < 0 ? i + n : i;
  if (j < 0 || j >= n) {
    throw new StarlarkError(
      n === 0
        ? `index ${i} out of range: empty ${x.type}`
        : `${x.type} index ${i} out of range [${-n}:${n - 1}]`,
    );
  }
  return j;
}

/** starlark-go AsInt32: an int in the signed 32-bit range, else undefined. */
export function asInt32(k: Value): number | undefined {
  return typeof k === 'number' && k >= -2147483648 && k <= 2147483647 ? k : undefined;
}

/** The AsInt32 error text for a value asInt32 rejected. */
export function intErr(k: Value): string {
  if (typeof k === 'number' || typeof k === 'bigint') return `${k} out of range`;
  return `got ${typeof k === 'string' ? 'string' : typeof k === 'boolean' ? 'bool' : k.type}, want int`;
}
