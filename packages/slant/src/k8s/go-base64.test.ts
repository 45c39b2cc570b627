import { describe, expect, test } from 'vitest';
import { base64Error, base64ErrorOffset } from './go-base64.ts';

describe('base64ErrorOffset (Go StdEncoding)', () => {
  test('valid input, with padding and newlines', () => {
    for (const s of ['', 'aGk=', 'aA==', 'aGVsbG8=', 'aGVs\nbG8=', 'aGVsbG8=\n']) {
      expect(base64ErrorOffset(s)).toBeUndefined();
    }
  });

  test('offsets as Go reports them', () => {
    expect(base64Error('!')).toBe('illegal base64 data at input byte 0');
    expect(base64ErrorOffset('aGk')).toBe(0);
    expect(base64ErrorOffset('a')).toBe(0);
    expect(base64ErrorOffset('aG=')).toBe(3);
    expect(base64ErrorOffset('a===')).toBe(1);
    expect(base64ErrorOffset('aGk=x')).toBe(4);
    expect(base64ErrorOffset('aA=x')).toBe(2);
    expect(base64ErrorOffset('aGVsbG8#')).toBe(7);
  });
});
