// UTF-8 over binary strings (one code unit per byte), with Go's decoding rules: an invalid or
// truncated sequence decodes as U+FFFD of width 1.

/** Decodes the rune at byte i; returns rune | (width << 21). */
export function decodeRune(s: string, i: number): number {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return b0 | (1 << 21);
  const n = s.length;
  const bad = 0xfffd | (1 << 21);
  if (b0 < 0xc2 || b0 > 0xf4 || i + 1 >= n) return bad;
  const b1 = s.charCodeAt(i + 1);
  if (b0 < 0xe0) {
    return b1 >= 0x80 && b1 <= 0xbf ? ((b0 & 0x1f) << 6) | (b1 & 0x3f) | (2 << 21) : bad;
  }
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 === 0xe0) lo = 0xa0;
  else if (b0 === 0xed) hi = 0x9f;
  else if (b0 === 0xf0) lo = 0x90;
  else if (b0 === 0xf4) hi = 0x8f;
  if (b1 < lo || b1 > hi || i + 2 >= n) return bad;
  const b2 = s.charCodeAt(i + 2);
  if (b2 < 0x80 || b2 > 0xbf) return bad;
  if (b0 < 0xf0) return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f) | (3 << 21);
  if (i + 3 >= n) return bad;
  const b3 = s.charCodeAt(i + 3);
  if (b3 < 0x80 || b3 > 0xbf) return bad;
  return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f) | (4 << 21);
}

export const RUNE_MASK = 0x1fffff;

/** The UTF-8 encoding of rune r as a binary string (invalid runes become U+FFFD). */
export function encodeRune(r: number): string {
  if (r < 0x80) return String.fromCharCode(r);
  if (r < 0x800) return String.fromCharCode(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  if (r < 0x10000) {
    return String.fromCharCode(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  }
  return String.fromCharCode(
    0xf0 | (r >> 18),
    0x80 | ((r >> 12) & 0x3f),
    0x80 | ((r >> 6) & 0x3f),
    0x80 | (r & 0x3f),
  );
}

const NON_ASCII = /[\x80-\xff]/;

export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** Binary (UTF-8) string to an ordinary JS string; bad bytes become U+FFFD, as in Go. */
export function decodeUtf8(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    const r = decodeRune(s, i);
    out += String.fromCodePoint(r & RUNE_MASK);
    i += r >>> 21;
  }
  return out;
}

/** Ordinary JS string to binary (UTF-8) form; lone surrogates become U+FFFD. */
export function encodeUtf8(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) out += encodeRune(ch.codePointAt(0)!);
  return out;
}

/** Decodes into an array of runes. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const r = decodeRune(s, i);
    out.push(r & RUNE_MASK);
    i += r >>> 21;
  }
  return out;
}
