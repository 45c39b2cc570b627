// struct (starlarkstruct.Struct) and module (starlarkstruct.Module).
import { StarlarkError } from '../errors.ts';
import { equals, equalsDepth } from './compare.ts';
import { hashValue } from './hashtable.ts';
import { StarObject } from './object.ts';
import type { BinaryOp, CompareOp, Side, Value } from './object.ts';
import { str as strOf, writeValue } from './repr.ts';
import { hashString } from './strhash.ts';

/** The default constructor of structs: the string "struct". */
export const DEFAULT_CONSTRUCTOR = 'struct';

export class Struct extends StarObject {
  readonly constructorValue: Value;
  /** Field names, sorted, parallel to vals. */
  readonly names: readonly string[];
  readonly vals: readonly Value[];
  private frozen = false;
  /** Fields in any order; duplicates keep the last. */
  constructor(fields: Iterable<readonly [string, Value]>, ctor: Value = DEFAULT_CONSTRUCTOR) {
    super();
    this.constructorValue = ctor;
    const m = new Map<string, Value>();
    for (const [k, v] of fields) m.set(k, v);
    const names = [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.names = names;
    this.vals = names.map((n) => m.get(n)!);
  }
  get type(): string {
    return 'struct';
  }
  override hash(): number {
    let x = 8731;
    let m = 9839;
    for (let i = 0; i < this.names.length; i++) {
      x = (x ^ Math.imul(3, hashString(this.names[i]!))) >>> 0;
      x = (x ^ Math.imul(hashValue(this.vals[i]!), m)) >>> 0;
      m = (m + 7349) >>> 0;
    }
    return x;
  }
  protected override freezeOwn(pending: StarObject[]): void {
    if (this.frozen) return;
    this.frozen = true;
    const vs = this.vals;
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i];
      if (v instanceof StarObject) pending.push(v);
    }
  }
  override repr(out: string[], path: StarObject[]): void {
    const c = this.constructorValue;
    out.push(typeof c === 'string' ? c : strOf(c));
    if (path.includes(this)) {
      out.push('(...)');
      return;
    }
    out.push('(');
    path.push(this);
    for (let i = 0; i < this.names.length; i++) {
      if (i > 0) out.push(', ');
      out.push(this.names[i]!, ' = ');
      writeValue(out, this.vals[i]!, path);
    }
    path.pop();
    out.push(')');
  }
  /** The field value, or undefined. */
  field(name: string): Value | undefined {
    const names = this.names;
    let i = 0;
    let j = names.length;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (names[h]! < name) i = h + 1;
      else j = h;
    }
    return i < names.length && names[i] === name ? this.vals[i] : undefined;
  }
  override attr(name: string): Value | undefined {
    return this.field(name);
  }
  /** The NoSuchAttrError text getAttr uses instead of the generic one. */
  noSuchAttr(name: string): string {
    const c = this.constructorValue;
    const ctor = c === DEFAULT_CONSTRUCTOR ? '' : `${strOf(c)} `;
    return `${ctor}struct has no .${name} attribute`;
  }
  override attrNames(): string[] {
    return [...this.names];
  }
  override binary(op: BinaryOp, y: Value, side: Side): Value | undefined {
    if (op !== '+' || !(y instanceof Struct)) return undefined;
    const [a, b] = side === 'left' ? [this, y] : [y, this];
    if (!equals(a.constructorValue, b.constructorValue)) {
      throw new StarlarkError(
        `cannot add structs of different constructors: ${strOf(a.constructorValue)} + ${strOf(b.constructorValue)}`,
      );
    }
    const fields: Array<[string, Value]> = [];
    for (let i = 0; i < a.names.length; i++) fields.push([a.names[i]!, a.vals[i]!]);
    for (let i = 0; i < b.names.length; i++) fields.push([b.names[i]!, b.vals[i]!]);
    return new Struct(fields, a.constructorValue);
  }
  override compareSameType(op: CompareOp, y_: Value, depth: number): boolean {
    if (op !== '==' && op !== '!=') {
      throw new StarlarkError(`struct ${op} struct not implemented`);
    }
    const y = y_ as Struct;
    let eq =
      this.names.length === y.names.length && equals(this.constructorValue, y.constructorValue);
    for (let i = 0; eq && i < this.names.length; i++) {
      eq = this.names[i] === y.names[i] && equalsDepth(this.vals[i]!, y.vals[i]!, depth - 1);
    }
    return op === '==' ? eq : !eq;
  }
}

/** A named set of read-only members, e.g. json, math. */
export class Module extends StarObject {
  readonly mname: string;
  readonly members: ReadonlyMap<string, Value>;
  constructor(name: string, members: ReadonlyMap<string, Value>) {
    super();
    this.mname = name;
    this.members = members;
  }
  get type(): string {
    return 'module';
  }
  override hash(): number {
    throw new StarlarkError('unhashable: module');
  }
  protected override freezeOwn(pending: StarObject[]): void {
    for (const v of this.members.values()) if (v instanceof StarObject) pending.push(v);
  }
  override repr(out: string[]): void {
    out.push(`<module "${this.mname}">`);
  }
  override attr(name: string): Value | undefined {
    return this.members.get(name);
  }
  override attrNames(): string[] {
    return [...this.members.keys()].sort();
  }
}
