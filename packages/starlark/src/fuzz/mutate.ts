// Byte-level mutation of seed programs: deletions, insertions of syntax-significant bytes and
// tokens, duplications and swaps. Works on binary strings (one code unit per byte).
import type { Rand } from './random.ts';

const INSERTS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '.',
  '\n',
  ' ',
  '\t',
  '    ',
  '"',
  "'",
  '"""',
  '\\',
  '#',
  '=',
  '*',
  '**',
  '0',
  '1e',
  '0x',
  '\x80',
  '\xff',
  '\xe2\x82',
  'lambda',
  'def ',
  'for ',
  ' in ',
  'if ',
  'else',
  'return ',
  'load(',
  '%',
  '%s',
  '{}',
  'not ',
  '\r',
  '\0',
  '---',
];

export function mutate(r: Rand, src: string): string {
  let s = src;
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    const at = r.int(s.length + 1);
    switch (r.int(5)) {
      case 0: // delete a span
        s = s.slice(0, at) + s.slice(Math.min(s.length, at + 1 + r.int(8)));
        break;
      case 1: // insert a token
        s = s.slice(0, at) + r.pick(INSERTS) + s.slice(at);
        break;
      case 2: {
        // duplicate a span
        const end = Math.min(s.length, at + 1 + r.int(40));
        s = s.slice(0, end) + s.slice(at, end) + s.slice(end);
        break;
      }
      case 3: // replace a byte with a random one
        s = s.slice(0, at) + String.fromCharCode(r.int(256)) + s.slice(at + 1);
        break;
      default: {
        // swap two spans
        const b = r.int(s.length + 1);
        const [x, y] = at < b ? [at, b] : [b, at];
        const len = Math.min(1 + r.int(10), y - x);
        s =
          s.slice(0, x) +
          s.slice(y, y + len) +
          s.slice(x + len, y) +
          s.slice(x, x + len) +
          s.slice(y + len);
      }
    }
  }
  return s;
}
