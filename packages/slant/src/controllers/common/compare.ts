// String orders without String.prototype.localeCompare: ICU's collator costs ~3 MB of memory the
// first time it is used, and Tilt (Go) orders names by their bytes anyway.

/** Go's `<` on strings (code-unit order; the same as byte order for ASCII names). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs of digits compare as numbers: `web-serve-2` before `web-serve-10`. */
export function compareNatural(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? '', pb[i] ?? ''];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      // Without leading zeros, a longer run of digits is the larger number.
      const [nx, ny] = [x.replace(/^0+(?=\d)/, ''), y.replace(/^0+(?=\d)/, '')];
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return compareStrings(nx, ny);
    }
    return compareStrings(x, y);
  }
  return pa.length - pb.length;
}
