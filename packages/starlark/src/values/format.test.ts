import { describe, expect, it } from 'vitest';
import { formatFloat, formatFloatPrec } from './float-format.ts';
import { quote } from './quote.ts';
import { javaStringHash } from './strhash.ts';
import { encodeUtf8 } from './utf8.ts';

describe('formatFloat', () => {
  it.each([
    [0, '0.0'],
    [-0, '-0.0'],
    [1, '1.0'],
    [1.5, '1.5'],
    [1e5, '100000.0'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [1.23e45, '1.23e+45'],
    [100 / 7, '14.285714285714286'],
    [1.5e-7, '1.5e-07'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [2 ** 40, '1.099511627776e+12'],
    [Infinity, '+inf'],
    [-Infinity, '-inf'],
    [Number.NaN, 'nan'],
  ])('formats %d as Go %%g with .0: %s', (v, want) => {
    expect(formatFloat(v)).toBe(want);
  });

  it('formats %e and %f with 6 digits and Go exponents', () => {
    expect(formatFloatPrec(1234.5, 'e')).toBe('1.234500e+03');
    expect(formatFloatPrec(1234.5, 'E')).toBe('1.234500E+03');
    expect(formatFloatPrec(-0.5, 'f')).toBe('-0.500000');
    expect(formatFloatPrec(1e22, 'f')).toBe('10000000000000000000000.000000');
  });
});

describe('quote', () => {
  it('escapes like Go, with \\x for invalid bytes and \\u for non-printable runes', () => {
    expect(quote('a"b\\c\n\t\x07', false)).toBe('"a\\"b\\\\c\\n\\t\\a"');
    expect(quote(encodeUtf8('😿').slice(0, 1), false)).toBe('"\\xf0"');
    expect(quote(encodeUtf8('世界'), false)).toBe(`"${encodeUtf8('世界')}"`);
    expect(quote(encodeUtf8('\u00a0\u200b'), false)).toBe('"\\u00a0\\u200b"');
    expect(quote('\x7f\x00', true)).toBe('b"\\x7f\\x00"');
  });
});

describe('javaStringHash', () => {
  it('hashes the UTF-8 source of "Hello, 世界!" like starlark-go', () => {
    expect(javaStringHash(encodeUtf8('Hello, 世界!'))).toBe(417292677);
  });
});
