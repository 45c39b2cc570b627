// Spelling hints for "did you mean ...?" messages, with starlark-go's rule: compare names with
// underscores removed and case folded, by Levenshtein distance over their UTF-8 bytes, and accept
// the nearest candidate only when fewer than half the letters differ.
// Names are binary strings (one code unit per UTF-8 byte), like every Starlark string here.

/** The candidate nearest to `name`, or '' if none is close enough. First best wins on ties. */
export function nearest(name: string, candidates: Iterable<string>): string {
  const x = fold(name);
  let best = '';
  let bestD = (x.length + 1) >> 1; // allow up to 50% typos
  for (const c of candidates) {
    const d = levenshtein(x, fold(c), bestD);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function fold(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.replaceAll('_', '').toLowerCase();
  // Decode the UTF-8 bytes, lower-case each code point on its own (a simple case mapping, as Go's
  // unicode.ToLower), and encode back to bytes.
  const text = new TextDecoder().decode(Uint8Array.from(s, (ch) => ch.charCodeAt(0)));
  let out = '';
  for (const ch of text) {
    if (ch === '_') continue;
    const lower = ch.toLowerCase();
    const cp = lower.codePointAt(0) ?? 0;
    out += String.fromCodePoint(cp);
  }
  let bin = '';
  for (const b of new TextEncoder().encode(out)) bin += String.fromCharCode(b);
  return bin;
}

/** Edit distance of two byte strings; may stop early with a value > max. */
function levenshtein(a: string, b: string, max: number): number {
  let x = a;
  let y = b;
  if (x.length > y.length) {
    x = b;
    y = a;
  }
  // Strip the common prefix (only when the strings differ within x, as starlark-go does).
  for (let i = 0; i < x.length; i++) {
    if (x.charCodeAt(i) !== y.charCodeAt(i)) {
      x = x.slice(i);
      y = y.slice(i);
      break;
    }
  }
  if (x === '') return y.length;
  const lenDiff = y.length - x.length;
  if (lenDiff > max) return lenDiff;

  const row = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) row[j] = j;
  for (let i = 1; i <= x.length; i++) {
    row[0] = i;
    let best = i;
    let prev = i - 1;
    const xc = x.charCodeAt(i - 1);
    for (let j = 1; j <= y.length; j++) {
      const sub = prev + (xc !== y.charCodeAt(j - 1) ? 1 : 0);
      const del = 1 + (row[j - 1] as number);
      const ins = 1 + (row[j] as number);
      const k = Math.min(sub, del, ins);
      prev = row[j] as number;
      row[j] = k;
      if (k < best) best = k;
    }
    if (best > max) return best;
  }
  return row[y.length] as number;
}
