import { describe, expect, it } from 'vitest';
import { formatPosition } from '../errors.ts';
import { DEFAULT_FILE_OPTIONS } from '../syntax/options.ts';
import type { Value } from '../values/index.ts';
import { Builtin, Dict, List, None, repr } from '../values/index.ts';
import { formatCallStack } from './eval-error.ts';
import { execFile } from './exec.ts';
import { StarlarkFunction } from './function.ts';
import { StarThread } from './thread.ts';

describe('StarThread', () => {
  it('exposes the call stack to builtins, innermost frame last', () => {
    let seen = '';
    const where = new Builtin('where', (t) => {
      const thread = t as StarThread;
      seen = formatCallStack(thread.callStack());
      expect(thread.callFrame(0)?.name).toBe('where');
      expect(thread.callFrame(1)?.name).toBe('inner');
      expect(thread.callStackDepth).toBe(5);
      const pos = thread.callerPosition(1);
      expect(pos === undefined ? '' : formatPosition(pos)).toBe('w.star:2:19');
      return None;
    });
    const src = 'def inner(): where()\ndef outer(): inner()\ndef top(): return outer()\ntop()\n';
    execFile(
      new StarThread(),
      'w.star',
      src,
      new Map<string, Value>([['where', where]]),
      DEFAULT_FILE_OPTIONS,
    );
    expect(seen).toBe(`Traceback (most recent call last):
  w.star:4:4: in <toplevel>
  w.star:3:24: in top
  w.star:2:19: in outer
  w.star:1:19: in inner
  <builtin>: in where
`);
  });

  it('lets host code call Starlark functions and keeps thread locals', () => {
    const thread = new StarThread({ name: 'host' });
    thread.locals.set('k', 1);
    const g = execFile(
      thread,
      'h.star',
      'def add(a, b=10): return a + b\n',
      new Map(),
      DEFAULT_FILE_OPTIONS,
    );
    const add = g.get('add');
    if (!(add instanceof StarlarkFunction)) throw new Error('add is not a function');
    expect(thread.call(add, [1], null)).toBe(11);
    expect(thread.call(add, [1], [['b', 2]])).toBe(3);
    expect(thread.depth).toBe(0);
    expect(thread.locals.get('k')).toBe(1);
    expect(thread.name).toBe('host');
  });

  it('turns an error thrown by host code into an EvalError whose cause is that error', () => {
    class Stop extends Error {}
    const stop = new Stop('stop');
    const exit = new Builtin('exit', () => {
      throw stop;
    });
    let err: unknown;
    try {
      execFile(
        new StarThread(),
        'x.star',
        'exit()\n',
        new Map<string, Value>([['exit', exit]]),
        DEFAULT_FILE_OPTIONS,
      );
    } catch (e) {
      err = e;
    }
    expect((err as Error).cause).toBe(stop);
    expect((err as Error).message).toBe('stop');
  });

  it("shows a frame's variables to debuggers", () => {
    const env = new Builtin('env', (t) => {
      const d = new Dict();
      for (const [k, v] of (t as StarThread).debugLocals(1) ?? []) d.set(k, v);
      return d;
    });
    const src = `
e = [None]
def f(p):
    outer = 3
    def g(q):
        inner = outer + 1
        e[0] = env()
        later = None
    g(2)
f(1)
`;
    const g = execFile(
      new StarThread(),
      'env.star',
      src,
      new Map<string, Value>([['env', env]]),
      DEFAULT_FILE_OPTIONS,
    );
    expect(repr((g.get('e') as List).elems[0] as Value)).toBe('{"q": 2, "inner": 4, "outer": 3}');
  });

  it('releases iteration locks and frames when a builtin throws a host error', () => {
    const list = new List([0]);
    const boom = new Builtin('boom', (_t, args) => {
      throw new Error(`boom ${repr(args[0] as Value)}`);
    });
    const thread = new StarThread();
    const src = 'list[0] += 1\ndef main():\n    for x in list:\n        boom(x)\nmain()\n';
    const pre = new Map<string, Value>([
      ['list', list],
      ['boom', boom],
    ]);
    for (const want of ['boom 1', 'boom 2']) {
      let msg = '';
      try {
        execFile(thread, 'p.star', src, pre, DEFAULT_FILE_OPTIONS);
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toBe(want);
      expect(thread.depth).toBe(0);
    }
  });
});
