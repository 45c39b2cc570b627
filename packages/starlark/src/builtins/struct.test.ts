import { describe, expect, it } from 'vitest';
import { StarlarkError } from '../errors.ts';
import { binary } from '../values/ops.ts';
import { repr } from '../values/repr.ts';
import { Struct } from '../values/struct.ts';
import type { Thread } from '../values/thread.ts';
import { getAttr } from './attr.ts';
import { makeModuleBuiltin, makeStructBuiltin } from './struct.ts';

const thread = {} as Thread;

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StarlarkError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

describe('struct', () => {
  it('sorts fields, prints them with repr and merges with + (right wins)', () => {
    const s = makeStructBuiltin().call(
      thread,
      [],
      [
        ['b', 'x'],
        ['a', 1],
      ],
    );
    expect(repr(s)).toBe('struct(a = 1, b = "x")');
    const t = new Struct([['b', 2]]);
    expect(repr(binary('+', s, t))).toBe('struct(a = 1, b = 2)');
    expect(err(() => binary('+', s, new Struct([], 'point')))).toBe(
      'cannot add structs of different constructors: struct + point',
    );
  });

  it('reports missing fields with a spelling hint', () => {
    const s = new Struct([['name', 1]]);
    expect(err(() => getAttr(s, 'nmae'))).toBe('struct has no .nmae attribute');
    expect(err(() => getAttr(s, 'nam'))).toBe('struct has no .nam attribute (did you mean .name?)');
    expect(err(() => makeStructBuiltin().call(thread, [1], null))).toBe(
      'struct: unexpected positional arguments',
    );
  });

  it('makes modules with read-only members', () => {
    const m = makeModuleBuiltin().call(thread, ['m'], [['x', 1]]);
    expect(repr(m)).toBe('<module "m">');
    expect(getAttr(m, 'x')).toBe(1);
    expect(err(() => getAttr(m, 'y'))).toBe('module has no .y field or method');
  });
});
