import { describe, expect, it } from 'vitest';
import { isCased, isLetter, isLower, toTitle, toUpper } from './unicode.ts';

describe("Go's unicode tables", () => {
  it('calls a rune cased only when simple case folding moves it', () => {
    expect(isCased(0xdf)).toBe(true); // ß folds with ẞ
    expect(isCased(0x130)).toBe(false); // İ: full mappings only
    expect(isCased(0x131)).toBe(false); // ı
    expect(isCased(0xfb01)).toBe(false); // ﬁ
    expect(isCased(0x1c5)).toBe(true); // ǅ
  });

  it('uses simple one-rune mappings', () => {
    expect(toUpper(0x1f80)).toBe(0x1f88);
    expect(toUpper(0x1fb3)).toBe(0x1fbc);
    expect(toTitle(0x10d0)).toBe(0x10d0); // Georgian: its own titlecase
    expect(toUpper(0x10d0)).toBe(0x1c90);
  });

  it("follows Go's Unicode version, not the JS engine's newer one", () => {
    expect(isLower(0x295)).toBe(true);
    expect(isLetter(0x13460)).toBe(false);
    expect(toUpper(0x19b)).toBe(0x19b);
    expect(isCased(0x19b)).toBe(false);
  });
});
