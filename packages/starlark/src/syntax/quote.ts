// Decoding of string and bytes literals, with starlark-go's rules and error messages.

import { encodeRune } from './utf8.ts';

/** A malformed literal; the scanner reports `message` at the literal's opening quote. */
export class QuoteError extends Error {
  override name = 'QuoteError';
}

export interface Unquoted {
  value: string; // binary string
  isByte: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function allHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isHex(s.charCodeAt(i))) return false;
  return s.length > 0;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Decodes a literal's raw text: optional `r` and/or `b` prefix, then single, double or triple
 * quotes. Throws QuoteError on a bad escape.
 */
export function unquote(literal: string): Unquoted {
  let q = literal;
  let raw = false;
  let isByte = false;
  if (q.startsWith('r')) {
    raw = true;
    q = q.slice(1);
  }
  if (q.startsWith('b')) {
    isByte = true;
    q = q.slice(1);
  }
  if (q.length < 2) throw new QuoteError('string literal too short');
  const quote = q[0];
  if ((quote !== '"' && quote !== "'") || quote !== q[q.length - 1]) {
    throw new QuoteError('string literal has invalid quotes');
  }
  if (q.length >= 6 && q[1] === quote && q[2] === quote && q.slice(0, 3) === q.slice(-3)) {
    q = q.slice(3, -3);
  } else {
    q = q.slice(1, -1);
  }

  // Fast path: nothing to interpret.
  if (q.indexOf('\r') < 0 && (raw || q.indexOf('\\') < 0)) return { value: q, isByte };

  let out = '';
  let i = 0;
  const n = q.length;
  while (i < n) {
    const c = q[i] as string;
    if (c === '\r') {
      out += '\n';
      i += q[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (c !== '\\' || raw) {
      out += c;
      i++;
      continue;
    }
    if (i + 1 === n) throw new QuoteError('truncated escape sequence \\');
    const e = q[i + 1] as string;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e === '\n') {
      i += 2; // a backslash-newline is dropped with the newline
    } else if (e >= '0' && e <= '7') {
      let v = e.charCodeAt(0) - 48;
      i += 2;
      for (let k = 1; k < 3 && i < n; k++) {
        const d = q.charCodeAt(i);
        if (d < 48 || d > 55) break;
        v = v * 8 + (d - 48);
        i++;
      }
      if (!isByte && v > 127) {
        throw new QuoteError(
          `non-ASCII octal escape \\${v.toString(8)} (use \\u${hex4(v)} for the UTF-8 encoding of U+${hex4(v)})`,
        );
      }
      if (v >= 256)
        throw new QuoteError(`invalid escape sequence \\${v.toString(8).padStart(3, '0')}`);
      out += String.fromCharCode(v);
    } else if (e === 'x') {
      if (n - i < 4) throw new QuoteError(`truncated escape sequence ${q.slice(i)}`);
      const digits = q.slice(i + 2, i + 4);
      if (!allHex(digits)) throw new QuoteError(`invalid escape sequence ${q.slice(i, i + 4)}`);
      const v = Number.parseInt(digits, 16);
      if (!isByte && v > 127) {
        throw new QuoteError(
          `non-ASCII hex escape ${q.slice(i, i + 4)} (use \\u${hex4(v)} for the UTF-8 encoding of U+${hex4(v)})`,
        );
      }
      out += String.fromCharCode(v);
      i += 4;
    } else if (e === 'u' || e === 'U') {
      const size = e === 'u' ? 6 : 10;
      if (n - i < size) throw new QuoteError(`truncated escape sequence ${q.slice(i)}`);
      const digits = q.slice(i + 2, i + size);
      if (!allHex(digits)) throw new QuoteError(`invalid escape sequence ${q.slice(i, i + size)}`);
      const v = Number.parseInt(digits, 16);
      if (v > 0x10ffff) {
        // starlark-go prints the offending value after "max", not the maximum; kept for exactness.
        throw new QuoteError(
          `code point out of range: ${q.slice(i, i + size)} (max \\U${v.toString(16).padStart(8, '0')})`,
        );
      }
      if (v >= 0xd800 && v < 0xe000)
        throw new QuoteError(`invalid Unicode code point U+${hex4(v)}`);
      out += encodeRune(v);
      i += size;
    } else {
      // Go's %c of the byte: a byte >= 0x80 prints as the UTF-8 encoding of U+0080..U+00FF.
      throw new QuoteError(`invalid escape sequence \\${encodeRune(e.charCodeAt(0))}`);
    }
  }
  return { value: out, isByte };
}
