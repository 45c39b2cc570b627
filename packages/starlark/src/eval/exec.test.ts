import { describe, expect, it } from 'vitest';
import { StaticErrorList } from '../errors.ts';
import { DEFAULT_FILE_OPTIONS, TILT_FILE_OPTIONS } from '../syntax/options.ts';
import type { Value } from '../values/index.ts';
import { Builtin, type Dict, type List, None, repr } from '../values/index.ts';
import { EvalError as StarEvalError } from './eval-error.ts';
import { compileFile, evalExpr, execFile, execProgram, makeCachingLoader } from './exec.ts';
import { backtrace, exec } from './test-util.ts';
import { StarThread } from './thread.ts';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof Error) return e.message;
  }
  return 'no error';
}

describe('execFile', () => {
  it('returns the globals (not load bindings) and freezes them, even when execution fails', () => {
    const globals = exec('a = [1]\nb = {"k": a}\ndef f(): a.append(2)\n');
    expect([...globals.keys()]).toEqual(['a', 'b', 'f']);
    const f = globals.get('f') as Value;
    expect(message(() => new StarThread().call(f, [], null))).toBe(
      'append: cannot append to frozen list',
    );

    const seen: Value[] = [];
    const keep = new Builtin('keep', (_t, args) => {
      seen.push(args[0] as Value);
      return None;
    });
    const src = 'x = [1]\nkeep(x)\n1 // 0\n';
    expect(() => exec(src, { predeclared: new Map([['keep', keep]]) })).toThrow(StarEvalError);
    expect((seen[0] as List).frozen).toBe(true);
  });

  it('reads byte sources as latin1 binary strings', () => {
    const src = new TextEncoder().encode('s = "héllo"\nn = len(s)\n');
    const g = execFile(new StarThread(), 'u.star', src, new Map(), DEFAULT_FILE_OPTIONS);
    expect(g.get('n')).toBe(6);
    expect(g.get('s')).toBe('h\xc3\xa9llo');
  });

  it('shares the universe builtins between the modules of one thread', () => {
    const thread = new StarThread({
      load: (t, m) => execFile(t, m, 'f = len\n', new Map(), DEFAULT_FILE_OPTIONS),
    });
    const g = execFile(
      thread,
      'm.star',
      'load("x.star", "f")\nsame = f == len\n',
      new Map(),
      DEFAULT_FILE_OPTIONS,
    );
    expect(g.get('same')).toBe(true);
  });

  it('encodes a source string holding non-latin1 text as UTF-8', () => {
    const g = execFile(
      new StarThread(),
      'u.star',
      's = "日本"\nn = len(s)\n',
      new Map(),
      DEFAULT_FILE_OPTIONS,
    );
    expect(g.get('n')).toBe(6);
  });

  it('throws resolve errors as a StaticErrorList', () => {
    expect(() => exec('x = y\nz = w\n')).toThrow(StaticErrorList);
    expect(message(() => exec('x = y\n'))).toBe('test.star:1:5: undefined: y');
  });

  it('runs while loops and top-level control with the Tilt options', () => {
    const g = exec('i = 0\nwhile i < 5:\n    i += 1\n    if i == 3:\n        break\n', {
      options: TILT_FILE_OPTIONS,
    });
    expect(g.get('i')).toBe(3);
  });
});

describe('compileFile and execProgram', () => {
  it('run one program many times, each with its own predeclared values', () => {
    const prog = compileFile('r.star', 'y = 2 * x\n', new Set(['x']), DEFAULT_FILE_OPTIONS);
    const run = (x: Value): string =>
      repr(execProgram(new StarThread(), prog, new Map([['x', x]])).get('y') as Value);
    expect(run(21)).toBe('42');
    expect(run('ab')).toBe('"abab"');
    expect(message(() => execProgram(new StarThread(), prog, new Map()))).toBe(
      'internal error: predeclared variable x is uninitialized',
    );
  });
});

describe('evalExpr', () => {
  it('evaluates an expression (a comma list is a tuple) against an environment', () => {
    const env = new Map<string, Value>([['x', 20]]);
    expect(
      repr(
        evalExpr(
          new StarThread(),
          'e',
          'x + 1, [y * 2 for y in range(3)]',
          env,
          DEFAULT_FILE_OPTIONS,
        ),
      ),
    ).toBe('(21, [0, 2, 4])');
  });
});

