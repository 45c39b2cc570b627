import { describe, expect, it } from 'vitest';
import { StarlarkError } from '../errors.ts';
import { getIndex, iterate, setIndex, slice } from './access.ts';
import { compare, equals } from './compare.ts';
import { Dict } from './dict.ts';
import { List, Tuple } from './list.ts';
import type { Value } from './object.ts';
import { binary, unary } from './ops.ts';
import { Float, None } from './primitives.ts';
import { repr } from './repr.ts';

const MAX = Number.MAX_SAFE_INTEGER;

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StarlarkError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

describe('int arithmetic', () => {
  it('moves to bigint past 2^53 - 1 and back', () => {
    expect(binary('+', MAX, 1)).toBe(BigInt(MAX) + 1n);
    expect(binary('-', BigInt(MAX) + 1n, 1)).toBe(MAX);
    expect(binary('*', 2 ** 30, 2 ** 30)).toBe(2 ** 60 > MAX ? 2n ** 60n : 2 ** 60);
    expect(unary('-', -MAX)).toBe(MAX);
  });

  it('floors // and % toward negative infinity, never giving -0', () => {
    expect(binary('//', -7, 2)).toBe(-4);
    expect(binary('%', -7, 2)).toBe(1);
    expect(binary('%', 7, -2)).toBe(-1);
    expect(Object.is(binary('*', 0, -5), 0)).toBe(true);
    expect(binary('//', MAX - 1, MAX)).toBe(0);
    expect(binary('//', -(2n ** 70n), 3)).toBe(-393530540239137101142n);
  });

  it('reports division errors and shift limits', () => {
    expect(err(() => binary('//', 1, 0))).toBe('floored division by zero');
    expect(err(() => binary('%', 1, 0))).toBe('integer modulo by zero');
    expect(err(() => binary('/', 1, 0))).toBe('floating-point division by zero');
    expect(err(() => binary('<<', 1, 512))).toBe('shift count too large: 512');
    expect(err(() => binary('>>', 1, -1))).toBe('negative shift count: -1');
    expect(binary('<<', 1, 100)).toBe(2n ** 100n);
    expect(binary('>>', -(2n ** 100n), 99)).toBe(-2);
  });

  it('compares ints and floats exactly', () => {
    expect(equals(2 ** 53 + 1 > MAX ? 2n ** 53n + 1n : 0, new Float(2 ** 53))).toBe(false);
    expect(equals(3, new Float(3))).toBe(true);
    expect(compare('<', 2n ** 60n, new Float(2 ** 61))).toBe(true);
  });
});

describe('comparison', () => {
  it('fails on cycles instead of using identity', () => {
    const l = new List([]);
    l.elems.push(l);
    expect(err(() => equals(l, l))).toBe('comparison exceeded maximum recursion depth');
  });

  it('reports unordered types', () => {
    expect(err(() => compare('<', 1, 'a'))).toBe('int < string not implemented');
    expect(err(() => compare('<', None, None))).toBe('NoneType < NoneType not implemented');
  });
});

describe('containers', () => {
  it('locks lists during iteration and after freezing', () => {
    const l = new List([1, 2]);
    const it = iterate(l);
    expect(err(() => l.append(3))).toBe('cannot append to list during iteration');
    it.done();
    l.append(3);
    l.freeze();
    expect(err(() => setIndex(l, 0, 9))).toBe('cannot assign to element of frozen list');
  });

  it('keeps dict insertion order and finds int keys by equal floats', () => {
    const d = new Dict();
    d.set('b', 1);
    d.set(new Tuple([1, 'x']), 2);
    d.set(2, 3);
    expect(getIndex(d, new Float(2))).toBe(3);
    expect(getIndex(d, new Tuple([1, 'x']))).toBe(2);
    expect(repr(d)).toBe('{"b": 1, (1, "x"): 2, 2: 3}');
    expect(err(() => d.set(new List([]), 1))).toBe('unhashable type: list');
    d.freeze();
    expect(err(() => d.set('c', 1))).toBe('cannot insert into frozen hash table');
  });

  it('freezes deeply through every container, cycles included, and a deep chain without recursion', () => {
    const inner = new List([1]);
    const d = new Dict();
    d.set('inner', inner);
    const outer = new List([new Tuple([d]), new List([])]);
    outer.elems.push(outer);
    outer.freeze();
    expect(err(() => inner.append(2))).toBe('cannot append to frozen list');
    expect(err(() => d.set('k', 1))).toBe('cannot insert into frozen hash table');
    // 100,000 nested lists: a recursive freeze would overflow the stack.
    let deep = new List([]);
    const bottom = deep;
    for (let i = 0; i < 100_000; i++) deep = new List([deep]);
    deep.freeze();
    expect(err(() => bottom.append(1))).toBe('cannot append to frozen list');
  });

  it('prints cycles as [...] and {...}', () => {
    const l = new List([1]);
    l.elems.push(l);
    const d = new Dict();
    d.set('k', d);
    expect(repr(l)).toBe('[1, [...]]');
    expect(repr(d)).toBe('{"k": {...}}');
  });

  it('indexes and slices with starlark-go texts', () => {
    const t = new Tuple([1, 2, 3]);
    expect(err(() => getIndex(t, 3))).toBe('tuple index 3 out of range [-3:2]');
    expect(err(() => getIndex(new List([]), 0))).toBe('index 0 out of range: empty list');
    expect(err(() => getIndex('abc', 'x'))).toBe('string index: got string, want int');
    expect(repr(slice(t, None, None, -1) as Value)).toBe('(3, 2, 1)');
    expect(slice('hello', 1, None, 2)).toBe('el');
    expect(err(() => slice(t, None, None, 0))).toBe('zero is not a valid slice step');
  });
});

describe('hashing', () => {
  it('finds tuple keys holding ints by equal floats, also past 2^32 and 2^53', () => {
    const d = new Dict();
    d.set(new Tuple([2 ** 40, 2n ** 60n]), 'x');
    expect(getIndex(d, new Tuple([new Float(2 ** 40), new Float(2 ** 60)]))).toBe('x');
  });
});
