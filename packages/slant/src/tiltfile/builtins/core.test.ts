import { describe, expect, test } from 'vitest';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

describe('load()', () => {
  test('resolves paths against the loading file and runs each file once', () => {
    const r = runTiltfile('load("lib/a.star", "x")\nload("lib/b.star", "y")\nprint(x, y)\n', {
      files: {
        'lib/a.star': 'print("a runs")\nx = 1\n',
        'lib/b.star': 'load("a.star", "x")\ny = x + 1\n',
      },
    });
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('a runs\n1 2\n');
    expect(r.configFiles).toEqual([
      `${DIR}/.tiltignore`,
      `${DIR}/Tiltfile`,
      `${DIR}/lib/a.star`,
      `${DIR}/lib/b.star`,
    ]);
  });

  test('a missing file gives Tilt’s error text', () => {
    const r = runTiltfile('load("nope.star", "x")\n');
    expect(errorOf(r)).toBe(
      `Traceback (most recent call last):\n  ${DIR}/Tiltfile:1:1: in <toplevel>\nError: cannot load nope.star: error reading file ${DIR}/nope.star: open ${DIR}/nope.star: no such file or directory`,
    );
  });

  test('an error inside a loaded file shows that file’s backtrace', () => {
    const r = runTiltfile('load("a.star", "x")\n', { files: { 'a.star': 'x = 1\ny = x // 0\n' } });
    expect(errorOf(r)).toBe(
      `Traceback (most recent call last):\n  ${DIR}/Tiltfile:1:1: in <toplevel>\n  ${DIR}/a.star:2:7: in <toplevel>\nError: floored division by zero`,
    );
    expect(r.error?.frame).toBe('  1 | x = 1\n> 2 | y = x // 0\n    |       ^');
  });

  test('a circular load is reported', () => {
    const r = runTiltfile('load("a.star", "x")\n', {
      files: { 'a.star': 'load("Tiltfile", "z")\nx = 1\n' },
    });
    expect(errorOf(r)).toContain(`Circular load: ${DIR}/Tiltfile`);
  });
});

describe('include() and load_dynamic()', () => {
  test('include runs the file for its effects', () => {
    const r = runTiltfile('include("./sub/Tiltfile")\n', {
      files: { 'sub/Tiltfile': 'print(os.getcwd())\n' },
    });
    expect(r.out).toBe(`${DIR}/sub\n`);
  });

  test('load_dynamic returns the globals as a frozen dict, cached', () => {
    const r = runTiltfile(
      'a = load_dynamic("./foo/Tiltfile")\nb = load_dynamic("./foo/Tiltfile")\nprint(a["x"], b["x"])\na["x"] = 2\n',
      { files: { 'foo/Tiltfile': 'x = 1\nprint("x=%d" % x)\n' } },
    );
    expect(r.out).toBe('x=1\n1 1\n');
    expect(errorOf(r)).toBe(
      `Traceback (most recent call last):\n  ${DIR}/Tiltfile:4:2: in <toplevel>\nError: cannot insert into frozen hash table`,
    );
  });
});

describe('warn, fail, exit', () => {
  test('warn logs a warning and counts it', () => {
    const r = runTiltfile('warn("careful")\n');
    expect(r.warnings).toEqual(['careful']);
    expect(r.host.log.warnings).toEqual(['careful']);
  });

  test('fail stops with the message', () => {
    const r = runTiltfile('fail("no way")\n');
    expect(errorOf(r)).toBe(
      `Traceback (most recent call last):\n  ${DIR}/Tiltfile:1:5: in <toplevel>\nError in fail: no way`,
    );
  });

  test('exit stops execution without an error and logs the code', () => {
    const r = runTiltfile('print("a")\nexit("goodbye")\nfail("unreachable")\n');
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('a\n"goodbye"\n');
  });

  test('exit in a loaded file stops the main Tiltfile too', () => {
    const r = runTiltfile('load("./exit.star", "nothing")\nfail("unreachable")\n', {
      files: { 'exit.star': 'exit()\n' },
    });
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('');
  });
});

describe('struct and module', () => {
  test('struct makes a value with fields; modules print as Tilt modules', () => {
    const r = runTiltfile('s = struct(a=1, b="x")\nprint(s.a, s)\nprint(os.path, type(os))\n');
    expect(r.out).toBe('1 struct(a = 1, b = "x")\n[module: os.path] module\n');
  });
});
