// Universe builtins over collections and attributes: any all dict dir enumerate list max min
// range reversed set sorted tuple zip getattr hasattr print fail.
import { StarlarkError } from '../errors.ts';
import { toArray, tryIterate } from '../values/access.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { compare, typeName } from '../values/compare.ts';
import { Dict, StarSet } from '../values/dict.ts';
import { List, Tuple } from '../values/list.ts';
import { StarObject } from '../values/object.ts';
import type { StarIterator, Value } from '../values/object.ts';
import { Bytes, None } from '../values/primitives.ts';
import { Range } from '../values/range.ts';
import { writeValue } from '../values/repr.ts';
import { Struct } from '../values/struct.ts';
import type { Kwargs } from '../values/thread.ts';
import { attrNames, hasAttr } from './attr.ts';
import { methodsOf } from './methods.ts';
import { updateDict } from './dict-update.ts';
import { sortValues } from './sort.ts';
import { P, unpackArgs, unpackPositional } from './unpack.ts';

function elemsOf(fn: string, args: Value[], kwargs: Kwargs | null, min: number): Value[] | null {
  const [x] = unpackPositional<[StarObject]>(fn, args, kwargs, min, P.iterable);
  return x === undefined ? null : toArray(x.iterate()!);
}

function anyAll(fn: string, want: boolean): BuiltinImpl {
  return (_t, args, kwargs) => {
    const [x] = unpackPositional<[StarObject]>(fn, args, kwargs, 1, P.iterable);
    const it = x!.iterate()!;
    try {
      for (let v = it.next(); v !== undefined; v = it.next()) {
        if (truth(v) === want) return want;
      }
    } finally {
      it.done();
    }
    return !want;
  };
}

function truth(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return true;
  return v.truth();
}

export const any_ = anyAll('any', true);
export const all_ = anyAll('all', false);

export const dict_: BuiltinImpl = (_t, args, kwargs) => {
  if (args.length > 1)
    throw new StarlarkError(`dict: got ${args.length} arguments, want at most 1`);
  const d = new Dict();
  try {
    updateDict(d, args, kwargs);
  } catch (e) {
    if (e instanceof StarlarkError) throw new StarlarkError(`dict: ${e.message}`);
    throw e;
  }
  return d;
};

export const dir_: BuiltinImpl = (_t, args, kwargs) => {
  if (kwargs !== null && kwargs.length > 0) {
    throw new StarlarkError('dir does not accept keyword arguments');
  }
  if (args.length !== 1) throw new StarlarkError(`dir: got ${args.length} arguments, want 1`);
  return new List(attrNames(args[0]!).sort());
};

export const enumerate_: BuiltinImpl = (_t, args, kwargs) => {
  const [x, start = 0] = unpackPositional<[StarObject, number]>(
    'enumerate',
    args,
    kwargs,
    1,
    P.iterable,
    P.int,
  );
  const elems = toArray(x!.iterate()!);
  return new List(elems.map((e, i) => new Tuple([start + i, e])));
};

function joinArgs(args: readonly Value[], sep: string, bytesRaw: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out.push(sep);
    const v = args[i]!;
    if (typeof v === 'string') out.push(v);
    else if (bytesRaw && v instanceof Bytes) out.push(v.s);
    else writeValue(out, v, []);
  }
  return out.join('');
}

export const fail_: BuiltinImpl = (_t, args, kwargs) => {
  const [sep = ' '] = unpackArgs<[string]>('fail', [], kwargs, ['sep?', P.string]);
  throw new StarlarkError(`fail: ${joinArgs(args, sep, false)}`);
};

export const print_: BuiltinImpl = (thread, args, kwargs) => {
  const [sep = ' '] = unpackArgs<[string]>('print', [], kwargs, ['sep?', P.string]);
  thread.print(joinArgs(args, sep, true));
  return None;
};

export const getattr_: BuiltinImpl = (_t, args, kwargs) => {
  const [x, name, dflt] = unpackPositional<[Value, string, Value]>(
    'getattr',
    args,
    kwargs,
    2,
    P.value,
    P.string,
    P.value,
  );
  const methods = methodsOf(x!);
  if (methods !== undefined) {
    const m = methods.get(name!);
    if (m !== undefined) return m.bind(x!);
  } else if (x instanceof StarObject) {
    const v = x.attr(name!);
    if (v !== undefined) return v;
    if (x instanceof Struct && dflt === undefined) {
      throw new StarlarkError(`getattr: ${x.noSuchAttr(name!)}`);
    }
  }
  if (dflt !== undefined) return dflt;
  throw new StarlarkError(`getattr: ${typeName(x!)} has no .${name} field or method`);
};

