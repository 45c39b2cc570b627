// Go's unicode package predicates and simple case mappings, per rune.
import { decodeRune, encodeRune, RUNE_MASK } from '../values/utf8.ts';
import { newerThanGo } from './unicode-newer.ts';

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const WHITE = /^\p{White_Space}$/u;

const ch = (r: number): string => String.fromCodePoint(r);

export function isLetter(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  return LETTER.test(ch(r)) && !newerThanGo(r);
}
export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return DIGIT.test(ch(r)) && !newerThanGo(r);
}
export function isUpper(r: number): boolean {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a;
  return UPPER.test(ch(r)) && !newerThanGo(r);
}
export function isLower(r: number): boolean {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a;
  if (r === 0x295) return true; // ʕ: Ll in Go's Unicode 15, Lo since Unicode 16
  return LOWER.test(ch(r)) && !newerThanGo(r);
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

/**
 * Case pairs that Unicode 16 added; Go's tables are Unicode 15.0, where these runes have no
 * case, but the JS engine's ICU already knows them.
 */
const NEWER_CASE_PAIRS: ReadonlyArray<readonly [number, number]> = [
  [0x19b, 0x19b],
  [0x264, 0x264],
  [0x1c89, 0x1c8a],
  [0xa7cb, 0xa7cf],
  [0xa7d2, 0xa7d5],
  [0xa7da, 0xa7dc],
  [0x10d50, 0x10d65],
  [0x10d70, 0x10d85],
  [0x16ea0, 0x16eb8],
  [0x16ebb, 0x16ed3],
];

function newerCase(r: number): boolean {
  return NEWER_CASE_PAIRS.some(([lo, hi]) => r >= lo && r <= hi);
}

/** A one-rune result of a JS case mapping, or r itself (Go uses simple mappings only). */
function single(r: number, mapped: string): number {
  if (newerCase(r)) return r;
  const c = mapped.codePointAt(0)!;
  return mapped.length === (c > 0xffff ? 2 : 1) ? c : r;
}

export function toUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  // Greek with ypogegrammeni: the simple mapping is to the titlecase letter; JS's full
  // mapping gives two runes.
  if (r >= 0x1f80 && r <= 0x1faf) return r | 8;
  if (r === 0x1fb3 || r === 0x1fc3 || r === 0x1ff3) return r + 9;
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
  // Georgian Mkhedruli letters are their own titlecase (their uppercase is Mtavruli).
  if ((r >= 0x10d0 && r <= 0x10fa) || (r >= 0x10fd && r <= 0x10ff)) return r;
  return toUpper(r);
}

/**
 * Whether r takes part in simple case folding (starlark-go isCasedRune: Go's SimpleFold(r) != r),
 * i.e. some other rune folds together with it. Full-only mappings don't count: İ, ı, ﬁ are not
 * cased. JS regexps with the `ui` flags compare by exactly this simple folding, so each
 * single-rune case partner of r is tested with one; ẞ is the one partner of ß that no JS case
 * mapping of ß reaches.
 */
export function isCased(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  if (newerCase(r)) return false;
  const s = ch(r);
  const partners = [single(r, s.toUpperCase()), single(r, s.toLowerCase()), toTitle(r)];
  if (r === 0xdf) partners.push(0x1e9e);
  const same = new RegExp(`^\\u{${r.toString(16)}}$`, 'ui');
  return partners.some((p) => p !== r && same.test(ch(p)));
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
