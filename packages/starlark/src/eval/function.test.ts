import { describe, expect, it } from 'vitest';
import type { Value } from '../values/index.ts';
import { repr } from '../values/index.ts';
import { StarlarkFunction } from './function.ts';
import { exec } from './test-util.ts';

const src = `
def req(a, b): pass
def opts(a="x", b=None): pass
def mixed(a, b, c="c"): pass
def var(a, b="b", *rest): pass
def kwo(a, b="b", *rest, c="c", d): pass
def bare(a, *, c="c", d): pass
def kw(a, b="b", **more): pass
def every(a, b="b", *rest, c="c", d, e="e", **more):
    """Documented."""
sq = lambda x: x * x
`;

function fn(name: string): StarlarkFunction {
  const f = exec(src).get(name);
  if (!(f instanceof StarlarkFunction)) throw new Error(`${name} is not a function`);
  return f;
}

function defaults(name: string): string[] {
  const f = fn(name);
  const out: string[] = [];
  for (let i = 0; i < f.numParams; i++) {
    const d = f.paramDefault(i);
    out.push(d === undefined ? '-' : repr(d));
  }
  return out;
}

describe('StarlarkFunction introspection', () => {
  it('paramDefault gives each parameter default, undefined for required, *args and **kwargs', () => {
    expect(defaults('req')).toEqual(['-', '-']);
    expect(defaults('opts')).toEqual(['"x"', 'None']);
    expect(defaults('mixed')).toEqual(['-', '-', '"c"']);
    expect(defaults('var')).toEqual(['-', '"b"', '-']);
    expect(defaults('kwo')).toEqual(['-', '"b"', '"c"', '-', '-']);
    expect(defaults('bare')).toEqual(['-', '"c"', '-']);
    expect(defaults('kw')).toEqual(['-', '"b"', '-']);
    expect(defaults('every')).toEqual(['-', '"b"', '"c"', '-', '"e"', '-', '-']);
  });

  it('reports name, position, parameters, doc and repr', () => {
    const every = fn('every');
    expect(every.name).toBe('every');
    expect(every.position).toEqual({ file: 'test.star', line: 9, col: 1 });
    expect(every.numParams).toBe(7);
    expect(every.numKwonlyParams).toBe(3);
    expect(every.hasVarargs && every.hasKwargs).toBe(true);
    expect(every.param(5).name).toBe('rest');
    expect(every.doc).toBe('Documented.');
    const sq = fn('sq');
    expect(sq.name).toBe('lambda');
    expect(repr(sq as Value)).toBe('<function lambda>');
    expect(sq.type).toBe('function');
  });

  it('freezes its defaults and captured variables, even when it captures itself', () => {
    const g = exec(`
def make():
    seen = []
    def rec(n, acc=[]):
        seen.append(n)
        return rec
    return rec
f = make()
`);
    const f = g.get('f') as StarlarkFunction;
    expect(() => f.freeze()).not.toThrow();
    expect(repr(f.defaults[0] as Value)).toBe('[]');
  });
});
