// UTF-8 over binary strings (one code unit per byte), with Go's decoding rules: an invalid or
// truncated sequence decodes as U+FFFD of width 1.

export const RUNE_ERROR = 0xfffd;

/**
 * Decodes the rune at byte offset i of a non-empty tail of s. Returns rune * 8 + width, so that
 * the hot path allocates nothing: `r >> 3` is the code point, `r & 7` the byte width.
 */
export function decodeRune(s: string, i: number): number {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return b0 * 8 + 1;
  const n = s.length;
  if (b0 < 0xc2 || b0 > 0xf4 || i + 1 >= n) return RUNE_ERROR * 8 + 1;
  const b1 = s.charCodeAt(i + 1);
  if (b0 < 0xe0) {
    if (b1 < 0x80 || b1 > 0xbf) return RUNE_ERROR * 8 + 1;
    return (((b0 & 0x1f) << 6) | (b1 & 0x3f)) * 8 + 2;
  }
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 === 0xe0) lo = 0xa0;
  else if (b0 === 0xed) hi = 0x9f;
  else if (b0 === 0xf0) lo = 0x90;
  else if (b0 === 0xf4) hi = 0x8f;
  if (b1 < lo || b1 > hi || i + 2 >= n) return RUNE_ERROR * 8 + 1;
  const b2 = s.charCodeAt(i + 2);
  if (b2 < 0x80 || b2 > 0xbf) return RUNE_ERROR * 8 + 1;
  if (b0 < 0xf0) return (((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f)) * 8 + 3;
  if (i + 3 >= n) return RUNE_ERROR * 8 + 1;
  const b3 = s.charCodeAt(i + 3);
  if (b3 < 0x80 || b3 > 0xbf) return RUNE_ERROR * 8 + 1;
  return (((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f)) * 8 + 4;
}

/** The UTF-8 encoding of a code point as a binary string (surrogates and out-of-range as U+FFFD). */
export function encodeRune(cp: number): string {
  let r = cp;
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) r = RUNE_ERROR;
  if (r < 0x80) return String.fromCharCode(r);
  if (r < 0x800) return String.fromCharCode(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
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

/** Number of runes in a binary string, counting each invalid byte as one (Go's RuneCountInString). */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    i += c < 0x80 ? 1 : decodeRune(s, i) & 7;
    n++;
  }
  return n;
}
