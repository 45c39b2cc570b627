// Go's strconv.Unquote for the `###` expectations of chunked test files: a double-quoted Go
// string literal with Go escapes, or a backquoted raw string. Returns undefined when the text is
// not a valid literal (the runner reports that as a problem with the test file itself).

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Unquotes a Go string literal; the result is an ordinary (UTF-16) JS string. */
export function goUnquote(text: string): string | undefined {
  if (text.length < 2) return undefined;
  const quote = text[0];
  if (text[text.length - 1] !== quote) return undefined;
  const body = text.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) return undefined;
    return body.replaceAll('\r', ''); // Go drops carriage returns from raw strings
  }
  if (quote !== '"') return undefined; // single quotes denote a rune, not a string
  return unquoteInterpreted(body);
}

function unquoteInterpreted(body: string): string | undefined {
  // \x and octal escapes denote bytes, so build the UTF-8 bytes and decode them at the end.
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '"' || c === '\n') return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      bytes.push(simple.charCodeAt(0));
      i += 2;
      continue;
    }
    const hexLen = HEX_LENGTH[e];
    if (hexLen !== undefined) {
      const digits = body.slice(i + 2, i + 2 + hexLen);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hexLen) return undefined;
      const n = Number.parseInt(digits, 16);
      if (e === 'x') bytes.push(n);
      else {
        if (n > 0x10ffff || (n >= 0xd800 && n < 0xe000)) return undefined;
        bytes.push(...encoder.encode(String.fromCodePoint(n)));
      }
      i += 2 + hexLen;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const digits = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) return undefined;
      const n = Number.parseInt(digits, 8);
      if (n > 255) return undefined;
      bytes.push(n);
      i += 4;
      continue;
    }
    return undefined;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
