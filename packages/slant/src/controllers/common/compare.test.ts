import { describe, expect, it } from 'vitest';
import { compareNatural, compareStrings } from './compare.ts';

describe('compareStrings', () => {
  it('orders by code unit, as Go compares strings', () => {
    expect(['b', 'a-2', 'a2', 'A'].sort(compareStrings)).toEqual(['A', 'a-2', 'a2', 'b']);
    expect(compareStrings('x', 'x')).toBe(0);
  });
});

describe('compareNatural', () => {
  it('orders runs of digits as numbers', () => {
    expect(['web-serve-10', 'web-serve-2', 'web-serve-1'].sort(compareNatural)).toEqual([
      'web-serve-1',
      'web-serve-2',
      'web-serve-10',
    ]);
  });

  it('orders the rest by code unit, and a prefix first', () => {
    expect(['b-1', 'a-10', 'a-9', 'a', 'a-09x'].sort(compareNatural)).toEqual([
      'a',
      'a-09x',
      'a-9',
      'a-10',
      'b-1',
    ]);
  });
});
