import { describe, expect, test } from 'vitest';
import { formatError } from '../errors.ts';
import { logMaxLines } from './log-cap.ts';

describe('SLANT_LOG_MAX_LINES', () => {
  test('unset keeps the default; a whole number sets the cap', () => {
    expect(logMaxLines({})).toBeUndefined();
    expect(logMaxLines({ SLANT_LOG_MAX_LINES: '5000000' })).toBe(5_000_000);
  });

  test('anything else is refused with a hint', () => {
    let err: unknown;
    try {
      logMaxLines({ SLANT_LOG_MAX_LINES: '2MB' });
    } catch (e) {
      err = e;
    }
    expect(formatError(err)).toMatchInlineSnapshot(`
      "SLANT_LOG_MAX_LINES must be a whole number of lines above 0, got "2MB"

      Unset SLANT_LOG_MAX_LINES to keep the default of 1000000 lines."
    `);
  });
});
