// dict and set, both over HashTable.
import { StarlarkError } from '../errors.ts';
import { equalsDepth } from './compare.ts';
import { HashTable } from './hashtable.ts';
import type { Entry } from './hashtable.ts';
import { StarObject } from './object.ts';
import type { CompareOp, StarIterator, Value } from './object.ts';
import { writeValue } from './repr.ts';

/** Iterates the keys of a hash table, holding its iteration lock. */
class KeyIterator implements StarIterator {
  private readonly ht: HashTable;
  private readonly it: Iterator<Entry>;
  constructor(ht: HashTable) {
    this.ht = ht;
    this.it = ht.map.values();
    if (!ht.frozen) ht.itercount++;
  }
  next(): Value | undefined {
    const r = this.it.next();
    return r.done ? undefined : r.value.k;
  }
  done(): void {
    if (!this.ht.frozen) this.ht.itercount--;
  }
}

export class Dict extends StarObject {
  readonly ht: HashTable = new HashTable();
  get type(): string {
    return 'dict';
  }
  override truth(): boolean {
    return this.ht.size > 0;
  }
  override hash(): number {
    throw new StarlarkError('unhashable type: dict');
  }
  protected override freezeOwn(pending: StarObject[]): void {
    this.ht.freezeInto(pending);
  }
  get frozen(): boolean {
    return this.ht.frozen;
  }
  override repr(out: string[], path: StarObject[]): void {
    if (path.includes(this)) {
      out.push('{...}');
      return;
    }
    out.push('{');
    let sep = '';
    for (const e of this.ht.entries()) {
      out.push(sep);
      writeValue(out, e.k, path);
      out.push(': ');
      path.push(this);
      writeValue(out, e.v, path);
      path.pop();
      sep = ', ';
    }
    out.push('}');
  }
  override len(): number {
    return this.ht.size;
  }
  override get isMapping(): boolean {
    return true;
  }
  override get(k: Value): Value | undefined {
    return this.ht.get(k);
  }
  /** Inserts or updates k (dict literals, d[k] = v). */
  set(k: Value, v: Value): void {
    this.ht.insert(k, v);
  }
  override setIndex(k: Value, v: Value): void {
    this.ht.insert(k, v);
  }
  override iterate(): StarIterator {
    return new KeyIterator(this.ht);
  }
  override has(x: Value): boolean {
    // Like Go's Mapping case of `in`: an unhashable key is simply absent.
    try {
      return this.ht.lookup(x) !== undefined;
    } catch {
      return false;
    }
  }
  keys(): Value[] {
    return this.ht.keys();
  }
  override compareSameType(op: CompareOp, y: Value, depth: number): boolean {
    if (op !== '==' && op !== '!=') {
      throw new StarlarkError(`dict ${op} dict not implemented`);
    }
    const eq = dictsEqual(this, y as Dict, depth);
    return op === '==' ? eq : !eq;
  }
  /** x | y: a new dict, right wins. */
  union(y: Dict): Dict {
    const z = new Dict();
    for (const e of this.ht.entries()) z.ht.put(e.k, e.v);
    for (const e of y.ht.entries()) z.ht.put(e.k, e.v);
    return z;
  }
}

function dictsEqual(x: Dict, y: Dict, depth: number): boolean {
  if (x.ht.size !== y.ht.size) return false;
  for (const e of x.ht.entries()) {
    let yv: Value | undefined;
    try {
      yv = y.ht.get(e.k);
    } catch {
      return false;
    }
    if (yv === undefined || !equalsDepth(e.v, yv, depth - 1)) return false;
  }
  return true;
}

export class StarSet extends StarObject {
  readonly ht: HashTable = new HashTable();
  get type(): string {
    return 'set';
  }
  override truth(): boolean {
    return this.ht.size > 0;
  }
  override hash(): number {
    throw new StarlarkError('unhashable type: set');
  }
  protected override freezeOwn(pending: StarObject[]): void {
    this.ht.freezeInto(pending);
  }
  get frozen(): boolean {
    return this.ht.frozen;
  }
  override repr(out: string[], path: StarObject[]): void {
    out.push('set([');
    let sep = '';
    for (const e of this.ht.entries()) {
      out.push(sep);
      writeValue(out, e.k, path);
      sep = ', ';
    }
    out.push('])');
  }
  override len(): number {
    return this.ht.size;
  }
  insert(k: Value): void {
    this.ht.insert(k, true);
  }
  override iterate(): StarIterator {
    return new KeyIterator(this.ht);
  }
  override has(x: Value): boolean {
    return this.ht.lookup(x) !== undefined;
  }
  keys(): Value[] {
    return this.ht.keys();
  }
  override compareSameType(op: CompareOp, y_: Value): boolean {
    const y = y_ as StarSet;
    const nx = this.ht.size;
    const ny = y.ht.size;
    switch (op) {
      case '==':
        return nx === ny && this.subsetOf(y);
      case '!=':
        return !(nx === ny && this.subsetOf(y));
      case '>=':
        return nx >= ny && y.subsetOf(this);
      case '<=':
        return nx <= ny && this.subsetOf(y);
      case '>':
        return nx > ny && y.subsetOf(this);
      default:
        return nx < ny && this.subsetOf(y);
    }
  }
  /** Every element of this is in y. */
  subsetOf(y: StarSet): boolean {
    for (const k of this.ht.map.values()) if (y.ht.lookup(k.k) === undefined) return false;
    return true;
  }
}
