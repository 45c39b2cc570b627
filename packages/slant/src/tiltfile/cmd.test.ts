import { List, None, Tuple } from '@slant/starlark';
import { describe, expect, test } from 'vitest';
import {
  type CmdContext,
  cmdString,
  envTuples,
  toBatCmd,
  toUnixCmd,
  valueGroupToCmd,
} from './cmd.ts';
import { sanitizeName } from './names.ts';
import { goQuote } from './text.ts';

const ctx = (os: 'posix' | 'nt' = 'posix'): CmdContext => ({
  os,
  currentDir: () => '/proj',
  absPath: (p) => (p.startsWith('/') ? p : `/proj/${p}`),
});

describe('commands', () => {
  test('a string is a trimmed shell script; an empty string is no command', () => {
    expect(toUnixCmd('  make  ').argv).toEqual(['sh', '-c', 'make']);
    expect(toBatCmd('dir').argv).toEqual(['cmd', '/S', '/C', 'dir']);
    expect(toUnixCmd('').argv).toEqual([]);
  });

  test('cmdString shows scripts bare and quotes argv entries with spaces', () => {
    expect(cmdString(toUnixCmd('echo hi'))).toBe('echo hi');
    expect(cmdString({ argv: ['echo', 'a b', 'c'], dir: '', env: [] })).toBe('echo "a b" c');
    expect(cmdString({ argv: ['sh', '-c', 'a\nb'], dir: '', env: [] })).toBe('sh -c a\nb');
  });

  test('valueGroupToCmd: dir defaults to the current dir, env is sorted, cmd_bat only on Windows', () => {
    const env = new Map([
      ['B', '2'],
      ['A', '1'],
    ]);
    expect(valueGroupToCmd(ctx(), 'make', 'nmake', undefined, env)).toEqual({
      argv: ['sh', '-c', 'make'],
      dir: '/proj',
      env: ['A=1', 'B=2'],
    });
    expect(valueGroupToCmd(ctx('nt'), 'make', 'nmake', 'sub', undefined)).toEqual({
      argv: ['cmd', '/S', '/C', 'nmake'],
      dir: '/proj/sub',
      env: [],
    });
    expect(valueGroupToCmd(ctx(), new List(['a', 'b c']), undefined, None, undefined).argv).toEqual(
      ['a', 'b c'],
    );
    expect(valueGroupToCmd(ctx(), new Tuple([]), undefined, undefined, undefined).argv).toEqual([]);
  });

  test('bad commands and dirs have Tilt’s messages', () => {
    expect(() => valueGroupToCmd(ctx(), 1, undefined, undefined, undefined)).toThrow(
      'a command must be a string or list of strings. found starlark.Int',
    );
    expect(() =>
      valueGroupToCmd(ctx(), new List(['a', 2]), undefined, undefined, undefined),
    ).toThrow(
      "a command must be a string or a list of strings: '2' is a starlark.Int, not a string",
    );
    expect(() => valueGroupToCmd(ctx(), 'x', undefined, 3, undefined)).toThrow(
      'a command directory must be empty or a string: expected path | string. Actual type: starlark.Int',
    );
    expect(() => envTuples(new Map([['', 'v']]))).toThrow(
      'environment has empty key for value "v"',
    );
  });
});

describe('goQuote', () => {
  test('escapes like strconv.Quote', () => {
    expect(goQuote('a"b\\c\n\t\x01é')).toBe('"a\\"b\\\\c\\n\\t\\x01é"');
  });
});

describe('sanitizeName', () => {
  test('replaces / and %, dots-only names, hashes long names', () => {
    expect(sanitizeName('web:gcr.io/foo')).toBe('web:gcr.io_foo');
    expect(sanitizeName('a%b')).toBe('a_b');
    expect(sanitizeName('..')).toBe('__');
    const long = sanitizeName('x'.repeat(300));
    expect(long.length).toBe(253);
    expect(long.slice(0, 245)).toBe(`${'x'.repeat(244)}-`);
  });
});
