// Methods of string values (byte offsets; case methods on decoded runes, with Go's rules).
import { StarlarkError } from '../errors.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { typeName } from '../values/compare.ts';
import { List, Tuple } from '../values/list.ts';
import type { StarObject, Value } from '../values/object.ts';
import { None } from '../values/primitives.ts';
import { isAscii } from '../values/utf8.ts';
import { formatString } from './str-format.ts';
import { iterElems, sliceIndices } from './helpers.ts';
import * as U from './unicode.ts';
import { checkPositional, P, unpackPositional } from './unpack.ts';
import { elemsValue, codepointsValue } from './string-iter.ts';
import { splitImpl, splitlinesImpl, stripImpl } from './string-split.ts';

type Method = (
  s: string,
  args: Value[],
  kw: import('../values/thread.ts').Kwargs | null,
  name: string,
) => Value;

function noArgs(
  name: string,
  args: Value[],
  kw: import('../values/thread.ts').Kwargs | null,
): void {
  checkPositional(name, args, kw, 0, 0);
}

function nullary(f: (s: string) => Value): Method {
  return (s, a, k, n) => {
    noArgs(n, a, k);
    return f(s);
  };
}

function upper(s: string): string {
  return isAscii(s) ? s.toUpperCase() : U.mapRunes(s, U.toUpper);
}
function lower(s: string): string {
  return isAscii(s) ? s.toLowerCase() : U.mapRunes(s, U.toLower);
}

function hasCased(s: string): boolean {
  let found = false;
  U.forRunes(s, (r) => {
    if (U.isCased(r)) {
      found = true;
      return false;
    }
  });
  return found;
}

function allRunes(s: string, pred: (r: number) => boolean): boolean {
  let ok = true;
  U.forRunes(s, (r) => {
    if (!pred(r)) {
      ok = false;
      return false;
    }
  });
  return ok && s !== '';
}

function findImpl(allowError: boolean, last: boolean): Method {
  return (s, args, kw, name) => {
    const only = args[0];
    if (args.length === 1 && kw === null && typeof only === 'string') {
      // The common one-argument form, without unpacking or slicing.
      const i = last ? s.lastIndexOf(only) : s.indexOf(only);
      if (i < 0 && !allowError) throw new StarlarkError(`${name}: substring not found`);
      return i;
    }
    const [sub, lo, hi] = unpackPositional<[string, Value, Value]>(
      name,
      args,
      kw,
      1,
      P.string,
      P.value,
      P.value,
    );
    const [start, end] = sliceIndices(name, lo, hi, s.length);
    const slice = start < end ? s.slice(start, end) : '';
    const i = last ? slice.lastIndexOf(sub!) : slice.indexOf(sub!);
    if (i < 0) {
      if (!allowError) throw new StarlarkError(`${name}: substring not found`);
      return -1;
    }
    return i + start;
  };
}

function startsWith(
  s: string,
  args: Value[],
  kw: import('../values/thread.ts').Kwargs | null,
  name: string,
): Value {
  const only = args[0];
  if (args.length === 1 && kw === null && typeof only === 'string') {
    // The common one-argument form, without unpacking or slicing.
    return name[0] === 'e' ? s.endsWith(only) : s.startsWith(only);
  }
  const [x, lo = None, hi = None] = unpackPositional<[Value, Value, Value]>(
    name,
    args,
    kw,
    1,
    P.value,
    P.value,
    P.value,
  );
  const [start, end0] = sliceIndices(name, lo, hi, s.length);
  const sub = s.slice(start, Math.max(end0, start));
  const f = name[0] === 'e' ? (p: string) => sub.endsWith(p) : (p: string) => sub.startsWith(p);
  if (x instanceof Tuple) {
    for (let i = 0; i < x.elems.length; i++) {
      const p = x.elems[i]!;
      if (typeof p !== 'string') {
        throw new StarlarkError(`${name}: want string, got ${typeName(p)}, for element ${i}`);
      }
      if (f(p)) return true;
    }
    return false;
  }
  if (typeof x === 'string') return f(x);
  throw new StarlarkError(`${name}: got ${typeName(x!)}, want string or tuple of string`);
}

