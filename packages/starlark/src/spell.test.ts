import { describe, expect, it } from 'vitest';
import { nearest } from './spell.ts';

describe('nearest', () => {
  it('finds a name with one typo', () => {
    expect(nearest('hollo', ['hello', 'world'])).toBe('hello');
  });
  it('ignores case and underscores', () => {
    expect(nearest('FooBar', ['foo_bar', 'baz'])).toBe('foo_bar');
  });
  it('returns empty when nothing is within half the length', () => {
    expect(nearest('abc', ['xyz', 'qrst'])).toBe('');
  });
  it('prefers the first of equally near candidates', () => {
    expect(nearest('cat', ['bat', 'hat'])).toBe('bat');
  });
  it('rejects a candidate at exactly half the length', () => {
    expect(nearest('ab', ['ax'])).toBe('');
    expect(nearest('abcd', ['abxy'])).toBe('');
    expect(nearest('abcd', ['abcx'])).toBe('abcx');
  });
  it('accepts a prefix within the limit', () => {
    expect(nearest('lenn', ['len'])).toBe('len');
  });
  it('folds non-ASCII names by code point', () => {
    // "É" and "é" as UTF-8 bytes in binary strings.
    expect(nearest('\xc3\x89t\xc3\xa9x', ['\xc3\xa9t\xc3\xa9'])).toBe('\xc3\xa9t\xc3\xa9');
  });
});
