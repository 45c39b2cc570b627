import { describe, expect, it } from 'vitest';
import { unquote } from './quote.ts';

function err(lit: string): string {
  try {
    unquote(lit);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('unquote', () => {
  it('decodes simple, octal, hex and unicode escapes', () => {
    expect(unquote(String.raw`"\a\b\f\n\r\t\v\\\'\"\0\101\x41\u00e9\U0001F600"`).value).toBe(
      '\x07\b\f\n\r\t\v\\\'"\x00AA\xc3\xa9\xf0\x9f\x98\x80',
    );
  });

  it('drops a backslash-newline', () => {
    expect(unquote('"a\\\nb"').value).toBe('ab');
  });

  it('keeps backslashes in raw literals', () => {
    expect(unquote(String.raw`r"\n\x"`)).toEqual({ value: '\\n\\x', isByte: false });
  });

  it('allows non-ASCII octal and hex escapes in bytes only', () => {
    expect(unquote(String.raw`b"\377\xff"`)).toEqual({ value: '\xff\xff', isByte: true });
    expect(err(String.raw`"\377"`)).toBe(
      String.raw`non-ASCII octal escape \377 (use \u00FF for the UTF-8 encoding of U+00FF)`,
    );
    expect(err(String.raw`"\xff"`)).toBe(
      String.raw`non-ASCII hex escape \xff (use \u00FF for the UTF-8 encoding of U+00FF)`,
    );
  });

  it('reports malformed escapes as starlark-go does', () => {
    expect(err(String.raw`b"\400"`)).toBe(String.raw`invalid escape sequence \400`);
    expect(err(String.raw`"\x4"`)).toBe(String.raw`truncated escape sequence \x4`);
    expect(err(String.raw`"\xzz"`)).toBe(String.raw`invalid escape sequence \xzz`);
    expect(err(String.raw`"\u12"`)).toBe(String.raw`truncated escape sequence \u12`);
    expect(err(String.raw`"\U00110000"`)).toBe(
      String.raw`code point out of range: \U00110000 (max \U00110000)`,
    );
    expect(err(String.raw`"\ud800"`)).toBe('invalid Unicode code point U+D800');
    expect(err(String.raw`"\q"`)).toBe(String.raw`invalid escape sequence \q`);
  });
});
