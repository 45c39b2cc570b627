import { describe, expect, it } from 'vitest';
import { parseGoFloat } from './parse-float.ts';

describe('parseGoFloat', () => {
  it.each([
    ['1_000', 1000],
    ['1_0.5_5', 10.55],
    ['1e1_0', 1e10],
    ['.5', 0.5],
    ['1.', 1],
    ['-0', -0],
    ['0x1p3', 8],
    ['0x_1p3', 8],
    ['0X.8P1', 1],
    ['-0x1.8p-1', -0.75],
    ['0x1p-1074', 5e-324],
    ['0x1.00000000000008p0', 1], // a tie: rounds to the even neighbour
    ['0x1.00000000000018p0', 1 + 2 ** -51],
    ['1e400', Infinity],
    ['0x1p1024', Infinity],
  ])('parses %s', (s, want) => {
    expect(parseGoFloat(s)).toBe(want);
  });

  it.each([
    '1__0',
    '_1',
    '1_',
    '1_.5',
    '1._5',
    '1e_5',
    '0x1_p3',
    '0x1',
    '0x',
    '0xp1',
    '0x.p1',
    '1e',
    '.',
    ' 1',
    '+-1',
    '0b1',
  ])('rejects %s', (s) => {
    expect(parseGoFloat(s)).toBeUndefined();
  });
});
