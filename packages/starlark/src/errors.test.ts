import { describe, expect, it } from 'vitest';
import { StaticError, StaticErrorList } from './errors.ts';

describe('StaticErrorList', () => {
  it('reads as its first error with file:line:col', () => {
    const list = new StaticErrorList([
      new StaticError({ file: 'a.star', line: 3, col: 5 }, 'undefined: x'),
      new StaticError({ file: 'a.star', line: 4, col: 1 }, 'undefined: y'),
    ]);
    expect(list.message).toBe('a.star:3:5: undefined: x');
    expect(list.errors).toHaveLength(2);
  });
});
