import { Dict, List, None, StarlarkError, Tuple } from '@slant/starlark';
import { describe, expect, it } from 'vitest';
import {
  discoveryStrategyConv,
  goTypeName,
  labelsConv,
  nameConv,
  podReadinessConv,
  podSelectorsFromValue,
  sequenceConv,
  stringsFromSequence,
  valueOrSequenceToSlice,
} from './k8s-args.ts';

function dict(entries: Array<[string | number, string | number]>): Dict {
  const d = new Dict();
  for (const [k, v] of entries) d.set(k, v);
  return d;
}

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StarlarkError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('k8s builtin argument converters', () => {
  it('goTypeName names starlark-go types as Go prints them', () => {
    expect(goTypeName(1)).toBe('starlark.Int');
    expect(goTypeName(new List([]))).toBe('*starlark.List');
    expect(goTypeName(new Dict())).toBe('*starlark.Dict');
    expect(goTypeName(None)).toBe('starlark.NoneType');
  });

  it('valueOrSequenceToSlice: None is empty, sequences spread, other values wrap', () => {
    expect(valueOrSequenceToSlice(None)).toEqual([]);
    expect(valueOrSequenceToSlice(new Tuple(['a', 'b']))).toEqual(['a', 'b']);
    expect(valueOrSequenceToSlice('a')).toEqual(['a']);
  });

  it('stringsFromSequence rejects non-strings with Tilt text', () => {
    expect(stringsFromSequence(new List(['a']))).toEqual(['a']);
    expect(message(() => stringsFromSequence(new List([1])))).toBe(
      "'1' is a starlark.Int, not a string",
    );
  });

  it('nameConv accepts path segments only', () => {
    expect(nameConv('foo')).toBe('foo');
    expect(message(() => nameConv('a/b'))).toBe(`invalid value "a/b": may not contain '/'`);
    expect(message(() => nameConv('..'))).toBe(`invalid value "..": may not be '..'`);
    expect(message(() => nameConv(1))).toBe(
      'Value should be convertible to string, but is type int',
    );
  });

  it('podReadinessConv accepts ignore/wait/succeeded/empty', () => {
    expect(podReadinessConv('ignore')).toBe('ignore');
    expect(podReadinessConv('')).toBe('');
    expect(message(() => podReadinessConv('foo'))).toBe(
      'Invalid value. Allowed: {ignore, wait}. Got: foo',
    );
    expect(message(() => podReadinessConv(1))).toBe('Must be a string. Got: int');
  });

  it('discoveryStrategyConv accepts default and selectors-only', () => {
    expect(discoveryStrategyConv('selectors-only')).toBe('selectors-only');
    expect(message(() => discoveryStrategyConv('foo'))).toBe(
      'Invalid. Must be one of: "default", "selectors-only"',
    );
  });

  it('labelsConv makes label: label maps and validates like Kubernetes', () => {
    expect(labelsConv('frontend')).toEqual({ frontend: 'frontend' });
    expect(labelsConv(new List(['a', 'b']))).toEqual({ a: 'a', b: 'b' });
    expect(message(() => labelsConv('a/b'))).toContain(
      'Invalid label "a/b": a valid label must be',
    );
    expect(message(() => labelsConv('-bad'))).toBe(
      `Invalid label "-bad": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
    expect(message(() => labelsConv('x'.repeat(64)))).toBe(
      `Invalid label "${'x'.repeat(64)}": name part must be no more than 63 bytes`,
    );
    expect(message(() => labelsConv(1))).toBe(
      'value should be a label or List or Tuple of labels, but is of type int',
    );
  });

  it('podSelectorsFromValue takes a dict or a list of dicts of strings', () => {
    expect(podSelectorsFromValue(dict([['app', 'web']]))).toEqual([{ app: 'web' }]);
    expect(podSelectorsFromValue(new List([dict([['a', 'b']]), new Dict()]))).toEqual([{ a: 'b' }]);
    expect(message(() => podSelectorsFromValue('x'))).toBe(
      'pod labels must be a dict or a list; got starlark.String',
    );
    expect(message(() => podSelectorsFromValue(new List(['x'])))).toBe(
      'pod labels elements must be dicts; got starlark.String',
    );
    expect(message(() => podSelectorsFromValue(dict([[1, 'b']])))).toBe(
      "pod label keys must be strings; got '1' of type starlark.Int",
    );
    expect(message(() => podSelectorsFromValue(dict([['a', 2]])))).toBe(
      "pod label values must be strings; got '2' of type starlark.Int",
    );
  });
});

describe('sequences', () => {
  it('dicts and ranges are sequences (their keys / items), strings are not', async () => {
    const { Range } = await import('@slant/starlark');
    const d = new Dict();
    d.set('a', 1);
    expect(valueOrSequenceToSlice(d)).toEqual(['a']);
    expect(stringsFromSequence(d)).toEqual(['a']);
    expect(valueOrSequenceToSlice(new Range(0, 2, 1))).toEqual([0, 1]);
    expect(valueOrSequenceToSlice('ab')).toEqual(['ab']);
  });
});

describe('sequenceConv', () => {
  it('names the Go interface type, as starlark-go does', () => {
    expect(message(() => sequenceConv('x'))).toBe('got string, want starlark.Sequence');
  });
});
