import { describe, expect, it } from 'vitest';
import { ChunkChecker, chunkOptions, splitChunks } from './chunks.ts';
import { goUnquote } from './go-unquote.ts';

describe('goUnquote', () => {
  it('decodes Go escapes in double-quoted literals', () => {
    expect(goUnquote(String.raw`"a\tb\n\\\"\x41\101\u00e9"`)).toBe('a\tb\n\\"AAé');
  });
  it('takes backquoted literals as they are, without carriage returns', () => {
    expect(goUnquote('`x\\(y\r`')).toBe('x\\(y');
  });
  it('rejects malformed literals', () => {
    for (const bad of ['"abc', "'a'", '"\\q"', '"a"b"', '`a`b`', '"\\x4"', '"\\400"']) {
      expect(goUnquote(bad)).toBeUndefined();
    }
  });
});

describe('splitChunks', () => {
  it('pads each chunk so line numbers match the file, and reads ### expectations', () => {
    const data = 'x = 1\n---\ny = 2\nz = 1/0 ### "division"\n---\n# option:set\n';
    const chunks = splitChunks('t.star', data);
    expect(chunks.map((c) => [c.startLine, c.source])).toEqual([
      [1, 'x = 1'],
      [3, '\n\ny = 2\nz = 1/0 ### "division"'],
      [6, '\n\n\n\n\n# option:set\n'],
    ]);
    expect([...chunks[1]!.expectations.keys()]).toEqual([4]);
    expect(chunks[1]!.expectations.get(4)!.pattern).toBe('division');
    expect(chunks[2]!.options.set).toBe(true);
    expect(chunks[0]!.options.set).toBe(false);
  });

  it('splits only on a --- line, not on --- inside a line', () => {
    expect(splitChunks('t.star', 'a = "---"\nb ---\n').length).toBe(1);
  });

  it('reports a ### that is not followed by a quoted regexp', () => {
    const [chunk] = splitChunks('t.star', 'x ### not quoted\n');
    expect(chunk!.problems).toEqual(['t.star:1: not a quoted regexp: not quoted']);
  });
});

describe('chunkOptions', () => {
  it('turns on each option named by an option:NAME substring', () => {
    expect(chunkOptions('# option:while option:globalreassign')).toEqual({
      set: false,
      while: true,
      topLevelControl: false,
      globalReassign: true,
      loadBindsGlobally: false,
      recursion: false,
    });
  });
});

describe('ChunkChecker', () => {
  const [chunk] = splitChunks('t.star', 'a ### "want.*this"\nb\nc ### `never`\n');

  it('matches errors against the expectation of their line and reports the rest', () => {
    const check = new ChunkChecker(chunk!);
    check.gotError(1, 'we want all of this');
    check.gotError(2, 'surprise');
    expect(check.done()).toEqual([
      't.star:2: unexpected error: surprise',
      't.star:3: expected error matching "never"',
    ]);
  });

  it('reports an error that does not match its pattern', () => {
    const check = new ChunkChecker(chunk!);
    check.gotError(1, 'other');
    check.gotError(3, 'never');
    expect(check.done()).toEqual(['t.star:1: error "other" does not match pattern "want.*this"']);
  });

  it('matches the text of UTF-8 messages', () => {
    const [c] = splitChunks('t.star', Buffer.from('x ### "é."\n', 'utf8').toString('latin1'));
    const check = new ChunkChecker(c!);
    check.gotError(1, Buffer.from('éa', 'utf8').toString('latin1'));
    expect(check.done()).toEqual([]);
  });
});
