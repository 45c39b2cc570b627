import { describe, expect, test } from 'vitest';
import { UserError } from '../errors.ts';
import { parseCustomColumns, customColumnRows, sortObjects } from './custom-columns.ts';
import { parseJsonPath } from './jsonpath.ts';
import { executeJsonPath } from './jsonpath-eval.ts';
import { configMap } from '../store/testing.ts';

const LIST = {
  kind: 'List',
  items: [
    {
      metadata: { name: 'api', labels: { app: 'web', tier: 'back' } },
      status: { updateStatus: 'ok', restarts: 2, ready: true },
      spec: { args: ['a', 'b<c'] },
    },
    {
      metadata: { name: 'db', labels: { app: 'data' } },
      status: { updateStatus: 'error', restarts: 0, ready: false },
      spec: { args: [] },
    },
  ],
};

const run = (template: string, data: unknown = LIST) =>
  executeJsonPath(parseJsonPath(template), data);

describe('JSONPath templates as kubectl runs them', () => {
  test('fields, text around actions, and every item of a list', () => {
    expect(run('{.kind}')).toBe('List');
    expect(run('names: {.items[*].metadata.name}!')).toBe('names: api db!');
    expect(run("{['items'][0]['metadata']['name']}")).toBe('api');
  });

  test('indexes, negative indexes, slices and unions', () => {
    expect(run('{.items[-1].metadata.name}')).toBe('db');
    expect(run('{.items[0:1].metadata.name}')).toBe('api');
    expect(run('{.items[1,0].metadata.name}')).toBe('db api');
    expect(run('{.items[5].metadata.name}')).toBe('');
  });

  test('range … end with string literals', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.status.updateStatus}{"\\n"}{end}')).toBe(
      'api\tok\ndb\terror\n',
    );
    expect(run('{range .items[*]}[{range .spec.args[*]}{@} {end}]{end}')).toBe('[a b<c ][]');
  });

  test('filters compare strings, numbers and booleans, or test that a path exists', () => {
    expect(run('{.items[?(@.status.updateStatus=="error")].metadata.name}')).toBe('db');
    expect(run('{.items[?(@.status.restarts > 1)].metadata.name}')).toBe('api');
    expect(run('{.items[?(@.status.ready == true)].metadata.name}')).toBe('api');
    expect(run('{.items[?(@.metadata.labels.tier)].metadata.name}')).toBe('api');
  });

  test('recursive descent and wildcards over maps', () => {
    expect(run('{..name}')).toBe('api db');
    expect(run('{.items[0].metadata.labels.*}')).toBe('web back');
  });

  test('maps and lists print as compact JSON with sorted keys and Go escapes; scalars bare', () => {
    expect(run('{.items[0].metadata.labels}')).toBe('{"app":"web","tier":"back"}');
    expect(run('{.items[0].spec.args}')).toBe('["a","b\\u003cc"]');
    expect(run('{.items[0].status.restarts} {.items[1].status.ready}')).toBe('2 false');
  });

  test('a missing key prints nothing (kubectl get allows missing keys)', () => {
    expect(run('<{.items[0].nope.deeper}>')).toBe('<>');
  });

  test('malformed templates are errors that quote the template', () => {
    expect(() => parseJsonPath('{.items[0')).toThrow(UserError);
    expect(() => parseJsonPath('{.a')).toThrow(
      'error: error parsing jsonpath "{.a", unclosed action',
    );
    expect(() => parseJsonPath('{range .items[*]}{.a}')).toThrow(
      'error: error parsing jsonpath "{range .items[*]}{.a}", unclosed range',
    );
    expect(() => parseJsonPath('{end}')).toThrow('not in range, nothing to end');
    expect(() => parseJsonPath('{.items[x]}')).toThrow('invalid array index x');
  });
});

describe('custom columns and --sort-by', () => {
  const objs = [
    configMap('b', { k: '2' }, { labels: { app: 'web' } }),
    configMap('a', { k: '10' }),
  ];

  test('columns from relaxed paths; no value is <none>', () => {
    const cols = parseCustomColumns('NAME:metadata.name,APP:{.metadata.labels.app},K:.data.k');
    expect(customColumnRows(objs, cols, true)).toEqual([
      ['NAME', 'APP', 'K'],
      ['b', 'web', '2'],
      ['a', '<none>', '10'],
    ]);
    expect(() => parseCustomColumns('NAME')).toThrow(
      'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>',
    );
  });

  test('sorts by the value found, as strings or numbers', () => {
    expect(sortObjects(objs, '.metadata.name').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(sortObjects(objs, '{.data.k}').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(sortObjects(objs, 'metadata.labels.app').map((o) => o.metadata.name)).toEqual([
      'a',
      'b',
    ]);
  });
});
