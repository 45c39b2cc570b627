import { describe, expect, it } from 'vitest';
import { compileGoRegexp, goMatches } from './go-regexp.ts';

describe('compileGoRegexp', () => {
  it('searches unanchored, like Go regexp.MatchString', () => {
    expect(goMatches('b+', 'abbbc')).toBe(true);
    expect(goMatches('^b', 'abc')).toBe(false);
  });
  it('translates RE2 spellings JS lacks: leading flags, \\A, \\z, POSIX classes', () => {
    expect(goMatches('(?i)HELLO', 'say hello')).toBe(true);
    expect(goMatches('(?s)a.b', 'a\nb')).toBe(true);
    expect(goMatches('\\Aab\\z', 'ab')).toBe(true);
    expect(goMatches('\\Aab\\z', 'ab\n')).toBe(false);
    expect(goMatches('^[[:digit:]]+$', '123')).toBe(true);
  });
  it('returns an error message for a pattern JS cannot compile', () => {
    expect(compileGoRegexp('a(b')).toBe(
      'error parsing regexp: Invalid regular expression: /a(b/: Unterminated group',
    );
  });
});
