import { describe, expect, it } from 'vitest';
import type { Value } from '../values/index.ts';
import { Bytes, Dict, decodeUtf8, Float, List, None, repr, Tuple } from '../values/index.ts';
import { fromJS, toJS } from './convert.ts';
import { exec } from './test-util.ts';

describe('toJS', () => {
  it('converts Starlark data to plain JS, decoding strings from UTF-8', () => {
    const v = exec(
      'x = {"name": "h\\u00e9llo", "n": [1, 2.5, None, True, (3,)], "b": b"\\x01"}\n',
    ).get('x') as Value;
    expect(toJS(v)).toEqual({
      name: 'héllo',
      n: [1, 2.5, null, true, [3]],
      b: Uint8Array.from([1]),
    });
    expect(toJS(v, { dicts: 'map' })).toBeInstanceOf(Map);
    expect(toJS(2n ** 64n)).toBe(2n ** 64n);
  });

  it('rejects non-string keys when making objects', () => {
    const d = new Dict();
    d.set(1, 2);
    expect(() => toJS(d)).toThrow('toJS: dict key 1 is not a string');
  });
});

describe('fromJS', () => {
  it('converts plain JS data to Starlark values, encoding strings as UTF-8', () => {
    const v = fromJS({ a: [1, 1.5, null, 'é'], m: new Map([[1, true]]), b: new Uint8Array([255]) });
    expect(decodeUtf8(repr(v))).toBe('{"a": [1, 1.5, None, "é"], "m": {1: True}, "b": b"\\xff"}');
    expect(fromJS(undefined)).toBe(None);
    expect(fromJS(2 ** 60)).toBeInstanceOf(Float);
    expect(fromJS(5n)).toBe(5);
    expect(fromJS(-0)).toBe(0);
    expect(Object.is(fromJS(-0), 0)).toBe(true);
    const list = new List([1]);
    expect(fromJS(list)).toBe(list);
    expect(repr(fromJS([new Tuple([]), new Bytes('')]))).toBe('[(), b""]');
  });
});
