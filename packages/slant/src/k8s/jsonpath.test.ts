import { describe, expect, test } from 'vitest';
import { findMatches, findStrings, goValue, parseJSONPath, setMatch } from './jsonpath.ts';
import { WEB_WITH_SIDECAR, one } from './testdata.ts';

const find = (path: string, obj: unknown): string[] => findStrings(parseJSONPath(path), obj);

describe('JSONPath', () => {
  test('reads a field path', () => {
    expect(find('{.spec.image}', { spec: { image: 'a' } })).toEqual(['a']);
  });

  test('[*] and [] visit every list element', () => {
    const e = one(WEB_WITH_SIDECAR);
    const all = ['gcr.io/shop/web', 'busybox:1.36'];
    expect(find('{.spec.template.spec.containers[*].image}', e)).toEqual(all);
    expect(find('{.spec.template.spec.containers[].image}', e)).toEqual(all);
  });

  test('indexes and slices lists, negative indexes from the end', () => {
    const obj = { l: ['a', 'b', 'c'] };
    expect(find('{.l[0]}', obj)).toEqual(['a']);
    expect(find('{.l[-1]}', obj)).toEqual(['c']);
    expect(find('{.l[1:]}', obj)).toEqual(['b', 'c']);
    expect(find('{.l[0:2]}', obj)).toEqual(['a', 'b']);
  });

  test('quoted bracket fields, wildcards and recursive descent', () => {
    expect(find("{.a['x.y']}", { a: { 'x.y': 'v' } })).toEqual(['v']);
    expect(find('{.a.*}', { a: { x: '1', y: '2' } })).toEqual(['1', '2']);
    expect(find('{..image}', { a: { image: 'i1', b: [{ image: 'i2' }] } })).toEqual(['i1', 'i2']);
  });

  test('an empty list yields no matches, not an error', () => {
    expect(find('{.l[*].image}', { l: [] })).toEqual([]);
  });

  test('a missing field is an error naming the path', () => {
    expect(() => find('{.spec.image}', { spec: {} })).toThrow(
      new Error('Matching (json_path="{.spec.image}"): image is not found'),
    );
  });

  test('indexing a non-list and out-of-range indexes are errors', () => {
    expect(() => find('{.a[0]}', { a: { b: 1 } })).toThrow(
      new Error('Matching (json_path="{.a[0]}"): map[string]interface {} is not array or slice'),
    );
    expect(() => find('{.a[3]}', { a: ['x'] })).toThrow(
      new Error('Matching (json_path="{.a[3]}"): array index out of bounds: index 3, length 1'),
    );
  });

  test('only strings may match', () => {
    expect(() => find('{.a}', { a: { b: 1 } })).toThrow(
      new Error(
        'May only match strings (json_path="{.a}")\nGot Type: map[string]interface {}\nGot Value: map[b:%!s(int64=1)]',
      ),
    );
  });

  test('matches can be replaced in place', () => {
    const obj = { spec: { images: ['a', 'b'], main: { image: 'c' } } };
    for (const m of findMatches(parseJSONPath('{.spec.images[1]}'), obj)) setMatch(m, 'B');
    for (const m of findMatches(parseJSONPath('{.spec.main.image}'), obj)) setMatch(m, 'C');
    expect(obj).toEqual({ spec: { images: ['a', 'B'], main: { image: 'C' } } });
  });

  test('malformed paths are rejected', () => {
    expect(() => parseJSONPath('{.a')).toThrow(new Error('unclosed action'));
    expect(() => parseJSONPath('{.a[0 }')).toThrow(new Error('unterminated array'));
    expect(() => parseJSONPath('{.a[x]}')).toThrow(new Error('array index x is not a number'));
    expect(() => parseJSONPath('.spec.image')).toThrow(
      new Error(
        'unsupported JSONPath ".spec.image": expected a path in braces, like {.spec.image}',
      ),
    );
  });

  test('goValue prints like Go %s', () => {
    expect(goValue(['a', true, null])).toBe('[a %!s(bool=true) %!s(<nil>)]');
  });
});

describe('identifiers', () => {
  test('parse, and fail when evaluated, as in Kubernetes', () => {
    const jp = parseJSONPath('{foobar()}');
    expect(() => findMatches(jp, {})).toThrow(
      'Matching (json_path="{foobar()}"): unrecognized identifier foobar()',
    );
  });
});
