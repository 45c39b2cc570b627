// json.decode: starlark-go's hand-written JSON parser, with its error texts.
import { StarlarkError } from '../errors.ts';
import { typeName } from '../values/compare.ts';
import { Dict } from '../values/dict.ts';
import { normBig } from '../values/int.ts';
import { List } from '../values/list.ts';
import type { Value } from '../values/object.ts';
import { Float, None } from '../values/primitives.ts';
import { decodeRune, encodeRune } from '../values/utf8.ts';
import { parseGoFloat } from './parse-float.ts';

class Failure {
  readonly msg: string;
  constructor(msg: string) {
    this.msg = msg;
  }
}

/** Go's %q of a byte: a quoted rune literal. */
export function quoteByte(b: number): string {
  if (b === 0x27) return "'\\''";
  if (b === 0x5c) return "'\\\\'";
  if (b >= 0x20 && b < 0x7f) return `'${String.fromCharCode(b)}'`;
  const esc: Record<number, string> = {
    7: 'a',
    8: 'b',
    12: 'f',
    10: 'n',
    13: 'r',
    9: 't',
    11: 'v',
  };
  if (esc[b] !== undefined) return `'\\${esc[b]}'`;
  if (b < 0x20 || b === 0x7f) return `'\\x${b.toString(16).padStart(2, '0')}'`;
  if (b < 0xa1 || b === 0xad) return `'\\u00${b.toString(16)}'`;
  return `'${encodeRune(b)}'`;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

export function jsonDecode(s: string, dflt: Value | undefined): Value {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Failure(msg);
  };
  const skipSpace = (): boolean => {
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    }
    return false;
  };
  const next = (): number => (skipSpace() ? s.charCodeAt(i) : fail('unexpected end of file'));
  const parse = (): Value => {
    const b = next();
    switch (b) {
      case 0x22: {
        let safe = true;
        let closed = false;
        let j = i + 1;
        for (; j < s.length; j++) {
          const c = s.charCodeAt(j);
          if (c === 0x5c) {
            safe = false;
            j++;
          } else if (c === 0x22) {
            closed = true;
            j++;
            break;
          } else if (c >= 0x80) safe = false;
        }
        if (!closed) fail('unclosed string literal');
        const r = s.slice(i, j);
        i = j;
        return safe ? r.slice(1, -1) : unquote(r, fail);
      }
      case 0x6e:
        if (s.startsWith('null', i)) {
          i += 4;
          return None;
        }
        break;
      case 0x74:
        if (s.startsWith('true', i)) {
          i += 4;
          return true;
        }
        break;
      case 0x66:
        if (s.startsWith('false', i)) {
          i += 5;
          return false;
        }
        break;
      case 0x5b: {
        const elems: Value[] = [];
        i++;
        if (next() !== 0x5d) {
          for (;;) {
            elems.push(parse());
            const c = next();
            if (c !== 0x2c) {
              if (c !== 0x5d) fail(`got ${quoteByte(c)}, want ',' or ']'`);
              break;
            }
            i++;
          }
        }
        i++;
        return new List(elems);
      }
      case 0x7b: {
        const d = new Dict();
        i++;
        if (next() !== 0x7d) {
          for (;;) {
            const key = parse();
            if (typeof key !== 'string') fail(`got ${typeName(key)} for object key, want string`);
            let c = next();
            if (c !== 0x3a) fail(`after object key, got ${quoteByte(c)}, want ':' `);
            i++;
            const value = parse();
            d.ht.put(key, value);
            c = next();
            if (c !== 0x2c) {
              if (c !== 0x7d) fail(`in object, got ${quoteByte(c)}, want ',' or '}'`);
              break;
            }
            i++;
          }
        }
        i++;
        return d;
      }
      default:
        if (isDigit(b) || b === 0x2d) return parseNumber();
    }
    return fail(`unexpected character ${quoteByte(b)}`);
  };
  const parseNumber = (): Value => {
    let isFloat = false;
    let j = i + 1;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (isDigit(c)) continue;
      if (c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d) isFloat = true;
      else break;
    }
    const num = s.slice(i, j);
    i = j;
    const digits = num[0] === '-' ? num.slice(1) : num;
    if (
      digits === '' ||
      (digits[0] === '0' && digits.length > 1 && isDigit(digits.charCodeAt(1)))
    ) {
      fail(`invalid number: ${num}`);
    }
    if (isFloat) {
      // Go's ParseFloat: its syntax, and out of range (±Inf) is an error too.
      const f = parseGoFloat(num);
      if (f === undefined || f === Infinity || f === -Infinity) fail(`invalid number: ${num}`);
      return new Float(f!);
    }
    if (!/^-?\d+$/.test(num)) fail(`invalid number: ${num}`);
    return normBig(BigInt(num));
  };
  try {
    const v = parse();
    if (skipSpace()) fail(`unexpected character ${quoteByte(s.charCodeAt(i))} after value`);
    return v;
  } catch (e) {
    if (e instanceof Failure) {
      if (dflt !== undefined) return dflt;
      throw new StarlarkError(`json.decode: at offset ${i}, ${e.msg}`);
    }
    throw e;
  }
}

/** Go's json.Unmarshal of a string literal r (with quotes), as a binary string. */
function unquote(r: string, fail: (msg: string) => never): string {
  let out = '';
  for (let k = 1; k < r.length - 1; ) {
    const c = r.charCodeAt(k);
    if (c === 0x5c) {
      const e = r[k + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        k += 2;
        continue;
      }
      if (e === 'u') {
        const h = /^[0-9a-fA-F]{4}$/.test(r.slice(k + 2, k + 6))
          ? Number.parseInt(r.slice(k + 2, k + 6), 16)
          : -1;
        if (h < 0)
          fail(
            `invalid character ${quoteByte(r.charCodeAt(k + 2))} in \\u hexadecimal character escape`,
          );
        k += 6;
        if (h >= 0xd800 && h < 0xdc00 && r[k] === '\\' && r[k + 1] === 'u') {
          const lo = Number.parseInt(r.slice(k + 2, k + 6), 16);
          if (lo >= 0xdc00 && lo < 0xe000) {
            out += encodeRune(0x10000 + ((h - 0xd800) << 10) + (lo - 0xdc00));
            k += 6;
            continue;
          }
        }
        out += encodeRune(h >= 0xd800 && h < 0xe000 ? 0xfffd : h);
        continue;
      }
      fail(`invalid character ${quoteByte(r.charCodeAt(k + 1))} in string escape code`);
    }
    if (c < 0x20) fail(`invalid character ${quoteByte(c)} in string literal`);
    if (c < 0x80) {
      out += r[k];
      k++;
      continue;
    }
    const d = decodeRune(r, k);
    const w = d >>> 21;
    out += w === 1 ? '\xef\xbf\xbd' : r.slice(k, k + w);
    k += w;
  }
  return out;
}
