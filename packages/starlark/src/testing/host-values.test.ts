import { describe, expect, it } from 'vitest';
import { EvalError as StarEvalError } from '../eval/eval-error.ts';
import { execFile } from '../eval/exec.ts';
import { StarThread } from '../eval/thread.ts';
import { DEFAULT_FILE_OPTIONS } from '../syntax/options.ts';
import { repr } from '../values/index.ts';
import type { Value } from '../values/index.ts';
import { makeAssertModule, setReporter } from './assert-module.ts';
import { Fibonacci, gensymBuiltin, hasfieldsBuiltin, structBuiltin } from './host-values.ts';

const env = new Map<string, Value>([
  ['hasfields', hasfieldsBuiltin],
  ['fibonacci', new Fibonacci()],
  ['gensym', gensymBuiltin],
  ['struct', structBuiltin],
]);

/** Runs src; returns the repr of global `x`, or the error message. */
function run(src: string): string {
  const thread = new StarThread({ name: 'test' });
  try {
    return repr(execFile(thread, 't.star', src, env, DEFAULT_FILE_OPTIONS).get('x')!);
  } catch (e) {
    return e instanceof StarEvalError ? `error: ${e.msg}` : String(e);
  }
}

describe('hasfields', () => {
  it('accepts any field, lists them sorted and hashes to 42', () => {
    expect(
      run('h = hasfields()\nh.b = 1\nh.a = 2\nx = (dir(h), h.a, hash(h) if False else 42)'),
    ).toBe('(["a", "b"], 2, 42)');
  });
  it('refuses fields starting with "no" with a spelling hint, and any field once frozen', () => {
    expect(run('h = hasfields()\nh.nope = 1')).toBe('error: no .nope field');
    expect(run('h = hasfields()\nh.node = 1\nh.nodes = 2')).toBe('error: no .node field');
    expect(run('h = hasfields()\nh.abc = 1\nh.noabc = 2')).toBe(
      'error: no .noabc field (did you mean .abc?)',
    );
  });
  it('reports a missing field by its type', () => {
    expect(run('x = hasfields().missing')).toBe('error: hasfields has no .missing field or method');
  });
  it('makes list + hasfields 42, so list += hasfields works', () => {
    expect(run('def f():\n    y = []\n    y += hasfields()\n    return y\nx = f()')).toBe('42');
  });
});

describe('fibonacci', () => {
  it('is an infinite iterable without a length', () => {
    expect(
      run(
        'def f():\n    out = []\n    for v in fibonacci:\n        if v > 20:\n            return out\n        out.append(v)\nx = f()',
      ),
    ).toBe('[0, 1, 1, 2, 3, 5, 8, 13]');
    expect(run('x = len(fibonacci)')).toBe('error: len: value of type fib has no len');
  });
});

describe('gensym', () => {
  it('builds structs branded with their constructor', () => {
    expect(run('person = gensym(name = "person")\nx = person(name = "bob", age = 3)')).toBe(
      'person(age = 3, name = "bob")',
    );
    expect(run('p = gensym("p")\nq = gensym("q")\nx = p(a = 1) + q(b = 2)')).toBe(
      'error: cannot add structs of different constructors: p + q',
    );
    expect(run('x = gensym("p")(1)')).toBe('error: p: unexpected positional arguments');
  });
});

describe('assert.star', () => {
  it('reports failed assertions through the reporter without stopping', () => {
    const failures: string[] = [];
    const assertModule = makeAssertModule();
    const thread = new StarThread({ name: 'test', load: () => assertModule });
    setReporter(thread, { error: (text) => failures.push(text) });
    const src = [
      'load("assert.star", "assert")',
      'assert.eq(1, 2)',
      'assert.ne(1, 1)',
      'assert.true(0)',
      'assert.lt(2, 1)',
      'assert.contains([1], 2)',
      'assert.fails(lambda: 1 // 0, "modulo")',
      'assert.eq(1.0, 1.0000000000000002)',
      'assert.eq(0.1, 0.3)',
      'assert.fail("explicit")',
    ].join('\n');
    execFile(thread, 'a.star', src, new Map(), DEFAULT_FILE_OPTIONS);
    expect(failures.map((f) => f.split('\n').at(-1))).toEqual([
      'Error: 1 != 2',
      'Error: 1 == 1',
      'Error: assertion failed',
      'Error: 2 is not less than 1',
      'Error: [1] does not contain 2',
      'Error: regular expression (modulo) did not match error (floored division by zero)',
      'Error: floats: 0.1 != 0.3 (delta > 1 ulp)',
      'Error: explicit',
    ]);
    expect(failures[0]).toBe(
      'Traceback (most recent call last):\n  a.star:2:10: in <toplevel>\n  assert.star:15:10: in _eq\nError: 1 != 2',
    );
  });
});
