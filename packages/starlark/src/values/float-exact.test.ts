import { describe, expect, it } from 'vitest';
import { bigTimesPow2, expDigits, fixedDigits } from './float-exact.ts';
import { formatFloatPrec } from './float-format.ts';

describe('exact float formatting', () => {
  it('rounds exact binary ties to even, other values to nearest', () => {
    expect(fixedDigits(0.0078125, 6)).toBe('0.007812'); // 2^-7: a tie, 2 is even
    expect(fixedDigits(0.0234375, 6)).toBe('0.023438'); // 3×2^-7: a tie, 7 is odd
    expect(fixedDigits(0.1, 20)).toBe('0.10000000000000000555');
    expect(fixedDigits(2.5, 0)).toBe('2');
    expect(fixedDigits(3.5, 0)).toBe('4');
  });

  it('finds the exponent when rounding carries into a new digit', () => {
    expect(expDigits(9.9999995, 6)).toEqual({ digits: '9999999', exp: 0 });
    expect(expDigits(9.99999951, 6)).toEqual({ digits: '1000000', exp: 1 });
    expect(expDigits(0, 6)).toEqual({ digits: '0000000', exp: 0 });
    expect(formatFloatPrec(592056450, 'e')).toBe('5.920564e+08');
    expect(formatFloatPrec(5e-324, 'e')).toBe('4.940656e-324');
    expect(formatFloatPrec(-0, 'f')).toBe('-0.000000');
  });

  it("writes %F as Go's FormatFloat does for an unknown verb", () => {
    expect(formatFloatPrec(1.5, 'F')).toBe('%F');
    expect(formatFloatPrec(Infinity, 'F')).toBe('+inf');
  });
});

describe('bigTimesPow2', () => {
  it('rounds to 53 bits, ties to even', () => {
    expect(bigTimesPow2((1n << 53n) + 1n, 0)).toBe(2 ** 53);
    expect(bigTimesPow2((1n << 53n) + 3n, 0)).toBe(2 ** 53 + 4);
    expect(bigTimesPow2(3n, -1)).toBe(1.5);
  });

  it('handles subnormals, underflow and overflow', () => {
    expect(bigTimesPow2(1n, -1074)).toBe(5e-324);
    expect(bigTimesPow2(1n, -1075)).toBe(0); // a tie with zero: even
    expect(bigTimesPow2(3n, -1076)).toBe(5e-324);
    expect(bigTimesPow2(1n, 1024)).toBe(Infinity);
    expect(bigTimesPow2((1n << 54n) - 1n, 970)).toBe(Infinity); // rounds up past the max
  });
});
