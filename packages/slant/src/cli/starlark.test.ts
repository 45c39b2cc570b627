import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/slant.js');
const dir = mkdtempSync(join(tmpdir(), 'slant-starlark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function slant(args: string[], input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, 'starlark', ...args], {
    cwd: dir,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('slant starlark FILE', () => {
  it('prints print() output on stdout and exits 0', () => {
    const f = file('hello.star', 'print("hello", 1 + 2)\nprint("héllo"[:3])\n');
    expect(slant([f])).toEqual({ code: 0, out: 'hello 3\nhé\n', err: '' });
  });

  it('runs the Tilt dialect: top-level loops, while, sets, reassignment, recursion', () => {
    const f = file(
      'dialect.star',
      [
        'def fact(n):',
        '    return 1 if n < 2 else n * fact(n - 1)',
        'n = 0',
        's = set()',
        'while n < 3:',
        '    s.add(n)',
        '    n += 1',
        'for x in sorted(s):',
        '    if x > 0:',
        '        print(x, fact(x + 2))',
        '',
      ].join('\n'),
    );
    expect(slant([f])).toEqual({ code: 0, out: '1 6\n2 24\n', err: '' });
  });

  it('prints the backtrace of a run-time error on stderr and exits 1', () => {
    const f = file(
      'err.star',
      'def inner(d):\n    return d["missing"]\n\ndef outer():\n    return inner({})\n\nprint("before")\nouter()\n',
    );
    expect(slant([f])).toEqual({
      code: 1,
      out: 'before\n',
      err: [
        'Traceback (most recent call last):',
        '  err.star:8:6: in <toplevel>',
        '  err.star:5:17: in outer',
        '  err.star:2:13: in inner',
        'Error: key "missing" not in dict',
        '',
      ].join('\n'),
    });
  });

  it('names the builtin that failed in the last line of the backtrace', () => {
    const f = file('fail.star', 'fail("boom")\n');
    expect(slant([f])).toEqual({
      code: 1,
      out: '',
      err: 'Traceback (most recent call last):\n  fail.star:1:5: in <toplevel>\nError in fail: fail: boom\n',
    });
  });

  it('loads other files relative to the current directory, each once', () => {
    file('lib.star', 'print("loading lib")\ndef greet(n):\n    return "hello, " + n\n');
    const f = file(
      'main.star',
      'load("lib.star", "greet")\nload("lib.star", g = "greet")\nprint(greet("a"), g("b"))\n',
    );
    expect(slant([f])).toEqual({ code: 0, out: 'loading lib\nhello, a hello, b\n', err: '' });
  });

  it('reports a missing file as starlark-go does, also through load()', () => {
    expect(slant(['nothere.star'])).toEqual({
      code: 1,
      out: '',
      err: 'open nothere.star: no such file or directory\n',
    });
    const f = file('loadmissing.star', 'load("nothere.star", "x")\n');
    expect(slant([f])).toEqual({
      code: 1,
      out: '',
      err: [
        'Traceback (most recent call last):',
        '  loadmissing.star:1:1: in <toplevel>',
        'Error: cannot load nothere.star: open nothere.star: no such file or directory',
        '',
      ].join('\n'),
    });
  });

  it('prints a syntax error with its position and exits 1', () => {
    const f = file('syntax.star', 'x = 1 +\n');
    expect(slant([f])).toEqual({
      code: 1,
      out: '',
      err: 'syntax.star:1:8: got newline, want primary expression\n',
    });
  });
});

describe('slant starlark (REPL)', () => {
  it('prints expression values, runs statements and reads blocks until a blank line', () => {
    const input =
      'x = [1, 2]\nx\nlen(x) + 1\ndef f(a):\n  return a * 2\n\nf(3)\nNone\n"ok"\nx.append(3)\nx\n';
    expect(slant([], input)).toEqual({
      code: 0,
      out: '[1, 2]\n3\n6\n"ok"\n[1, 2, 3]\n',
      err: '',
    });
  });

  it('continues unfinished brackets and strings onto the next lines, and runs top-level blocks', () => {
    const input = 'x = [1,\n2]\nx\ns = """a\nb"""\ns\nif x:\n    print("yes")\n\n"end"\n';
    expect(slant([], input)).toEqual({ code: 0, out: '[1, 2]\n"a\\nb"\nyes\n"end"\n', err: '' });
  });

  it('reports an error and keeps reading', () => {
    const r = slant([], '1 // 0\n2 + 2\n');
    expect(r.out).toBe('4\n');
    expect(r.err).toMatch(
      /^Traceback \(most recent call last\):\n.*\nError: floored division by zero\n$/,
    );
    expect(r.code).toBe(0);
  });
});