describe('load', () => {
  it('binds the requested names and reports missing ones with a spelling hint', () => {
    const load = (_t: StarThread, m: string) =>
      new Map<string, Value>([
        ['answer', 42],
        ['other', m],
      ]);
    expect(
      exec('load("m.star", "answer", x = "other")\ny = (answer, x)\n', { thread: { load } }).get(
        'y',
      ),
    ).toEqual(expect.anything());
    expect(
      repr(
        exec('load("m.star", "answer", x = "other")\ny = (answer, x)\n', { thread: { load } }).get(
          'y',
        ) as Value,
      ),
    ).toBe('(42, "m.star")');
    expect(
      backtrace('load("m.star", "anser")\n', { thread: { load } }),
    ).toBe(`Traceback (most recent call last):
  test.star:1:1: in <toplevel>
Error: load: name anser not found in module m.star (did you mean answer?)`);
    // Several missing names: the last is reported, as starlark-go checks them last to first.
    expect(message(() => exec('load("m.star", "p", "q")\n', { thread: { load } }))).toBe(
      'load: name q not found in module m.star',
    );
  });

  it('fails without a load hook', () => {
    expect(message(() => exec('load("m.star", "x")\n'))).toBe(
      'cannot load m.star: load not implemented by this application',
    );
  });

  it('caches modules and detects cycles with makeCachingLoader', () => {
    const sources: Record<string, string> = {
      'a.star': 'load("b.star", "b")\na = b + 1\n',
      'b.star': 'b = 1\n',
      'c.star': 'load("d.star", "d")\nc = 1\n',
      'd.star': 'load("c.star", "c")\nd = 1\n',
    };
    let runs = 0;
    const load = makeCachingLoader((t, m) => {
      runs++;
      return execFile(t, m, sources[m] ?? '', new Map(), DEFAULT_FILE_OPTIONS);
    });
    const thread = new StarThread({ load });
    expect(load(thread, 'a.star').get('a')).toBe(2);
    expect(load(thread, 'b.star').get('b')).toBe(1);
    expect(runs).toBe(2);
    expect(message(() => load(thread, 'c.star'))).toBe(
      'cannot load d.star: cannot load c.star: cycle in load graph',
    );
    expect(message(() => load(thread, 'c.star'))).toBe(
      'cannot load d.star: cannot load c.star: cycle in load graph',
    );
  });
});

describe('assignment', () => {
  it('evaluates the operands of an augmented target once', () => {
    const g = exec(`
calls = []
def idx():
    calls.append(1)
    return 0
x = [10]
x[idx()] += 5
d = {"k": 1}
d["k"] |= 6
`);
    expect(repr(g.get('x') as Value)).toBe('[15]');
    expect(repr(g.get('calls') as Value)).toBe('[1]');
    expect(repr(g.get('d') as Value)).toBe('{"k": 7}');
  });

  it('extends a list in place with += from any iterable', () => {
    const g = exec('def f(b):\n    b += (2, 3)\n    b += {"k": 0}\n    b += b\na = [1]\nf(a)\n');
    expect(repr(g.get('a') as Value)).toBe('[1, 2, 3, "k", 1, 2, 3, "k"]');
  });

  it('reports unpacking errors as starlark-go does', () => {
    expect(message(() => exec('a, b = 1\n'))).toBe('got int in sequence assignment');
    expect(message(() => exec('a, b = "ab"\n'))).toBe('got string in sequence assignment');
    expect(message(() => exec('a, b, c = (1, 2)\n'))).toBe(
      'too few values to unpack (got 2, want 3)',
    );
    expect(message(() => exec('a, b = {1: 2, 3: 4, 5: 6}\n'))).toBe(
      'too many values to unpack (got 3, want 2)',
    );
    expect(repr(exec('[a, (b, c)] = [1, {2: 0, 3: 0}]\nr = (a, b, c)\n').get('r') as Value)).toBe(
      '(1, 2, 3)',
    );
  });

  it('reports a global read before its assignment', () => {
    expect(message(() => exec('def f(): return g\nf()\ng = 1\n'))).toBe(
      'global variable g referenced before assignment',
    );
  });

  it('lets closures see later assignments to captured variables', () => {
    const g = exec(
      'def outer():\n    def get(): return v\n    v = 1\n    a = get()\n    v = 2\n    return a, get()\nr = outer()\n',
    );
    expect(repr(g.get('r') as Value)).toBe('(1, 2)');
  });
});

