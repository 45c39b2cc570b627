// Go-style quoting of string and bytes values (syntax.Quote), used by repr.
import { decodeRune, encodeRune, RUNE_MASK } from './utf8.ts';

const HEX = '0123456789abcdef';
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x7f) return r >= 0x20;
  if (r < 0xa1) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

/** Quotes a binary string as a Starlark string (or bytes, with a b prefix) literal. */
export function quote(s: string, bytes: boolean): string {
  let out = bytes ? 'b"' : '"';
  let start = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) {
      i++;
      continue;
    }
    out += s.slice(start, i);
    let width = 1;
    if (c < 0x80) out += escapeAscii(c);
    else {
      const d = decodeRune(s, i);
      const r = d & RUNE_MASK;
      width = d >>> 21;
      if (width === 1) out += `\\x${HEX[c >> 4]}${HEX[c & 15]}`;
      else if (isPrint(r)) out += encodeRune(r);
      else if (r < 0x10000) out += `\\u${r.toString(16).padStart(4, '0')}`;
      else out += `\\U${r.toString(16).padStart(8, '0')}`;
    }
    i += width;
    start = i;
  }
  return `${out + s.slice(start)}"`;
}

function escapeAscii(c: number): string {
  switch (c) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
    default:
      return `\\x${HEX[c >> 4]}${HEX[c & 15]}`;
  }
}
