// Go's base64.StdEncoding.Decode validation: where decoding fails (CorruptInputError's offset),
// because Kubernetes decodes Secret data / ConfigMap binaryData with it and reports
// "illegal base64 data at input byte N".
const ALPHABET = /[A-Za-z0-9+/]/;

function isNewline(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/** The offset Go reports for invalid standard base64 (with padding), or undefined when valid. */
export function base64ErrorOffset(src: string): number | undefined {
  let si = 0;
  while (si < src.length) {
    // One quantum of up to 4 characters; newlines are skipped anywhere.
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = src[si];
      si++;
      if (c !== undefined && ALPHABET.test(c)) continue;
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== '=') return si - 1;
      // Padding: only at the 3rd or 4th place of a quantum, then only newlines may follow.
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== '=') return si - 1;
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      return si < src.length ? si : undefined;
    }
  }
  return undefined;
}

export function base64Error(src: string): string | undefined {
  const at = base64ErrorOffset(src);
  return at === undefined ? undefined : `illegal base64 data at input byte ${at}`;
}
