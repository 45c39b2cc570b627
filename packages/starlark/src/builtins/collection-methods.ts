// Methods of list, dict, set and bytes values.
import { StarlarkError } from '../errors.ts';
import { toArray, tryIterate } from '../values/access.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { equals, typeName } from '../values/compare.ts';
import { type Dict, StarSet } from '../values/dict.ts';
import { List, seqIndex, Tuple } from '../values/list.ts';
import type { StarObject, Value } from '../values/object.ts';
import { type Bytes, None } from '../values/primitives.ts';
import {
  setClone,
  setDifference,
  setIntersection,
  setSymmetricDifference,
} from '../values/setops.ts';
import type { Kwargs } from '../values/thread.ts';
import { updateDict } from './dict-update.ts';
import { nameErr, sliceIndices } from './helpers.ts';
import { bytesElemsValue } from './string-iter.ts';
import { checkPositional, P, unpackPositional } from './unpack.ts';

type M<R> = (recv: R, args: Value[], kw: Kwargs | null, name: string) => Value;

function table<R>(methods: Record<string, M<R>>): ReadonlyMap<string, BuiltinImpl> {
  return new Map(
    Object.entries(methods).map(([name, m]) => [
      name,
      ((_t, args, kwargs, recv) => m(recv as R, args, kwargs, name)) as BuiltinImpl,
    ]),
  );
}

const iterable = (v: StarObject | undefined): Value[] =>
  v === undefined ? [] : toArray(v.iterate()!);

export const LIST_METHODS = table<List>({
  append: (l, a, k, n) => {
    if (a.length === 1 && k === null && !l.frozen && l.itercount === 0) {
      l.elems.push(a[0]!); // the common case, without unpacking or an error wrapper
      return None;
    }
    const [x] = unpackPositional<[Value]>(n, a, k, 1, P.value);
    nameErr(n, () => l.checkMutable('append to'));
    l.elems.push(x!);
    return None;
  },
  clear: (l, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    nameErr(n, () => l.checkMutable('clear'));
    l.elems.length = 0;
    return None;
  },
  extend: (l, a, k, n) => {
    const [x] = unpackPositional<[StarObject]>(n, a, k, 1, P.iterable);
    nameErr(n, () => l.checkMutable('extend'));
    const add = x instanceof List ? x.elems.slice() : iterable(x);
    for (const v of add) l.elems.push(v);
    return None;
  },
  index: (l, a, k, n) => {
    const [x, lo, hi] = unpackPositional<[Value, Value, Value]>(
      n,
      a,
      k,
      1,
      P.value,
      P.value,
      P.value,
    );
    const [start, end] = sliceIndices(n, lo, hi, l.elems.length);
    for (let i = start; i < end; i++) if (nameErr(n, () => equals(l.elems[i]!, x!))) return i;
    throw new StarlarkError(`${n}: value not in list`);
  },
  insert: (l, a, k, n) => {
    const [idx, x] = unpackPositional<[number, Value]>(n, a, k, 2, P.int, P.value);
    nameErr(n, () => l.checkMutable('insert into'));
    let i = idx!;
    const len = l.elems.length;
    if (i < 0) i += len;
    if (i >= len) l.elems.push(x!);
    else l.elems.splice(Math.max(i, 0), 0, x!);
    return None;
  },
  pop: (l, a, k, n) => {
    const len = l.elems.length;
    const [idx = len - 1] = unpackPositional<[number]>(n, a, k, 0, P.int);
    const i = nameErr(n, () => seqIndex(idx, len, l, false));
    nameErr(n, () => l.checkMutable('pop from'));
    return l.elems.splice(i, 1)[0]!;
  },
  remove: (l, a, k, n) => {
    const [x] = unpackPositional<[Value]>(n, a, k, 1, P.value);
    nameErr(n, () => l.checkMutable('remove from'));
    for (let i = 0; i < l.elems.length; i++) {
      if (nameErr('remove', () => equals(l.elems[i]!, x!))) {
        l.elems.splice(i, 1);
        return None;
      }
    }
    throw new StarlarkError('remove: element not found');
  },
});

