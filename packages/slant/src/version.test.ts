import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLANT_VERSION } from './version.ts';

describe('SLANT_VERSION', () => {
  it('is the version of packages/slant/package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8'));
    expect(SLANT_VERSION).toBe(pkg.version);
  });
});
