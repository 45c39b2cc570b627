import { describe, expect, it } from 'vitest';
import { evalIn } from './test-util.ts';

const defs = `
def none():
    pass
def two(x, y):
    return x, y
def opt(x, y=7):
    return x, y
def star(*rest):
    return rest
def kw(**named):
    return named
def all(p, q=1, *rest, **named):
    return p, q, rest, named
def kwonly(p, q=1, *, r, s=2, t, **named):
    return p, q, r, s, t, named
def both(p, *rest, r, s=2):
    return p, rest, r, s
`;

const cases: Array<[string, string]> = [
  ['none()', 'None'],
  ['none(1)', 'function none accepts no arguments (1 given)'],
  ['none(a=1)', 'function none accepts no arguments (1 given)'],
  ['two()', 'function two missing 2 arguments (x, y)'],
  ['two(1)', 'function two missing 1 argument (y)'],
  ['two(y=1)', 'function two missing 1 argument (x)'],
  ['two(1, 2)', '(1, 2)'],
  ['two(1, 2, 3)', 'function two accepts 2 positional arguments (3 given)'],
  ['two(1, y=2)', '(1, 2)'],
  ['two(1, x=2)', 'function two got multiple values for parameter "x"'],
  ['two(1, z=2)', 'function two got an unexpected keyword argument "z"'],
  ['two(y=1, x=2)', '(2, 1)'],
  ['two(z=1, y=1, x=2)', 'function two got an unexpected keyword argument "z"'],
  ['opt()', 'function opt missing 1 argument (x)'],
  ['opt(1)', '(1, 7)'],
  ['opt(1, 2, 3)', 'function opt accepts at most 2 positional arguments (3 given)'],
  ['opt(1, x=2)', 'function opt got multiple values for parameter "x"'],
  ['star()', '()'],
  ['star(1, 2)', '(1, 2)'],
  ['star(rest=[])', 'function star got an unexpected keyword argument "rest"'],
  ['kw(1)', 'function kw accepts 0 positional arguments (1 given)'],
  ['kw(a=1)', '{"a": 1}'],
  ['kw(named=2)', '{"named": 2}'],
  ['kw(**{"a b": 1})', '{"a b": 1}'],
  ['all(0)', '(0, 1, (), {})'],
  ['all(0, 1, 2, 3)', '(0, 1, (2, 3), {})'],
  ['all(0, z=1)', '(0, 1, (), {"z": 1})'],
  ['all(0, p=1)', 'function all got multiple values for parameter "p"'],
  ['all(0, *[1, 2], **{"z": 3})', '(0, 1, (2,), {"z": 3})'],
  ['all(0, z=1, **{"z": 2})', 'function all got multiple values for parameter "z"'],
  ['kwonly(0)', 'function kwonly missing 2 arguments (r, t)'],
  ['kwonly(0, r=1)', 'function kwonly missing 1 argument (t)'],
  ['kwonly(0, r=1, t=3)', '(0, 1, 1, 2, 3, {})'],
  ['kwonly(0, 1, 2, r=1, t=3)', 'function kwonly accepts at most 2 positional arguments (3 given)'],
  ['kwonly(r=1, t=3)', 'function kwonly missing 1 argument (p)'],
  ['both(0, 1, 2, r=3)', '(0, (1, 2), 3, 2)'],
  ['both(0)', 'function both missing 1 argument (r)'],
  ['both(0, 1, 2)', 'function both missing 1 argument (r)'],
];

describe('Starlark function argument binding', () => {
  for (const [call, want] of cases) {
    it(`${call} gives ${want}`, () => {
      expect(evalIn(defs, call)).toBe(want);
    });
  }

  it('rejects *args that are not iterable and ** that is not a mapping', () => {
    expect(evalIn(defs, 'star(*1)')).toBe('argument after * must be iterable, not int');
    expect(evalIn(defs, 'kw(**[])')).toBe('argument after ** must be a mapping, not list');
    expect(evalIn(defs, 'kw(**{1: 2})')).toBe('keywords must be strings, not int');
  });

  it('rejects calls of values that are not functions', () => {
    expect(evalIn(defs, '(1)()')).toBe('invalid call of non-function (int)');
  });
});