export const DICT_METHODS = table<Dict>({
  clear: (d, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    d.ht.clear();
    return None;
  },
  get: (d, a, k, n) => {
    const k0 = a[0];
    if (k === null && (a.length === 1 || a.length === 2) && typeof k0 !== 'object') {
      // A primitive key cannot be unhashable: no unpacking, no error wrapper.
      return d.ht.get(k0 as Value) ?? a[1] ?? None;
    }
    const [key, dflt] = unpackPositional<[Value, Value]>(n, a, k, 1, P.value, P.value);
    const v = nameErr(n, () => d.ht.get(key!));
    return v ?? dflt ?? None;
  },
  items: (d, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    const out: Value[] = [];
    for (const e of d.ht.map.values()) out.push(new Tuple([e.k, e.v]));
    return new List(out);
  },
  keys: (d, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    return new List(d.ht.keys());
  },
  pop: (d, a, k, n) => {
    const [key, dflt] = unpackPositional<[Value, Value]>(n, a, k, 1, P.value, P.value);
    const e = nameErr(n, () => d.ht.delete(key!));
    if (e !== undefined) return e.v;
    if (dflt !== undefined) return dflt;
    throw new StarlarkError(`${n}: missing key`);
  },
  popitem: (d, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    const e = d.ht.first();
    if (e === undefined) throw new StarlarkError(`${n}: empty dict`);
    nameErr(n, () => d.ht.delete(e.k));
    return new Tuple([e.k, e.v]);
  },
  setdefault: (d, a, k, n) => {
    const [key, dflt = None] = unpackPositional<[Value, Value]>(n, a, k, 1, P.value, P.value);
    const v = nameErr(n, () => d.ht.get(key!));
    if (v !== undefined) return v;
    nameErr(n, () => d.ht.insert(key!, dflt));
    return dflt;
  },
  update: (d, a, k) => {
    if (a.length > 1) throw new StarlarkError(`update: got ${a.length} arguments, want at most 1`);
    nameErr('update', () => updateDict(d, a, k));
    return None;
  },
  values: (d, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    return new List([...d.ht.entries()].map((e) => e.v));
  },
});

function setOp(f: (s: StarSet, elems: Value[]) => Value): M<StarSet> {
  return (s, a, k, n) => {
    const [x] = unpackPositional<[StarObject]>(n, a, k, 0, P.iterable);
    const elems = iterable(x);
    return nameErr(n, () => f(s, elems));
  };
}

function setUpdate(s: StarSet, args: Value[], kw: Kwargs | null): void {
  if (kw !== null && kw.length > 0) throw new StarlarkError('does not accept keyword arguments');
  for (let i = 0; i < args.length; i++) {
    const it = tryIterate(args[i]!);
    if (it === undefined) {
      throw new StarlarkError(`argument #${i + 1} is not iterable: ${typeName(args[i]!)}`);
    }
    for (const v of toArray(it)) s.ht.insert(v, true);
  }
}

export const SET_METHODS = table<StarSet>({
  add: (s, a, k, n) => {
    const [x] = unpackPositional<[Value]>(n, a, k, 1, P.value);
    nameErr(n, () => {
      s.ht.checkMutable('insert into');
      if (s.ht.lookup(x!) === undefined) s.ht.insert(x!, true);
    });
    return None;
  },
  clear: (s, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    if (s.ht.size > 0) nameErr(n, () => s.ht.clear());
    return None;
  },
  difference: setOp((s, e) => setDifference(s, e)),
  discard: (s, a, k, n) => {
    const [x] = unpackPositional<[Value]>(n, a, k, 1, P.value);
    nameErr(n, () => {
      s.ht.checkMutable('delete from');
      if (s.ht.lookup(x!) !== undefined) s.ht.delete(x!);
    });
    return None;
  },
  intersection: setOp((s, e) => setIntersection(s, e)),
  issubset: setOp((s, e) => {
    const other = new StarSet();
    for (const v of e) other.ht.put(v, true);
    return s.subsetOf(other);
  }),
  issuperset: setOp((s, e) => e.every((v) => s.ht.lookup(v) !== undefined)),
  pop: (s, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    const e = s.ht.first();
    if (e === undefined) throw new StarlarkError(`${n}: empty set`);
    nameErr(n, () => s.ht.delete(e.k));
    return e.k;
  },
  remove: (s, a, k, n) => {
    const [x] = unpackPositional<[Value]>(n, a, k, 1, P.value);
    const e = nameErr(n, () => s.ht.delete(x!));
    if (e === undefined) throw new StarlarkError(`${n}: missing key`);
    return None;
  },
  symmetric_difference: setOp((s, e) => setSymmetricDifference(s, e)),
  union: (s, a, k, n) => {
    const z = setClone(s);
    nameErr(n, () => setUpdate(z, a, k));
    return z;
  },
  update: (s, a, k, n) => {
    nameErr(n, () => setUpdate(s, a, k));
    return None;
  },
});

export const BYTES_METHODS = table<Bytes>({
  elems: (b, a, k, n) => {
    checkPositional(n, a, k, 0, 0);
    return bytesElemsValue(b.s);
  },
});