export const hasattr_: BuiltinImpl = (_t, args, kwargs) => {
  const [x, name] = unpackPositional<[Value, string]>(
    'hasattr',
    args,
    kwargs,
    2,
    P.value,
    P.string,
  );
  return hasAttr(x!, name!);
};

export const list_: BuiltinImpl = (_t, args, kwargs) =>
  new List(elemsOf('list', args, kwargs, 0) ?? []);

export const tuple_: BuiltinImpl = (_t, args, kwargs) =>
  new Tuple(elemsOf('tuple', args, kwargs, 0) ?? []);

export const reversed_: BuiltinImpl = (_t, args, kwargs) =>
  new List(elemsOf('reversed', args, kwargs, 1)!.reverse());

export const set_: BuiltinImpl = (_t, args, kwargs) => {
  const elems = elemsOf('set', args, kwargs, 0);
  const s = new StarSet();
  if (elems !== null) {
    try {
      for (const e of elems) s.ht.put(e, true);
    } catch (e) {
      if (e instanceof StarlarkError) throw new StarlarkError(`set: ${e.message}`);
      throw e;
    }
  }
  return s;
};

export const sorted_: BuiltinImpl = (thread, args, kwargs) => {
  const [x, key, reverse = false] = unpackArgs<[StarObject, StarObject, boolean]>(
    'sorted',
    args,
    kwargs,
    ['iterable', P.iterable],
    ['key?', P.callable],
    ['reverse?', P.bool],
  );
  const values = toArray(x!.iterate()!);
  let keys: Value[] | null = null;
  if (key !== undefined) keys = values.map((v) => thread.call(key, [v], null));
  sortValues(values, keys, reverse);
  return new List(values);
};

function minmax(name: 'max' | 'min'): BuiltinImpl {
  const op = name === 'max' ? '>' : '<';
  return (thread, args, kwargs) => {
    if (args.length === 0) {
      throw new StarlarkError(`${name} requires at least one positional argument`);
    }
    const [key] = unpackArgs<[StarObject]>(name, [], kwargs, ['key?', P.callable]);
    const iterable: Value = args.length === 1 ? args[0]! : new Tuple(args);
    const it = tryIterate(iterable);
    if (it === undefined) {
      throw new StarlarkError(`${name}: ${typeName(iterable)} value is not iterable`);
    }
    try {
      let best = it.next();
      if (best === undefined) throw new StarlarkError(`${name}: argument is an empty sequence`);
      let bestKey = key === undefined ? best : thread.call(key, [best], null);
      for (let x = it.next(); x !== undefined; x = it.next()) {
        const k = key === undefined ? x : thread.call(key, [x], null);
        let better: boolean;
        try {
          better = compare(op, k, bestKey);
        } catch (e) {
          if (e instanceof StarlarkError) throw new StarlarkError(`${name}: ${e.message}`);
          throw e;
        }
        if (better) {
          best = x;
          bestKey = k;
        }
      }
      return best;
    } finally {
      it.done();
    }
  };
}

export const max_ = minmax('max');
export const min_ = minmax('min');

export const range_: BuiltinImpl = (_t, args, kwargs) => {
  const [a, b, c = 1] = unpackPositional<[number, number, number]>(
    'range',
    args,
    kwargs,
    1,
    P.int,
    P.int,
    P.int,
  );
  const [start, stop] = args.length === 1 ? [0, a!] : [a!, b!];
  if (c === 0) throw new StarlarkError('range: step argument must not be zero');
  return new Range(start, stop, c);
};

export const zip_: BuiltinImpl = (_t, args, kwargs) => {
  if (kwargs !== null && kwargs.length > 0) {
    throw new StarlarkError('zip does not accept keyword arguments');
  }
  const iters: StarIterator[] = [];
  try {
    for (let i = 0; i < args.length; i++) {
      const it = tryIterate(args[i]!);
      if (it === undefined) {
        throw new StarlarkError(`zip: argument #${i + 1} is not iterable: ${typeName(args[i]!)}`);
      }
      iters.push(it);
    }
    const out: Value[] = [];
    if (iters.length === 0) return new List(out);
    for (;;) {
      const row: Value[] = [];
      for (const it of iters) {
        const v = it.next();
        if (v === undefined) return new List(out);
        row.push(v);
      }
      out.push(new Tuple(row));
    }
  } finally {
    for (const it of iters) it.done();
  }
};
