import { describe, expect, test } from 'vitest';
import { applyJsonPatch } from './json-patch.ts';

const DOC = { spec: { args: ['sleep', '1'], env: { A: '1' } }, metadata: { name: 'x' } };

describe('JSON patch (RFC 6902)', () => {
  test('add, remove, replace, move, copy on maps and lists; "-" appends', () => {
    const out = applyJsonPatch(DOC, [
      { op: 'add', path: '/spec/args/-', value: '--verbose' },
      { op: 'add', path: '/spec/args/0', value: 'exec' },
      { op: 'replace', path: '/spec/env/A', value: '2' },
      { op: 'copy', from: '/spec/env/A', path: '/spec/env/B' },
      { op: 'move', from: '/spec/env/A', path: '/spec/env/C' },
      { op: 'remove', path: '/spec/args/2' },
      { op: 'add', path: '/metadata/labels', value: { 'a/b': 'c' } },
      { op: 'test', path: '/metadata/labels/a~1b', value: 'c' },
    ]);
    expect(out).toEqual({
      spec: { args: ['exec', 'sleep', '--verbose'], env: { B: '2', C: '2' } },
      metadata: { name: 'x', labels: { 'a/b': 'c' } },
    });
    expect(DOC.spec.args).toEqual(['sleep', '1']); // the input is not changed
  });

  test('a failed operation is 422 Invalid and says what failed', () => {
    const fails = (ops: unknown) => {
      try {
        applyJsonPatch(DOC, ops);
      } catch (err) {
        const e = err as { code: number; reason: string; message: string };
        return [e.code, e.reason, e.message];
      }
      return undefined;
    };
    const rejected = 'the server rejected our request due to an error in our request';
    expect(fails([{ op: 'remove', path: '/spec/nope' }])).toEqual([
      422,
      'Invalid',
      `${rejected}: doc is missing path: "/spec/nope"`,
    ]);
    expect(fails([{ op: 'test', path: '/spec/env/A', value: '9' }])).toEqual([
      422,
      'Invalid',
      `${rejected}: testing value "/spec/env/A" failed: test failed`,
    ]);
    expect(fails([{ op: 'bogus', path: '/a' }])?.[2]).toBe(
      `${rejected}: unexpected kind of operation "bogus"`,
    );
    expect(fails([{ op: 'add', path: '/spec/args/5', value: 1 }])?.[2]).toBe(
      `${rejected}: list index 5 out of range in "/spec/args/5"`,
    );
    expect(fails({ op: 'add' })).toEqual([
      400,
      'BadRequest',
      'error decoding patch: a JSON patch is a list of operations',
    ]);
  });
});
