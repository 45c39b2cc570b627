import { describe, expect, it } from 'vitest';
import { changesIdentity, createMergePatch, threeWayMergePatch } from './three-way.ts';

describe('createMergePatch', () => {
  it('gives changed and added keys, nested objects key by key, removed keys as null', () => {
    expect(
      createMergePatch(
        { a: 1, b: { c: 'x', d: 'y' }, gone: true, same: [1, 2] },
        { a: 2, b: { c: 'x', d: 'z', e: 'new' }, same: [1, 2] },
      ),
    ).toEqual({ a: 2, b: { d: 'z', e: 'new' }, gone: null });
  });

  it('replaces a list whole, and a value whose JSON type changed', () => {
    expect(createMergePatch({ l: [1, 2], t: 'x' }, { l: [1], t: { x: 1 } })).toEqual({
      l: [1],
      t: { x: 1 },
    });
  });

  it('is empty for equal objects', () => {
    expect(createMergePatch({ a: { b: [{ c: 1 }] } }, { a: { b: [{ c: 1 }] } })).toEqual({});
  });
});

describe('threeWayMergePatch', () => {
  const original = { spec: { args: ['sleep', '1'], dir: '/a', env: ['A=1'] } };

  it('deletes what the last applied configuration had and the file dropped', () => {
    const modified = { spec: { args: ['sleep', '1'], dir: '/a' } };
    const current = { spec: { args: ['sleep', '1'], dir: '/a', env: ['A=1'] }, status: {} };
    expect(threeWayMergePatch(original, modified, current)).toEqual({ spec: { env: null } });
  });

  it('leaves fields that only the live object has (set by someone else) alone', () => {
    const current = {
      spec: { args: ['sleep', '1'], dir: '/a', env: ['A=1'], readinessProbe: { periodSeconds: 1 } },
      status: { ready: true },
    };
    expect(threeWayMergePatch(original, original, current)).toEqual({});
  });

  it('sets what the file changed relative to the live object, even if applied before', () => {
    const current = { spec: { args: ['sleep', '9'], dir: '/a', env: ['A=1'] } };
    expect(threeWayMergePatch(original, original, current)).toEqual({
      spec: { args: ['sleep', '1'] },
    });
  });

  it('deletes a key the file sets to null', () => {
    const current = { spec: { dir: '/a', env: ['A=1'] } };
    expect(threeWayMergePatch({}, { spec: { env: null } }, current)).toEqual({
      spec: { env: null },
    });
  });

  it('keeps an empty object the file adds as a value', () => {
    expect(threeWayMergePatch({}, { spec: { restartOn: {} } }, { spec: {} })).toEqual({
      spec: { restartOn: {} },
    });
  });
});

describe('changesIdentity', () => {
  it('is true for a patch of apiVersion, kind or metadata.name only', () => {
    expect(changesIdentity({ kind: 'X' })).toBe(true);
    expect(changesIdentity({ apiVersion: 'v1' })).toBe(true);
    expect(changesIdentity({ metadata: { name: 'y' } })).toBe(true);
    expect(changesIdentity({ metadata: { labels: { a: 'b' } }, spec: {} })).toBe(false);
  });
});
