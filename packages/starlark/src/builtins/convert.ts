// Conversion builtins: int float str bytes bool chr ord repr type hash len abs.
import { StarlarkError } from '../errors.ts';
import { len as lenOf, tryIterate } from '../values/access.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { typeName } from '../values/compare.ts';
import { floatToInt, intNeg, intToFloat, normBig } from '../values/int.ts';
import type { Value } from '../values/object.ts';
import { Bytes, Float, fnv32, None } from '../values/primitives.ts';
import { repr as reprOf, str as strOf } from '../values/repr.ts';
import { javaStringHash } from '../values/strhash.ts';
import { decodeRune, encodeRune, RUNE_MASK, runes } from '../values/utf8.ts';
import { parseGoFloat } from './parse-float.ts';
import { checkPositional, P, unpackArgs, unpackPositional } from './unpack.ts';

function noKwargs(name: string, kwargs: unknown[] | null): void {
  if (kwargs !== null && kwargs.length > 0) {
    throw new StarlarkError(`${name} does not accept keyword arguments`);
  }
}

export const int_: BuiltinImpl = (_t, args, kwargs) => {
  const [x = 0, base] = unpackArgs<[Value, Value]>(
    'int',
    args,
    kwargs,
    ['x', P.value],
    ['base?', P.value],
  );
  if (typeof x === 'string') {
    let b = 10;
    if (base !== undefined) {
      if (typeof base !== 'number' || base < -2147483648 || base > 2147483647) {
        throw new StarlarkError(`int: for base, got ${typeName(base)}, want int`);
      }
      b = base;
      if (b !== 0 && (b < 2 || b > 36)) {
        throw new StarlarkError('int: base must be an integer >= 2 && <= 36');
      }
    }
    const r = parseIntLiteral(x, b);
    if (r === undefined) throw new StarlarkError(`int: invalid literal with base ${b}: ${x}`);
    return r;
  }
  if (base !== undefined)
    throw new StarlarkError("int: can't convert non-string with explicit base");
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'number' || typeof x === 'bigint') return x;
  if (x instanceof Float) {
    if (Number.isNaN(x.v)) throw new StarlarkError('int: cannot convert float NaN to integer');
    if (!Number.isFinite(x.v)) {
      throw new StarlarkError('int: cannot convert float infinity to integer');
    }
    return floatToInt(x.v);
  }
  throw new StarlarkError(`int: cannot convert ${typeName(x)} to int`);
};

/** starlark-go parseInt: sign, optional 0x/0o/0b prefix, digits; undefined if invalid. */
export function parseIntLiteral(s: string, base: number): number | bigint | undefined {
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    s = s.slice(1);
  }
  if (s.length > 1 && s[0] === '0') {
    let prefix = 0;
    if (s.length > 2) {
      const c = s[1];
      if (c === 'o' || c === 'O') prefix = 8;
      else if (c === 'x' || c === 'X') prefix = 16;
      else if (c === 'b' || c === 'B') prefix = 2;
    }
    if (prefix !== 0) {
      if (base === 0 || prefix === base) {
        base = prefix;
        s = s.slice(2);
      }
    } else if (base === 0) {
      for (let i = 1; i < s.length; i++) if (s[i] !== '0') return undefined;
      return 0;
    }
  }
  if (base === 0) base = 10;
  if (s.length === 0) return undefined;
  let acc = 0n;
  const bb = BigInt(base);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 87;
    else if (c >= 65 && c <= 90) d = c - 55;
    else return undefined;
    if (d >= base) return undefined;
    acc = acc * bb + BigInt(d);
  }
  const r = normBig(acc);
  return neg ? intNeg(r) : r;
}

export const float_: BuiltinImpl = (_t, args, kwargs) => {
  noKwargs('float', kwargs);
  if (args.length === 0) return new Float(0);
  if (args.length !== 1) throw new StarlarkError(`float got ${args.length} arguments, wants 1`);
  const x = args[0]!;
  if (typeof x === 'boolean') return new Float(x ? 1 : 0);
  if (typeof x === 'number') return new Float(x);
  if (typeof x === 'bigint') return new Float(intToFloat(x));
  if (x instanceof Float) return x;
  if (typeof x === 'string') {
    if (x === '') throw new StarlarkError('float: empty string');
    const l = x.toLowerCase();
    if (l === 'inf' || l === '+inf' || l === 'infinity' || l === '+infinity') {
      return new Float(Infinity);
    }
    if (l === '-inf' || l === '-infinity') return new Float(-Infinity);
    if (l === 'nan' || l === '+nan' || l === '-nan') return new Float(Number.NaN);
    const f = parseGoFloat(x);
    // Go reports overflow before syntax: ParseFloat gives ±Inf with its range error.
    if (f === Infinity || f === -Infinity) {
      throw new StarlarkError('floating-point number too large');
    }
    if (f === undefined) throw new StarlarkError(`invalid float literal: ${x}`);
    return new Float(f);
  }
  throw new StarlarkError(`float got ${typeName(x)}, want number or string`);
};

/** Go's utf8Transcode: invalid bytes become U+FFFD. */
export function utf8Transcode(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; ) {
    if (s.charCodeAt(i) < 0x80) {
      i++;
      continue;
    }
    const d = decodeRune(s, i);
    const w = d >>> 21;
    if (w === 1) {
      out += `${s.slice(start, i)}\xef\xbf\xbd`;
      start = i + 1;
    }
    i += w;
  }
  return start === 0 ? s : out + s.slice(start);
}

