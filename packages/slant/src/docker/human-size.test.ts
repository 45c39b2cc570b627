import { describe, expect, test } from 'vitest';
import { formatG, humanSize } from './human-size.ts';

// Expected values printed by go-units v0.5.0 HumanSize and Go's fmt %.4g.
describe('humanSize', () => {
  test('writes decimal units with four significant digits and no trailing zeros', () => {
    const cases: [number, string][] = [
      [0, '0B'],
      [7, '7B'],
      [999, '999B'],
      [1000, '1kB'],
      [1234, '1.234kB'],
      [1_234_567, '1.235MB'],
      [3_000_000, '3MB'],
      [474_400_000, '474.4MB'],
      [18_446_744_073_709_552_000, '18.45EB'],
    ];
    expect(cases.map(([b]) => [b, humanSize(b)])).toEqual(cases);
  });

  test('rounds half to even on the exact value, and 999.95 kB up to 1000kB as Go does', () => {
    expect([100_250, 100_350, 999_949, 999_950].map(humanSize)).toEqual([
      '100.2kB',
      '100.3kB',
      '999.9kB',
      '1000kB',
    ]);
  });

  test('stays in YB past it, in exponent form', () => {
    expect([1e27, 1.2345e30].map(humanSize)).toEqual(['1000YB', '1.235e+06YB']);
  });
});

describe('formatG', () => {
  test('uses the exponent form below 1e-4 and from 1e4 on', () => {
    expect([0.00012345, 0.5, 12345.5, 1e-5].map((x) => formatG(x, 4))).toEqual([
      '0.0001234',
      '0.5',
      '1.235e+04',
      '1e-05',
    ]);
  });
});