const METHODS: Record<string, Method> = {
  capitalize: (s, a, k, n) => {
    noArgs(n, a, k);
    let first = true;
    return U.mapRunes(s, (r) => {
      const out = first ? U.toTitle(r) : U.toLower(r);
      first = false;
      return out;
    });
  },
  codepoint_ords: nullary((s) => codepointsValue(s, true)),
  codepoints: nullary((s) => codepointsValue(s, false)),
  count: (s, a, k, n) => {
    const [sub, lo, hi] = unpackPositional<[string, Value, Value]>(
      n,
      a,
      k,
      1,
      P.string,
      P.value,
      P.value,
    );
    const [start, end] = sliceIndices(n, lo, hi, s.length);
    const slice = start < end ? s.slice(start, end) : '';
    if (sub === '') return runeCount(slice) + 1;
    let c = 0;
    for (let i = slice.indexOf(sub!); i >= 0; i = slice.indexOf(sub!, i + sub!.length)) c++;
    return c;
  },
  elem_ords: nullary((s) => elemsValue(s, true)),
  elems: nullary((s) => elemsValue(s, false)),
  endswith: startsWith,
  find: findImpl(true, false),
  format: (s, a, k) => formatString(s, a, k),
  index: findImpl(false, false),
  isalnum: nullary((s) => allRunes(s, (r) => U.isLetter(r) || U.isDigit(r))),
  isalpha: nullary((s) => allRunes(s, U.isLetter)),
  isdigit: nullary((s) => allRunes(s, U.isDigit)),
  islower: nullary((s) => hasCased(s) && s === lower(s)),
  isspace: nullary((s) => allRunes(s, U.isSpace)),
  istitle: (s, a, k, n) => {
    noArgs(n, a, k);
    let cased = false;
    let prev = false;
    let ok = true;
    U.forRunes(s, (r) => {
      if ((r >= 0x41 && r <= 0x5a) || U.isTitle(r)) {
        if (prev) return (ok = false);
        prev = cased = true;
      } else if (U.isLower(r)) {
        if (!prev) return (ok = false);
        prev = cased = true;
      } else if (U.isUpper(r)) {
        return (ok = false);
      } else prev = false;
    });
    return ok && cased;
  },
  isupper: nullary((s) => hasCased(s) && s === upper(s)),
  join: (s, a, k, n) => {
    const [it] = unpackPositional<[StarObject]>(n, a, k, 1, P.iterable);
    const check = (x: Value): string => {
      if (typeof x !== 'string') {
        throw new StarlarkError(`join: in list, want string, got ${typeName(x)}`);
      }
      return x;
    };
    if (it instanceof List || it instanceof Tuple) {
      // Array join builds one flat string (repeated += builds a rope that is flattened later).
      const e = it.elems;
      for (let i = 0; i < e.length; i++) check(e[i]!);
      return e.join(s);
    }
    const parts: string[] = [];
    iterElems(it!, (x) => {
      parts.push(check(x));
    });
    return parts.join(s);
  },
  lower: nullary((s) => lower(s)),
  lstrip: stripImpl,
  partition: partition,
  removeprefix: (s, a, k, n) => {
    const [fix] = unpackPositional<[string]>(n, a, k, 1, P.string);
    return s.startsWith(fix!) ? s.slice(fix!.length) : s;
  },
  removesuffix: (s, a, k, n) => {
    const [fix] = unpackPositional<[string]>(n, a, k, 1, P.string);
    return fix !== '' && s.endsWith(fix!) ? s.slice(0, s.length - fix!.length) : s;
  },
  replace: (s, a, k, n) => {
    const [a0, a1] = a;
    if (a.length === 2 && k === null && typeof a0 === 'string' && typeof a1 === 'string') {
      return replace(s, a0, a1, -1);
    }
    const [old, nu, count = -1] = unpackPositional<[string, string, number]>(
      n,
      a,
      k,
      2,
      P.string,
      P.string,
      P.int,
    );
    return replace(s, old!, nu!, count);
  },
  rfind: findImpl(true, true),
  rindex: findImpl(false, true),
  rpartition: partition,
  rsplit: splitImpl,
  rstrip: stripImpl,
  split: splitImpl,
  splitlines: splitlinesImpl,
  startswith: startsWith,
  strip: stripImpl,
  title: (s, a, k, n) => {
    noArgs(n, a, k);
    let prev = false;
    return U.mapRunes(s, (r) => {
      const out = prev ? U.toLower(r) : U.toTitle(r);
      prev = U.isCased(out);
      return out;
    });
  },
  upper: nullary((s) => upper(s)),
};

function partition(
  s: string,
  a: Value[],
  k: import('../values/thread.ts').Kwargs | null,
  n: string,
): Value {
  const [sep] = unpackPositional<[string]>(n, a, k, 1, P.string);
  if (sep === '') throw new StarlarkError(`${n}: empty separator`);
  const fwd = n[0] === 'p';
  const i = fwd ? s.indexOf(sep!) : s.lastIndexOf(sep!);
  if (i < 0) return new Tuple(fwd ? [s, '', ''] : ['', '', s]);
  return new Tuple([s.slice(0, i), sep!, s.slice(i + sep!.length)]);
}

function runeCount(s: string): number {
  let n = 0;
  U.forRunes(s, () => {
    n++;
  });
  return n;
}

/** Go's strings.Replace (n < 0: all; an empty old matches at every rune boundary). */
function replace(s: string, old: string, nu: string, n: number): string {
  if (old === nu || n === 0) return s;
  if (old === '') {
    const out: string[] = [];
    let done = 0;
    let last = 0;
    U.forRunes(s, (_r, i) => {
      if (n >= 0 && done >= n) return false;
      out.push(s.slice(last, i), nu);
      last = i;
      done++;
    });
    if ((n < 0 || done < n) && last <= s.length) {
      out.push(s.slice(last), nu);
      return out.join('');
    }
    out.push(s.slice(last));
    return out.join('');
  }
  if (n < 0) return s.split(old).join(nu);
  let out = '';
  let p = 0;
  for (let c = 0; c < n; c++) {
    const i = s.indexOf(old, p);
    if (i < 0) break;
    out += s.slice(p, i) + nu;
    p = i + old.length;
  }
  return out + s.slice(p);
}

/** The string method table: name → implementation taking the receiver. */
export const STRING_METHODS: ReadonlyMap<string, BuiltinImpl> = new Map(
  Object.entries(METHODS).map(([name, m]) => [
    name,
    ((_t, args, kwargs, recv) => m(recv as string, args, kwargs, name)) as BuiltinImpl,
  ]),
);
