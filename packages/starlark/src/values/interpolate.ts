// The string % operator (starlark-go interpolate).
import { StarlarkError } from '../errors.ts';
import { typeName } from './compare.ts';
import { formatFloat, formatFloatPrec } from './float-format.ts';
import { Tuple } from './list.ts';
import type { StarObject } from './object.ts';
import type { Value } from './object.ts';
import { Float } from './primitives.ts';
import { repr } from './repr.ts';
import { decodeRune, encodeRune, RUNE_MASK } from './utf8.ts';

export function interpolate(format: string, x: Value): string {
  let out = '';
  const tuple = x instanceof Tuple ? x.elems : undefined;
  const nargs = tuple !== undefined ? tuple.length : 1;
  const isMapping = typeof x === 'object' && x.isMapping;
  let index = 0;
  let p = 0;
  for (;;) {
    const i = format.indexOf('%', p);
    if (i < 0) {
      out += p === 0 ? format : format.slice(p);
      break;
    }
    out += format.slice(p, i);
    p = i + 1;
    const c0 = format.charCodeAt(p);
    if (c0 === 0x25) {
      out += '%';
      p++;
      continue;
    }
    // Fast paths for a plain %s / %d of a string or int.
    if ((c0 === 0x73 || c0 === 0x64) && index < nargs) {
      const a = tuple !== undefined ? tuple[index]! : x;
      if (typeof a === 'string' && c0 === 0x73) {
        out += a;
        p++;
        index++;
        continue;
      }
      if (typeof a === 'number') {
        out += String(a);
        p++;
        index++;
        continue;
      }
    }
    let arg: Value;
    if (format[p] === '(') {
      const j = format.indexOf(')', p + 1);
      if (j < 0) throw new StarlarkError('incomplete format key');
      const key = format.slice(p + 1, j);
      if (!isMapping) throw new StarlarkError('format requires a mapping');
      let v: Value | undefined;
      try {
        v = (x as StarObject).get(key);
      } catch {
        v = undefined;
      }
      if (v === undefined) throw new StarlarkError(`key not found: ${key}`);
      arg = v;
      p = j + 1;
    } else {
      if (index >= nargs) throw new StarlarkError('not enough arguments for format string');
      arg = tuple !== undefined ? tuple[index]! : x;
    }
    if (p >= format.length) throw new StarlarkError('incomplete format');
    const c = format[p]!;
    switch (c) {
      case 's':
      case 'r':
        if (c === 's' && typeof arg === 'string') out += arg;
        else out += repr(arg);
        break;
      case 'd':
      case 'i':
      case 'o':
      case 'x':
      case 'X': {
        const n = numberToInt(arg, c);
        if (c === 'd' || c === 'i') out += String(n);
        else if (c === 'o') out += n.toString(8);
        else if (c === 'x') out += n.toString(16);
        else out += n.toString(16).toUpperCase();
        break;
      }
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'F':
      case 'G': {
        let f: number;
        if (arg instanceof Float) f = arg.v;
        else if (typeof arg === 'number' || typeof arg === 'bigint') f = Number(arg);
        else throw new StarlarkError(`%${c} format requires float, not ${typeName(arg)}`);
        out += c === 'g' || c === 'G' ? formatFloat(f, c) : formatFloatPrec(f, c);
        break;
      }
      case 'c':
        out += formatChar(arg);
        break;
      case '%':
        out += '%';
        break;
      default: {
        // Go prints the format byte as a rune.
        throw new StarlarkError(`unknown conversion %${encodeRune(c.charCodeAt(0))}`);
      }
    }
    p++;
    index++;
  }
  if (index < nargs && !isMapping) throw new StarlarkError('too many arguments for format string');
  return out;
}

function numberToInt(arg: Value, c: string): number | bigint {
  if (typeof arg === 'number' || typeof arg === 'bigint') return arg;
  let msg: string;
  if (arg instanceof Float) {
    const f = arg.v;
    if (Number.isFinite(f)) {
      const t = Math.trunc(f);
      return Number.isSafeInteger(t) ? t + 0 : BigInt(t);
    }
    msg = Number.isNaN(f)
      ? 'cannot convert float NaN to integer'
      : 'cannot convert float infinity to integer';
  } else msg = `cannot convert ${typeName(arg)} to int`;
  throw new StarlarkError(`%${c} format requires integer: ${msg}`);
}

function formatChar(arg: Value): string {
  if (typeof arg === 'number' || typeof arg === 'bigint') {
    if (typeof arg !== 'number' || arg < 0 || arg > 0x10ffff) {
      throw new StarlarkError(`%c format requires a valid Unicode code point, got ${arg}`);
    }
    return encodeRune(arg);
  }
  if (typeof arg === 'string') {
    const d = arg.length === 0 ? 0 : decodeRune(arg, 0);
    if (arg.length === 0 || d >>> 21 !== arg.length) {
      throw new StarlarkError('%c format requires a single-character string');
    }
    return encodeRune(d & RUNE_MASK);
  }
  throw new StarlarkError(
    `%c format requires int or single-character string, not ${typeName(arg)}`,
  );
}
