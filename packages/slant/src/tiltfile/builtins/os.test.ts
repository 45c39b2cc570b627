import { describe, expect, test } from 'vitest';
import type { FakeHost } from '../host-fake.ts';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

describe('os', () => {
  test('getcwd is the directory of the file being executed, not where a function was defined', () => {
    const r = runTiltfile('load("sub/lib.star", "f")\nprint(os.getcwd())\nf()\n', {
      files: { 'sub/lib.star': 'print(os.getcwd())\ndef f():\n  print(os.getcwd())\n' },
    });
    expect(r.out).toBe(`${DIR}/sub\n${DIR}\n${DIR}\n`);
  });

  test('path functions behave like Go’s filepath', () => {
    const r = runTiltfile(
      [
        'print(os.path.abspath("a/b/"), os.path.abspath("/x/../y"))',
        'print(os.path.basename("a/b/"), os.path.basename(""), os.path.dirname("a/b/"))',
        'print(os.path.join("a", "", "b/", "../c"), repr(os.path.join("")))',
        'print(os.path.relpath("/work/proj/x/y"), os.path.relpath("/a", "/b/c"))',
      ].join('\n'),
    );
    expect(r.out).toBe(`${DIR}/a/b /x/../y\nb . a/b\na/c ""\nx/y ../../a\n`);
  });

  test('join rejects non-strings with Tilt’s text; relpath reports Go’s error', () => {
    expect(errorOf(runTiltfile('os.path.join("a", 1)\n'))).toContain(
      'Error in os.path.join: os.path.join() only accepts strings. Argument #1: 1',
    );
    expect(errorOf(runTiltfile('os.path.relpath("a", "/b")\n'))).toContain(
      "Error in os.path.relpath: Rel: can't make a relative to /b",
    );
  });

  test('exists/isdir/isfile check the file system without recording reads', () => {
    const r = runTiltfile(
      'print(os.path.exists("f"), os.path.exists("d"), os.path.exists("n"))\nprint(os.path.isdir("d"), os.path.isfile("d"), os.path.isfile("f"))\n',
      { files: { f: '', 'd/x': '' } },
    );
    expect(r.out).toBe('True True False\nTrue False True\n');
    expect(r.configFiles).toEqual([`${DIR}/.tiltignore`, `${DIR}/Tiltfile`]);
  });

  test('realpath resolves symlinks and fails on missing paths', () => {
    const setup = (h: FakeHost) => h.fs.symlink('/real', `${DIR}/link`);
    const r = runTiltfile('print(os.path.realpath("link/f"))\nos.path.realpath("nope")\n', {
      files: { '/real/f': '' },
      setup,
    });
    expect(r.out).toBe('/real/f\n');
    expect(errorOf(r)).toContain(
      `Error in os.path.realpath: lstat ${DIR}/nope: no such file or directory`,
    );
  });

  test('environment: getenv, putenv, unsetenv and os.environ share one view', () => {
    const r = runTiltfile(
      [
        'print(os.getenv("HOME"), os.getenv("NOPE"), os.getenv("NOPE", "d"))',
        'os.putenv("A", "1")',
        'os.environ["B"] = "2"',
        'print(os.environ["A"], os.environ.get("B"), "A" in os.environ, os.getenv("B"))',
        'os.unsetenv("A")',
        'print(os.environ.get("A"), os.environ.pop("B"), "B" in os.environ, len(os.environ))',
        'os.environ.update({"C": "3"}, D="4")',
        'print(os.environ.keys(), os.name)',
      ].join('\n'),
      { env: { HOME: '/h' } },
    );
    expect(r.out).toBe('/h None d\n1 2 True 2\nNone 2 False 1\n["HOME", "C", "D"] posix\n');
    expect(r.run.env.get('C')).toBe('3');
  });

  test('os.environ behaves as a mapping for dict(), sorted() and comprehensions', () => {
    const r = runTiltfile(
      'print(dict(os.environ), sorted(os.environ), [k for k in os.environ], os.environ.items()[:1])\n',
      { env: { B: '2', A: '1' } },
    );
    expect(r.out).toBe('{"B": "2", "A": "1"} ["A", "B"] ["B", "A"] [("B", "2")]\n');
  });

  test('os.environ rejects non-string values and reports missing keys', () => {
    expect(errorOf(runTiltfile('os.environ["A"] = 1\n'))).toContain(
      'Error: putenv() value must be a string, not int',
    );
    expect(errorOf(runTiltfile('os.environ["NOPE"]\n'))).toContain(
      'Error: key "NOPE" not in environ',
    );
  });
});

describe('sys and shlex', () => {
  test('sys.argv is frozen; sys.executable is the slant binary', () => {
    const r = runTiltfile('print(sys.argv, sys.executable)\nsys.argv.append("x")\n', {
      argv: ['slant', 'up', '--', 'a'],
    });
    expect(r.out).toBe('["slant", "up", "--", "a"] /usr/local/bin/slant\n');
    expect(errorOf(r)).toContain('cannot append to frozen list');
  });

  test('shlex.quote quotes like shellescape; shlex has no split, as in Tilt', () => {
    const r = runTiltfile(
      `print(shlex.quote("abc-1.2/x"), shlex.quote(""), shlex.quote("it's here"))\n`,
    );
    expect(r.out).toBe(`abc-1.2/x '' 'it'"'"'s here'\n`);
    expect(errorOf(runTiltfile('shlex.split("a b")\n'))).toBe(
      `Traceback (most recent call last):\n  ${DIR}/Tiltfile:1:6: in <toplevel>\nError: module has no .split field or method`,
    );
  });
});
