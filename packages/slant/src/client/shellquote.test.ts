import { describe, expect, it } from 'vitest';
import { parseEditResult, shellJoin, shellSplit } from './shellquote.ts';

describe('shell quoting of the args line', () => {
  it('round-trips args with spaces, quotes and empty strings', () => {
    const args = ['frontend', '--name', 'a b', "it's", '', '$HOME'];
    expect(shellJoin(args)).toBe(`frontend --name 'a b' 'it'\\''s' '' '$HOME'`);
    expect(shellSplit(shellJoin(args))).toEqual(args);
    expect(shellSplit(`a "b \\"c\\"" d\\ e`)).toEqual(['a', 'b "c"', 'd e']);
  });

  it("reads exactly one non-comment line, with Tilt's errors otherwise", () => {
    expect(parseEditResult('# edit args\n  x y  \n')).toEqual(['x', 'y']);
    expect(() => parseEditResult('a\nb\n')).toThrow('cannot have multiple non-comment lines');
    expect(() => parseEditResult('# only\n')).toThrow(
      'must have exactly one non-comment line, found zero. If you want to clear the args, use `slant args --clear`',
    );
  });
});
