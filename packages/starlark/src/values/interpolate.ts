// The string % operator (starlark-go interpolate).
import { StarlarkError } from '../errors.ts';
import { typeName } from './compare.ts';
import { formatFloat, formatFloatPrec } from './float-format.ts';
import { Tuple } from './list.ts';
import { StarObject } from './object.ts';
import type { Value } from './object.ts';
import { Float } from './primitives.ts';
import { writeValue } from './repr.ts';
import { decodeRune, encodeRune, RUNE_MASK } from './utf8.ts';

export function interpolate(format: string, x: Value): string {
  const out: string[] = [];
  const tuple = x instanceof Tuple ? x.elems : undefined;
  const nargs = tuple !== undefined ? tuple.length : 1;
  const isMapping = x instanceof StarObject && x.isMapping;
  let index = 0;
  let p = 0;
  for (;;) {
    const i = format.indexOf('%', p);
    if (i < 0) {
      out.push(format.slice(p));
      break;
    }
    out.push(format.slice(p, i));
    p = i + 1;
    if (format[p] === '%') {
      out.push('%');
      p++;
      continue;
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
        if (c === 's' && typeof arg === 'string') out.push(arg);
        else writeValue(out, arg, []);
        break;
      case 'd':
      case 'i':
      case 'o':
      case 'x':
      case 'X': {
        const n = numberToInt(arg, c);
        if (c === 'd' || c === 'i') out.push(String(n));
        else if (c === 'o') out.push(n.toString(8));
        else if (c === 'x') out.push(n.toString(16));
        else out.push(n.toString(16).toUpperCase());
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
        out.push(c === 'g' || c === 'G' ? formatFloat(f, c) : formatFloatPrec(f, c));
        break;
      }
      case 'c':
        out.push(formatChar(arg));
        break;
      case '%':
        out.push('%');
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
  return out.join('');
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