describe('operators and calls', () => {
  it('evaluates a 10,000-term sum without deep JS recursion at run time', () => {
    const g = exec(
      `def f():\n    return ${Array.from({ length: 10000 }, () => '1').join(' + ')}\nx = f()\n`,
    );
    expect(g.get('x')).toBe(10000);
  });

  it('reports each + of a chain at its own operator', () => {
    expect(backtrace('x = "a" + "b" + 1 + 2\n')).toBe(`Traceback (most recent call last):
  test.star:1:15: in <toplevel>
Error: unknown binary op: string + int`);
  });

  it('calls methods of built-in types directly, and reports a missing one before the arguments', () => {
    const g = exec('x = [3]\nx.append(4)\nf = x.append\nf(5)\ny = "a-b".split("-")\n');
    expect(repr(g.get('x') as Value)).toBe('[3, 4, 5]');
    expect(repr(g.get('y') as Value)).toBe('["a", "b"]');
    expect(backtrace('x = [1]\nx.nope(1 // 0)\n')).toBe(`Traceback (most recent call last):
  test.star:2:2: in <toplevel>
Error: list has no .nope field or method`);
    expect(backtrace('x = {}\nx.get()\n')).toBe(`Traceback (most recent call last):
  test.star:2:6: in <toplevel>
Error in get: get: got 0 arguments, want at least 1`);
  });
});

describe('limits', () => {
  it('rejects recursion unless the Recursion option is set', () => {
    const src = 'def f(n): return 0 if n == 0 else f(n - 1)\nr = f(3)\n';
    expect(message(() => exec(src))).toBe('function f called recursively');
    expect(exec(src, { options: { recursion: true } }).get('r')).toBe(0);
  });

  it('turns very deep recursion into "Starlark stack overflow"', () => {
    const src = 'def f(n): return 0 if n == 0 else f(n - 1) + 1\nr = f(100000)\n';
    expect(message(() => exec(src, { options: { recursion: true } }))).toBe(
      'Starlark stack overflow',
    );
    expect(
      message(() => exec(src, { options: { recursion: true }, thread: { maxDepth: 1e9 } })),
    ).toBe('Starlark stack overflow');
  });

  it("stops recursion at the thread's maxDepth, counting every frame", () => {
    const src = 'def f(n): return 0 if n == 0 else f(n - 1) + 1\nr = f(60)\n';
    expect(exec(src, { options: { recursion: true }, thread: { maxDepth: 62 } }).get('r')).toBe(60);
    let depth = -1;
    try {
      exec(src, { options: { recursion: true }, thread: { maxDepth: 50 } });
    } catch (e) {
      if (e instanceof StarEvalError) depth = e.callStack.length;
      expect((e as Error).message).toBe('Starlark stack overflow');
    }
    expect(depth).toBe(51);
  });

  it('cancels a runaway loop after maxSteps', () => {
    const src = 'def f():\n    while True:\n        pass\nf()\n';
    expect(
      message(() => exec(src, { options: { while: true }, thread: { maxSteps: 10000 } })),
    ).toBe('Starlark computation cancelled: too many steps');
  });

  it('counts steps linearly in the work done', () => {
    const thread = new StarThread();
    const steps = (n: number): number => {
      const before = thread.steps;
      execFile(
        thread,
        's.star',
        'squares = [x * x for x in range(n)]\n',
        new Map([['n', n]]),
        DEFAULT_FILE_OPTIONS,
      );
      return thread.steps - before;
    };
    const ratio = steps(100000) / steps(1000);
    expect(ratio).toBeGreaterThan(95);
    expect(ratio).toBeLessThan(101);
  });

  it('stops a thread cancelled by a builtin before its next operation', () => {
    const thread = new StarThread();
    const stop = new Builtin('stop', (t) => {
      (t as StarThread).cancel('"nope"');
      return None;
    });
    expect(
      message(() =>
        execFile(
          thread,
          'c.star',
          'stop()\nx = 1 // 0\n',
          new Map([['stop', stop]]),
          DEFAULT_FILE_OPTIONS,
        ),
      ),
    ).toBe('Starlark computation cancelled: "nope"');
    // Cancellation is sticky until uncancel().
    expect(
      message(() => execFile(thread, 'c.star', 'x = 1\n', new Map(), DEFAULT_FILE_OPTIONS)),
    ).toBe('Starlark computation cancelled: "nope"');
    thread.uncancel();
    expect(execFile(thread, 'c.star', 'x = 1\n', new Map(), DEFAULT_FILE_OPTIONS).get('x')).toBe(1);
  });

  it('keeps dict literal keys unique', () => {
    expect(message(() => exec('d = {1: 2, 1: 3}\n'))).toBe('duplicate key: 1');
    expect(repr(exec('d = {k: 1 for k in [1, 1]}\n').get('d') as Dict)).toBe('{1: 1}');
  });
});
