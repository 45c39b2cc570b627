// The insertion-ordered hash table behind dict and set, on top of JS Map.
// Keys with exact JS equality (strings, ints, integral floats, bools, None, functions) are their
// own Map key; other hashable values (tuples, host types) go through hash() and equals().
import { StarlarkError } from '../errors.ts';
import { equals } from './compare.ts';
import { bigintHash, intHash } from './inthash.ts';
import { HASHED, StarObject } from './object.ts';
import type { Value } from './object.ts';

export interface Entry {
  readonly k: Value;
  v: Value;
}

/** The Map key of v, or HASHED; throws "unhashable type: T" for unhashable values. */
export function mapKey(v: Value): unknown {
  if (typeof v !== 'object') return v;
  const k = v.mapKey();
  if (k === HASHED) v.hash(); // throws when unhashable
  return k;
}

/** Hash consistent with equality (ints and equal floats agree). Not observable by programs. */
export function hashValue(v: Value): number {
  switch (typeof v) {
    case 'string':
      return stringHash(v);
    case 'number':
      return intHash(v);
    case 'bigint':
      return bigintHash(v);
    case 'boolean':
      return v ? 1 : 0;
    default:
      return v.hash();
  }
}

function stringHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class HashTable {
  readonly map: Map<unknown, Entry> = new Map();
  /** Entries whose key is HASHED, by hash; their Map key is the Entry itself. */
  private byHash: Map<number, Entry[]> | null = null;
  frozen = false;
  itercount = 0;

  get size(): number {
    return this.map.size;
  }

  checkMutable(verb: string): void {
    if (this.frozen) throw new StarlarkError(`cannot ${verb} frozen hash table`);
    if (this.itercount > 0) throw new StarlarkError(`cannot ${verb} hash table during iteration`);
  }

  lookup(k: Value): Entry | undefined {
    const key = mapKey(k);
    if (key !== HASHED) return this.map.get(key);
    if (this.byHash === null) return undefined;
    const bucket = this.byHash.get(hashValue(k));
    if (bucket === undefined) return undefined;
    for (const e of bucket) if (equals(k, e.k)) return e;
    return undefined;
  }

  get(k: Value): Value | undefined {
    return this.lookup(k)?.v;
  }

  insert(k: Value, v: Value): void {
    this.checkMutable('insert into');
    this.put(k, v);
  }

  /** Insert without the mutability check (fresh tables). */
  put(k: Value, v: Value): void {
    const key = mapKey(k);
    if (key !== HASHED) {
      const e = this.map.get(key);
      if (e !== undefined) e.v = v;
      else this.map.set(key, { k, v });
      return;
    }
    const h = hashValue(k);
    if (this.byHash === null) this.byHash = new Map();
    let bucket = this.byHash.get(h);
    if (bucket === undefined) this.byHash.set(h, (bucket = []));
    for (const e of bucket) {
      if (equals(k, e.k)) {
        e.v = v;
        return;
      }
    }
    const e: Entry = { k, v };
    bucket.push(e);
    this.map.set(e, e);
  }

  /** Removes k; returns the removed entry. */
  delete(k: Value): Entry | undefined {
    this.checkMutable('delete from');
    const key = mapKey(k);
    if (key !== HASHED) {
      const e = this.map.get(key);
      if (e !== undefined) this.map.delete(key);
      return e;
    }
    const bucket = this.byHash?.get(hashValue(k));
    if (bucket === undefined) return undefined;
    for (let i = 0; i < bucket.length; i++) {
      const e = bucket[i]!;
      if (equals(k, e.k)) {
        bucket.splice(i, 1);
        this.map.delete(e);
        return e;
      }
    }
    return undefined;
  }

  clear(): void {
    this.checkMutable('clear');
    this.map.clear();
    this.byHash = null;
  }

  /** Marks the table frozen and adds its keys and values to `pending` (StarObject.freeze). */
  freezeInto(pending: StarObject[]): void {
    if (this.frozen) return;
    this.frozen = true;
    for (const e of this.map.values()) {
      if (e.k instanceof StarObject) pending.push(e.k);
      if (e.v instanceof StarObject) pending.push(e.v);
    }
  }

  first(): Entry | undefined {
    for (const e of this.map.values()) return e;
    return undefined;
  }

  keys(): Value[] {
    const out: Value[] = [];
    for (const e of this.map.values()) out.push(e.k);
    return out;
  }

  entries(): IterableIterator<Entry> {
    return this.map.values();
  }
}
