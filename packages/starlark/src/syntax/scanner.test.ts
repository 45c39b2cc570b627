import { describe, expect, it } from 'vitest';
import { StaticError } from '../errors.ts';
import { Scanner } from './scanner.ts';
import { T, tokenString } from './tokens.ts';

/** The token stream of src as a space-separated string: names, literal values, keywords. */
function tokens(src: string): string {
  const sc = new Scanner('a.star', src);
  const out: string[] = [];
  for (;;) {
    const t = sc.next();
    if (t === T.EOF) break;
    if (t === T.IDENT) out.push(sc.raw);
    else if (t === T.INT || t === T.FLOAT) out.push(String(sc.value));
    else if (t === T.STRING) out.push(JSON.stringify(sc.value));
    else if (t === T.BYTES) out.push(`b${JSON.stringify(sc.value)}`);
    else out.push(tokenString(t));
  }
  return out.join(' ');
}

function scanError(src: string): string {
  try {
    tokens(src);
  } catch (e) {
    if (e instanceof StaticError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('Scanner', () => {
  it('scans punctuation greedily', () => {
    expect(tokens('/ // /= //= ///=')).toBe('/ // /= //= // /=');
    expect(tokens('<< <<= >> >>= <= >= == != ** *= =')).toBe('<< <<= >> >>= <= >= == != ** *= =');
  });

  it('emits INDENT and OUTDENT at bracket depth zero only', () => {
    expect(tokens('def f(x):\n  return x\nf(\n  1)\n')).toBe(
      'def f ( x ) : newline indent return x newline outdent f ( 1 ) newline',
    );
  });

  it('ends a file without a final newline with NEWLINE and OUTDENTs', () => {
    expect(tokens('if x:\n  pass')).toBe('if x : newline indent pass newline outdent');
  });

  it('ignores blank and comment-only lines', () => {
    expect(tokens('# c\n\n  # indented comment\nx # tail\n')).toBe('x newline');
  });

  it('counts a tab as reaching the next multiple of eight', () => {
    expect(tokens('if x:\n\tpass\n        pass\n')).toBe(
      'if x : newline indent pass newline pass newline outdent',
    );
  });

  it('reads CR and CRLF as newlines', () => {
    expect(tokens('x\r\ny\rz\n')).toBe('x newline y newline z newline');
  });

  it('joins lines ending in a backslash', () => {
    expect(tokens('x = 1 + \\\n  2\n')).toBe('x = 1 + 2 newline');
  });

  it('decodes int literals of every base, big ones as bigint', () => {
    expect(tokens('0 00 123 0x7f 0o17 0b101 0XFF')).toBe('0 0 123 127 15 5 255');
    expect(tokens('9007199254740993 0x10000000000000000')).toBe(
      '9007199254740993 18446744073709551616',
    );
  });

  it('decodes float literals', () => {
    expect(tokens('1. .5 1e3 1.5e-3 0.0 0e0')).toBe('1 0.5 1000 0.0015 0 0');
  });

  it('decodes string and bytes literals', () => {
    expect(tokens(`'a' "b\\n" r'\\n' b'\\xff' rb"\\x" '''x'y''' "\\u00e9"`)).toBe(
      `"a" "b\\n" "\\\\n" b"ÿ" b"\\\\x" "x'y" "Ã©"`,
    );
  });

  it('scans keywords and treats assert as an identifier', () => {
    expect(tokens('not in lambda assert')).toBe('not in lambda assert');
  });

  it('accepts non-ASCII letters in identifiers and counts columns in runes', () => {
    const sc = new Scanner('a.star', 'chocolate.\xc3\xa9clair x');
    sc.next();
    sc.next();
    sc.next();
    expect(sc.raw).toBe('\xc3\xa9clair');
    sc.next();
    expect(sc.pos).toEqual({ file: 'a.star', line: 1, col: 18 });
  });

  it('counts an invalid UTF-8 byte as one column and decodes it in strings as U+FFFD', () => {
    const sc = new Scanner('a.star', '"\xff\xc3\xa9" x');
    expect(sc.next()).toBe(T.STRING);
    expect(sc.value).toBe('\xef\xbf\xbd\xc3\xa9');
    sc.next();
    expect(sc.pos.col).toBe(6);
  });

  it.each([
    ['0755', 'a.star:1:5: obsolete form of octal literal; use 0o755'],
    ['09', 'a.star:1:1: invalid int literal'],
    ['0x', 'a.star:1:1: invalid hex literal'],
    ['0o8', 'a.star:1:3: invalid octal literal'],
    ['0b2', 'a.star:1:3: invalid binary literal'],
    ['0o1000000000000000000000', 'a.star:1:1: invalid int literal'],
    ['1e+', 'a.star:1:4: invalid float literal'],
    ['1e999', 'a.star:1:6: invalid float literal'],
    ['x = $', "a.star:1:5: unexpected input character '$'"],
    ['!x', "a.star:1:1: unexpected input character '!'"],
    ['x\x01', "a.star:1:2: unexpected input character '\\x01'"],
    [')', "a.star:1:1: unexpected ')'"],
    ['x \\ y', 'a.star:1:4: stray backslash in program'],
    ['if x:\n    a\n  b\n', 'a.star:3:3: unindent does not match any outer indentation level'],
    ['"abc', 'a.star:1:1: unexpected EOF in string'],
    ['x = "a\nb"', 'a.star:1:5: unexpected newline in string'],
    ["'''abc", 'a.star:1:1: unexpected EOF in string'],
    ['b"\\q"', 'a.star:1:2: invalid escape sequence \\q'],
    ['x = \xe2\x82\xac', "a.star:1:5: unexpected input character '\xe2\x82\xac'"],
    ['x = \xc2\xa0', "a.star:1:5: unexpected input character '\\u00a0'"],
    ['"\\\xc3\xa9"', 'a.star:1:1: invalid escape sequence \\\xc3\x83'],
  ])('reports %j as %j', (src, msg) => {
    expect(scanError(src)).toBe(msg);
  });
});
