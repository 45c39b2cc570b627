import { describe, expect, it } from 'vitest';
import { fma, goExp, goLog } from './go-exp.ts';
import { goGamma, goPow } from './go-pow.ts';
import { goCos, goSin, goTan } from './go-trig.ts';

// Expected values are what Go's math package returns on amd64 (with FMA where it matters).
describe("Go's math algorithms", () => {
  it('reduces huge trigonometric arguments with 4/π to 1216 bits', () => {
    expect(goSin(1e22)).toBe(-0.8522008497671889);
    expect(goCos(1e300)).toBe(-0.5753861119575491);
    expect(goTan(0.1)).toBe(0.10033467208545055);
  });

  it('keeps the quirks of the amd64 Exp and Log', () => {
    expect(goLog(1e-320)).toBe(-709.0895657128236); // subnormals are not normalised
    expect(goExp(1, true)).toBe(Math.E);
    expect(goExp(-1e300, true)).toBe(0);
    expect(goExp(710, true)).toBe(Infinity);
  });

  it('computes fma with one rounding', () => {
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17);
    expect(0.1 * 10 - 1).toBe(0);
  });

  it('overflows Gamma to +Inf as Go does', () => {
    expect(goGamma(844.65, true)).toBe(Infinity);
    expect(goGamma(-2.5, true)).toBe(-0.9453087204829419);
    expect(goPow(-8, 1 / 3, true)).toBeNaN();
    expect(goPow(2, 10, true)).toBe(1024);
  });
});