export const str_: BuiltinImpl = (_t, args, kwargs) => {
  noKwargs('str', kwargs);
  if (args.length !== 1) {
    throw new StarlarkError(`str: got ${args.length} arguments, want exactly 1`);
  }
  const x = args[0]!;
  if (x instanceof Bytes) return utf8Transcode(x.s);
  return strOf(x);
};

export const bytes_: BuiltinImpl = (_t, args, kwargs) => {
  noKwargs('bytes', kwargs);
  if (args.length !== 1) {
    throw new StarlarkError(`bytes: got ${args.length} arguments, want exactly 1`);
  }
  const x = args[0]!;
  if (x instanceof Bytes) return x;
  if (typeof x === 'string') return new Bytes(utf8Transcode(x));
  const it = tryIterate(x);
  if (it === undefined) {
    throw new StarlarkError(`bytes: got ${typeName(x)}, want string, bytes, or iterable of ints`);
  }
  let out = '';
  try {
    for (let i = 0, e = it.next(); e !== undefined; i++, e = it.next()) {
      if (typeof e !== 'number' && typeof e !== 'bigint') {
        throw new StarlarkError(`bytes: at index ${i}, got ${typeName(e)}, want int`);
      }
      if (e < 0 || e > 255) {
        throw new StarlarkError(
          `bytes: at index ${i}, ${e} out of range (want value in unsigned 8-bit range)`,
        );
      }
      out += String.fromCharCode(Number(e));
    }
  } finally {
    it.done();
  }
  return new Bytes(out);
};

export const bool_: BuiltinImpl = (_t, args, kwargs) => {
  const [x = false] = unpackPositional<[Value]>('bool', args, kwargs, 0, P.value);
  return typeof x === 'boolean' ? x : truthOf(x);
};

function truthOf(x: Value): boolean {
  switch (typeof x) {
    case 'string':
      return x.length > 0;
    case 'number':
      return x !== 0;
    case 'bigint':
      return true;
    case 'boolean':
      return x;
    default:
      return x.truth();
  }
}

export const chr_: BuiltinImpl = (_t, args, kwargs) => {
  noKwargs('chr', kwargs);
  if (args.length !== 1) throw new StarlarkError(`chr: got ${args.length} arguments, want 1`);
  const x = args[0]!;
  if (typeof x !== 'number' || x < -2147483648 || x > 2147483647) {
    const m = typeof x === 'bigint' ? `${x} out of range` : `got ${typeName(x)}, want int`;
    throw new StarlarkError(`chr: ${m}`);
  }
  if (x < 0) throw new StarlarkError(`chr: Unicode code point ${x} out of range (<0)`);
  if (x > 0x10ffff) {
    throw new StarlarkError(
      `chr: Unicode code point U+${x.toString(16).toUpperCase()} out of range (>0x10FFFF)`,
    );
  }
  return encodeRune(x);
};

export const ord_: BuiltinImpl = (_t, args, kwargs) => {
  noKwargs('ord', kwargs);
  if (args.length !== 1) throw new StarlarkError(`ord: got ${args.length} arguments, want 1`);
  const x = args[0]!;
  if (typeof x === 'string') {
    const d = x.length === 0 ? 0 : decodeRune(x, 0);
    if (x.length === 0 || d >>> 21 !== x.length) {
      throw new StarlarkError(`ord: string encodes ${runes(x).length} Unicode code points, want 1`);
    }
    return d & RUNE_MASK;
  }
  if (x instanceof Bytes) {
    if (x.s.length !== 1) throw new StarlarkError(`ord: bytes has length ${x.s.length}, want 1`);
    return x.s.charCodeAt(0);
  }
  throw new StarlarkError(`ord: got ${typeName(x)}, want string or bytes`);
};

export const repr_: BuiltinImpl = (_t, args, kwargs) => {
  const [x] = unpackPositional<[Value]>('repr', args, kwargs, 1, P.value);
  return reprOf(x!);
};

export const type_: BuiltinImpl = (_t, args, kwargs) => {
  noKwargs('type', kwargs);
  if (args.length !== 1) {
    throw new StarlarkError(`type: got ${args.length} arguments, want exactly 1`);
  }
  return typeName(args[0]!);
};

export const hash_: BuiltinImpl = (_t, args, kwargs) => {
  const [x] = unpackPositional<[Value]>('hash', args, kwargs, 1, P.value);
  if (typeof x === 'string') return javaStringHash(x);
  if (x instanceof Bytes) return fnv32(x.s);
  throw new StarlarkError(`hash: got ${typeName(x!)}, want string or bytes`);
};

export const len_: BuiltinImpl = (_t, args, kwargs) => {
  const [x] = unpackPositional<[Value]>('len', args, kwargs, 1, P.value);
  const n = lenOf(x!);
  if (n < 0) throw new StarlarkError(`len: value of type ${typeName(x!)} has no len`);
  return n;
};

export const abs_: BuiltinImpl = (_t, args, kwargs) => {
  checkPositional('abs', args, kwargs, 1, 1);
  const x = args[0]!;
  if (x instanceof Float) return new Float(Math.abs(x.v));
  if (typeof x === 'number') return x < 0 ? -x : x;
  if (typeof x === 'bigint') return x < 0n ? -x : x;
  throw new StarlarkError(`got ${typeName(x)}, want int or float`);
};

export { None };
