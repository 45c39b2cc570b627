import { describe, expect, it } from 'vitest';
import { StarlarkError } from '../errors.ts';
import { None } from '../values/primitives.ts';
import { sortValues } from './sort.ts';
import { P, unpackArgs, unpackObject, unpackPositional } from './unpack.ts';

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StarlarkError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

describe('unpackArgs', () => {
  it('binds positional and keyword arguments, leaving absent optionals undefined', () => {
    expect(
      unpackArgs('f', ['a'], [['n', 2]], ['s', P.string], ['n?', P.int], ['x?', P.value]),
    ).toEqual(['a', 2, undefined]);
    expect(unpackArgs('f', [None], null, ['x??', P.string])).toEqual([undefined]);
  });

  it('reports errors with starlark-go texts', () => {
    expect(err(() => unpackArgs('f', [], null, ['s', P.string]))).toBe('f: missing argument for s');
    expect(err(() => unpackArgs('f', [1, 2], null, ['s', P.value]))).toBe(
      'f: got 2 arguments, want at most 1',
    );
    expect(err(() => unpackArgs('f', [1], null, ['s', P.string]))).toBe(
      'f: for parameter s: got int, want string',
    );
    expect(err(() => unpackArgs('f', [], [['s', 1]], ['s', P.string]))).toBe(
      'f: for parameter "s": got int, want string',
    );
    expect(err(() => unpackArgs('f', ['a'], [['s', 'b']], ['s', P.string]))).toBe(
      'f: got multiple values for keyword argument "s"',
    );
    expect(err(() => unpackArgs('f', [], [['nme', 1]], ['name?', P.value]))).toBe(
      'f: unexpected keyword argument "nme" (did you mean name?)',
    );
  });

  it('unpacks an object spec for host builtins', () => {
    expect(unpackObject('f', ['x'], [['port', 8]], { name: P.string, 'port?': P.int })).toEqual({
      name: 'x',
      port: 8,
    });
  });

  it('checks positional counts', () => {
    expect(err(() => unpackPositional('g', [], null, 1, P.value, P.value))).toBe(
      'g: got 0 arguments, want at least 1',
    );
    expect(err(() => unpackPositional('g', [1], [['k', 1]], 1, P.value))).toBe(
      'g: unexpected keyword arguments',
    );
  });
});

describe('sortValues', () => {
  it('is stable, also in reverse', () => {
    const values = ['b1', 'a1', 'b2', 'a2'];
    const keys = ['b', 'a', 'b', 'a'];
    sortValues(values, keys, false);
    expect(values).toEqual(['a1', 'a2', 'b1', 'b2']);
    sortValues(values, [...values.map((v) => v[0]!)], true);
    expect(values).toEqual(['b1', 'b2', 'a1', 'a2']);
  });

  it('reports the last failing comparison, as Go does', () => {
    expect(err(() => sortValues([1, 2, None, 3], null, false))).toBe(
      'int < NoneType not implemented',
    );
  });
});
