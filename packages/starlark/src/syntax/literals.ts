// Scanning of string, bytes and number literals, with starlark-go's rules and error positions.

import type { Position } from '../errors.ts';
import { QuoteError, unquote } from './quote.ts';
import type { SourceReader } from './reader.ts';
import { T, type Token } from './tokens.ts';
import { decodeRune, encodeRune, RUNE_ERROR } from './utf8.ts';

const MAX_INT64 = 0x7fffffffffffffffn;

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Rewrites a literal's text as Go's scanner buffers it: CR/CRLF become LF, bad bytes U+FFFD. */
function normalizeRaw(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const b = s.charCodeAt(i);
    if (b < 0x80) {
      if (b === 13) {
        out += '\n';
        i += s.charCodeAt(i + 1) === 10 ? 2 : 1;
      } else {
        out += s[i];
        i++;
      }
      continue;
    }
    const d = decodeRune(s, i);
    const w = d & 7;
    out += w === 1 && d >> 3 === RUNE_ERROR ? encodeRune(RUNE_ERROR) : s.slice(i, i + w);
    i += w;
  }
  return out;
}

export function scanString(r: SourceReader, quote: number): Token {
  // The opening quote (after any r/b prefix); a Position only if there is an error.
  const line = r.line;
  const col = r.col;
  const src = r.src;
  const n = src.length;
  const triple = src.charCodeAt(r.i + 1) === quote && src.charCodeAt(r.i + 2) === quote;
  if (!triple && r.tokStart === r.i) {
    // Fast path: a plain "..." of printable ASCII without escapes is its own value (no rune
    // reads, no unquote); anything else goes the general way below.
    let j = r.i + 1;
    let c = src.charCodeAt(j);
    while (c >= 32 && c < 127 && c !== quote && c !== 92) c = src.charCodeAt(++j);
    if (c === quote) {
      r.col += j + 1 - r.i;
      r.i = j + 1;
      r.raw = src.slice(r.tokStart, r.i);
      r.value = src.slice(r.tokStart + 1, j);
      return T.STRING;
    }
  }
  r.read();
  if (!triple) {
    for (;;) {
      if (r.i >= n) r.error(r.pos, 'unexpected EOF in string');
      let c = r.read();
      if (c === quote) break;
      if (c === 10) r.error(r.pos, 'unexpected newline in string');
      if (c === 92) {
        if (r.i >= n) r.error(r.pos, 'unexpected EOF in string');
        c = r.read();
      }
    }
  } else {
    r.read();
    r.read();
    let quotes = 0;
    for (;;) {
      if (r.i >= n) r.error(r.pos, 'unexpected EOF in string');
      let c = r.read();
      if (c === quote) {
        if (++quotes === 3) break;
      } else {
        quotes = 0;
      }
      if (c === 92) {
        if (r.i >= n) r.error(r.pos, 'unexpected EOF in string');
        c = r.read();
      }
    }
  }
  let raw = src.slice(r.tokStart, r.i);
  if (/[\r\x80-\xff]/.test(raw)) raw = normalizeRaw(raw);
  r.raw = raw;
  try {
    const u = unquote(raw);
    r.value = u.value;
    return u.isByte ? T.BYTES : T.STRING;
  } catch (e) {
    if (e instanceof QuoteError) r.error({ file: r.file, line, col }, e.message);
    throw e;
  }
}

export function scanNumber(r: SourceReader, first: number): Token {
  const start = r.pos; // the token starts here: nothing was read since startToken
  let c = first;
  let fraction = false;
  let exponent = false;
  if (c === 46) {
    r.read();
    c = r.peek();
    if (!isDigit(c)) {
      r.endToken();
      return T.DOT;
    }
    fraction = true;
  } else if (c === 48) {
    r.read();
    c = r.peek();
    if (c === 46) {
      fraction = true;
    } else if (c === 120 || c === 88) {
      r.read();
      c = r.peek();
      if (!isHexDigit(c)) r.error(start, 'invalid hex literal');
      while (isHexDigit(c)) {
        r.read();
        c = r.peek();
      }
    } else if (c === 111 || c === 79) {
      r.read();
      c = r.peek();
      if (!(c >= 48 && c <= 55)) r.error(r.here(), 'invalid octal literal');
      while (c >= 48 && c <= 55) {
        r.read();
        c = r.peek();
      }
    } else if (c === 98 || c === 66) {
      r.read();
      c = r.peek();
      if (c !== 48 && c !== 49) r.error(r.here(), 'invalid binary literal');
      while (c === 48 || c === 49) {
        r.read();
        c = r.peek();
      }
    } else {
      // A float, zero, or the obsolete octal form 0755.
      let allZeros = true;
      let octal = true;
      while (isDigit(c)) {
        if (c !== 48) allZeros = false;
        if (c > 55) octal = false;
        r.read();
        c = r.peek();
      }
      if (c === 46) {
        fraction = true;
      } else if (c === 101 || c === 69) {
        exponent = true;
      } else if (octal && !allZeros) {
        r.endToken();
        r.error(r.here(), `obsolete form of octal literal; use 0o${r.raw.slice(1)}`);
      }
    }
  } else {
    while (isDigit(c)) {
      r.read();
      c = r.peek();
    }
    if (c === 46) fraction = true;
    else if (c === 101 || c === 69) exponent = true;
  }

  if (fraction) {
    r.read(); // '.'
    c = r.peek();
    while (isDigit(c)) {
      r.read();
      c = r.peek();
    }
    if (c === 101 || c === 69) exponent = true;
  }
  if (exponent) {
    r.read(); // [eE]
    c = r.peek();
    if (c === 43 || c === 45) {
      r.read();
      c = r.peek();
      if (!isDigit(c)) r.error(r.here(), 'invalid float literal');
    }
    while (isDigit(c)) {
      r.read();
      c = r.peek();
    }
  }

  r.endToken();
  const s = r.raw;
  if (fraction || exponent) {
    const f = Number(s);
    // Go's ParseFloat rejects overflow to infinity (and anything malformed, like "1e").
    if (!Number.isFinite(f)) r.error(r.here(), 'invalid float literal');
    r.value = f;
    return T.FLOAT;
  }
  r.value = intValue(r, s, start);
  return T.INT;
}

function intValue(r: SourceReader, s: string, start: Position): number | bigint {
  // Guarded: reading past the end of a one-digit literal would deoptimize the scanner.
  const p = s.length > 1 ? s.charCodeAt(1) | 0x20 : 0;
  if (s.length > 2 && s[0] === '0' && (p === 111 || p === 98)) {
    // Octal and binary literals must fit in int64 (no big-int fallback in starlark-go).
    const v = BigInt(`0${String.fromCharCode(p)}${s.slice(2)}`);
    if (v > MAX_INT64) r.error(start, 'invalid int literal');
    return normalizeInt(v);
  }
  if (s.length > 1 && s[0] === '0' && isDigit(s.charCodeAt(1))) {
    // Only all-zero forms such as "00" remain valid here; "09" is neither octal nor decimal.
    if (/^0+$/.test(s)) return 0;
    r.error(start, 'invalid int literal');
  }
  if (s.length < 16 && p !== 120) return Number(s);
  return normalizeInt(BigInt(s));
}

function normalizeInt(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}
