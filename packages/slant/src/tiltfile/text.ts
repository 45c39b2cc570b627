// Text conversions at the Starlark boundary. Starlark strings are binary (one code unit per
// UTF-8 byte); paths, commands and API objects are decoded text. Also Go's %q quoting, which
// many of Tilt's messages use.
import { decodeUtf8, encodeUtf8, StarlarkError } from '@slant/starlark';

/** A Starlark (binary) string as text. */
export const fromStarString: (s: string) => string = decodeUtf8;

/** Text as a Starlark (binary) string. */
export const toStarString: (s: string) => string = encodeUtf8;

/** A StarlarkError whose (decoded) message is stored in Starlark's binary form. */
export function starError(msg: string): StarlarkError {
  return new StarlarkError(toStarString(msg));
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

// Go's unicode.IsPrint, approximated: controls, separators other than space, surrogates and
// non-characters are not printable.
function isPrint(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  if (cp === 0xad || cp === 0x2028 || cp === 0x2029 || (cp >= 0xd800 && cp <= 0xdfff)) return false;
  if (cp === 0xfffe || cp === 0xffff) return false;
  return true;
}

/** Go's strconv.Quote of a text string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = ESCAPES[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (isPrint(cp)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
