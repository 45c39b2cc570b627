// Go's unicode package predicates and simple case mappings, per rune.
import { decodeRune, encodeRune, RUNE_MASK } from '../values/utf8.ts';

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const WHITE = /^\p{White_Space}$/u;

const ch = (r: number): string => String.fromCodePoint(r);

export function isLetter(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  return LETTER.test(ch(r));
}
export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return DIGIT.test(ch(r));
}
export function isUpper(r: number): boolean {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a;
  return UPPER.test(ch(r));
}
export function isLower(r: number): boolean {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a;
  return LOWER.test(ch(r));
}
export function isTitle(r: number): boolean {
  return r >= 0x80 && TITLE.test(ch(r));
}
export function isSpace(r: number): boolean {
  if (r < 0x100) {
    return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  }
  return WHITE.test(ch(r));
}

/** A one-rune result of a JS case mapping, or r itself (Go uses simple mappings only). */
function single(r: number, mapped: string): number {
  const c = mapped.codePointAt(0)!;
  return mapped.length === (c > 0xffff ? 2 : 1) ? c : r;
}

export function toUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  return single(r, ch(r).toUpperCase());
}
export function toLower(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (r === 0x130) return 0x69; // İ: the simple mapping
  return single(r, ch(r).toLowerCase());
}
export function toTitle(r: number): number {
  if (r >= 0x1c4 && r <= 0x1cc) return 0x1c5 + 3 * Math.floor((r - 0x1c4) / 3);
  if (r >= 0x1f1 && r <= 0x1f3) return 0x1f2;
  if (r >= 0x1f80 && r <= 0x1faf) return r | 8;
  if (r === 0x1fb3 || r === 0x1fc3 || r === 0x1ff3) return r + 9;
  return toUpper(r);
}

/** Whether r takes part in case folding (starlark-go isCasedRune). */
export function isCased(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  return toUpper(r) !== r || toLower(r) !== r || isTitle(r);
}

/** Maps every rune of a binary string (bad bytes become U+FFFD, as Go's strings.Map). */
export function mapRunes(s: string, f: (r: number) => number): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const d = decodeRune(s, i);
    out += encodeRune(f(d & RUNE_MASK));
    i += d >>> 21;
  }
  return out;
}

/** Calls f(rune, byteIndex, width) for every rune. */
export function forRunes(
  s: string,
  f: (r: number, i: number, w: number) => boolean | undefined,
): void {
  for (let i = 0; i < s.length; ) {
    const d = decodeRune(s, i);
    const w = d >>> 21;
    if (f(d & RUNE_MASK, i, w) === false) return;
    i += w;
  }
}
