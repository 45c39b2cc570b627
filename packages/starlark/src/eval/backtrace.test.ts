import { describe, expect, it } from 'vitest';
import { formatPosition, StarlarkError } from '../errors.ts';
import { DEFAULT_FILE_OPTIONS } from '../syntax/options.ts';
import type { Value } from '../values/index.ts';
import { Builtin } from '../values/index.ts';
import { innermostEvalError, EvalError as StarEvalError } from './eval-error.ts';
import { execFile } from './exec.ts';
import { backtrace } from './test-util.ts';
import { StarThread } from './thread.ts';

describe('EvalError backtraces', () => {
  it('list every frame, builtins included, with the position of each pending operation', () => {
    const src = `
def div(n): return 10 // n
def via(n): return div(n)
def outer(): return max([3, 1, 0], key=via)
def top(): return outer()
top()
`;
    expect(backtrace(src)).toBe(`Traceback (most recent call last):
  test.star:6:4: in <toplevel>
  test.star:5:24: in top
  test.star:4:24: in outer
  <builtin>: in max
  test.star:3:23: in via
  test.star:2:23: in div
Error: floored division by zero`);
  });

  it('name the builtin that failed instead of listing its frame', () => {
    const boom = new Builtin('boom', () => {
      throw new StarlarkError('boom: it broke');
    });
    const src = `
def f():
    x = [boom()]
f()
`;
    expect(backtrace(src, { predeclared: new Map<string, Value>([['boom', boom]]) })).toBe(
      `Traceback (most recent call last):
  test.star:4:2: in <toplevel>
  test.star:3:14: in f
Error in boom: boom: it broke`,
    );
  });

  it('report an unassigned name at the identifier and a failed unpacking at the =', () => {
    expect(
      backtrace('def f():\n    print(y)\n    y = 1\nf()\n'),
    ).toBe(`Traceback (most recent call last):
  test.star:4:2: in <toplevel>
  test.star:2:11: in f
Error: local variable y referenced before assignment`);
    expect(backtrace('a, b = [1, 2, 3]\n')).toBe(`Traceback (most recent call last):
  test.star:1:6: in <toplevel>
Error: too many values to unpack (got 3, want 2)`);
  });

  it('report dict entries at their colon, attributes at the dot and loops at for', () => {
    expect(backtrace('x = {"a": 1, "a": 2}\n')).toBe(`Traceback (most recent call last):
  test.star:1:17: in <toplevel>
Error: duplicate key: "a"`);
    expect(backtrace('x = "s".nope\n')).toBe(`Traceback (most recent call last):
  test.star:1:8: in <toplevel>
Error: string has no .nope field or method`);
    expect(
      backtrace('def f():\n    for x in 1:\n        pass\nf()\n'),
    ).toBe(`Traceback (most recent call last):
  test.star:4:2: in <toplevel>
  test.star:2:5: in f
Error: int value is not iterable`);
  });

  it('show an argument-binding error in the callee frame at its first operation', () => {
    expect(backtrace('def f(a):\n    return a\nf()\n')).toBe(`Traceback (most recent call last):
  test.star:3:2: in <toplevel>
  test.star:2:12: in f
Error: function f missing 1 argument (a)`);
  });

  it('wrap a failed load and keep the loaded module error as the cause', () => {
    const loaded = 'def g(n):\n    return 1 // n\n\ng(0)\n';
    const thread = new StarThread({
      load: (_t, module) =>
        execFile(new StarThread(), module, loaded, new Map(), DEFAULT_FILE_OPTIONS),
    });
    let err: unknown;
    try {
      execFile(thread, 'root.star', '\nload("lib.star", "x")\n', new Map(), DEFAULT_FILE_OPTIONS);
    } catch (e) {
      err = e;
    }
    if (!(err instanceof StarEvalError)) throw new Error('want an EvalError');
    expect(err.backtrace()).toBe(`Traceback (most recent call last):
  root.star:2:1: in <toplevel>
Error: cannot load lib.star: floored division by zero`);
    expect(innermostEvalError(err)?.backtrace()).toBe(`Traceback (most recent call last):
  lib.star:4:2: in <toplevel>
  lib.star:2:14: in g
Error: floored division by zero`);
  });

  it('span files when the load hook runs the module on the same thread', () => {
    const thread = new StarThread({
      load: (t, module) =>
        execFile(t, module, 'x = 1\ny = len(3)\n', new Map(), DEFAULT_FILE_OPTIONS),
    });
    let err: unknown;
    try {
      execFile(thread, 'main.star', 'load("lib.star", "x")\n', new Map(), DEFAULT_FILE_OPTIONS);
    } catch (e) {
      err = e;
    }
    expect(innermostEvalError(err)?.backtrace()).toBe(`Traceback (most recent call last):
  main.star:1:1: in <toplevel>
  lib.star:2:8: in <toplevel>
Error in len: len: value of type int has no len`);
  });

  it('give the print hook the position of the print call', () => {
    const lines: string[] = [];
    const thread = new StarThread({
      print: (t, msg) => {
        const caller = t.callFrame(1);
        const pos = caller?.pos;
        lines.push(`${pos === undefined ? '?' : formatPosition(pos)}: ${caller?.name}: ${msg}`);
        expect(t.callerPosition(0)).toEqual(pos);
      },
    });
    execFile(
      thread,
      'p.star',
      '\nprint("hi")\ndef f(): print("a", "b", sep="-")\nf()\n',
      new Map(),
      DEFAULT_FILE_OPTIONS,
    );
    expect(lines).toEqual(['p.star:2:6: <toplevel>: hi', 'p.star:3:15: f: a-b']);
  });

  it('report an operation without a position of its own where the last one was recorded', () => {
    // SLICE records none: starlark-go reports the last position set before it (here: `x`).
    expect(
      backtrace('def f(x):\n    return x[1:2:0]\nf([1])\n'),
    ).toBe(`Traceback (most recent call last):
  test.star:3:2: in <toplevel>
  test.star:2:12: in f
Error: zero is not a valid slice step`);
    // An argument error is shown at the callee's first operation, or at its def when that
    // operation records no position (a literal).
    expect(
      backtrace('def f(a, b):\n    return {}\nf(1)\n'),
    ).toBe(`Traceback (most recent call last):
  test.star:3:2: in <toplevel>
  test.star:1:1: in f
Error: function f missing 1 argument (b)`);
  });
});
