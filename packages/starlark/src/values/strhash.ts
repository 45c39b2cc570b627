// String hashes: the internal one and Java's String.hashCode used by hash().
import { decodeRune, RUNE_MASK } from './utf8.ts';

/** Internal string hash (FNV-1a); not observable by programs. */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * starlark-go's javaStringHash: h = 31*h + r over the decoded runes (signed 32-bit). Go only
 * splits runes it considers surrogates, which decoding never yields, so astral runes are added
 * whole, not as UTF-16 pairs; we match Go, not Java.
 */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      h = (Math.imul(h, 31) + c) | 0;
      i++;
      continue;
    }
    const d = decodeRune(s, i);
    h = (Math.imul(h, 31) + (d & RUNE_MASK)) | 0;
    i += d >>> 21;
  }
  return h;
}
