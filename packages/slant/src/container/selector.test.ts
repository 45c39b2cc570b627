import { describe, expect, test } from 'vitest';
import { parseNormalizedNamed as p } from './ref.ts';
import {
  anyMatch,
  EMPTY_SELECTOR,
  nameSelector,
  parseSelector,
  refsEqual,
  selectorFamiliarName,
  selectorFamiliarString,
  selectorFromImageMap,
  selectorMatches,
  selectorRefName,
  selectorString,
  withExactMatch,
  withNameMatch,
} from './selector.ts';

describe('RefSelector', () => {
  test('a name-only selector matches every tag and digest of that name', () => {
    const s = parseSelector('gcr.io/foo/bar');
    expect(s.matchExact).toBe(false);
    expect(selectorMatches(s, p('gcr.io/foo/bar'))).toBe(true);
    expect(selectorMatches(s, p('gcr.io/foo/bar:v1'))).toBe(true);
    expect(selectorMatches(s, p(`gcr.io/foo/bar@sha256:${'0'.repeat(64)}`))).toBe(true);
    expect(selectorMatches(s, p('gcr.io/foo/baz'))).toBe(false);
  });

  test('a tagged selector matches only the exact reference', () => {
    const s = parseSelector('nginx:1.25');
    expect(s.matchExact).toBe(true);
    expect(selectorMatches(s, p('docker.io/library/nginx:1.25'))).toBe(true);
    expect(selectorMatches(s, p('nginx:1.26'))).toBe(false);
    expect(selectorMatches(s, p('nginx'))).toBe(false);
  });

  test('familiar and full names select each other', () => {
    expect(selectorMatches(parseSelector('nginx'), p('docker.io/library/nginx:x'))).toBe(true);
    expect(selectorMatches(parseSelector('docker.io/user/app'), p('user/app'))).toBe(true);
  });

  test('nameSelector drops the tag; with*Match switch the mode', () => {
    const s = nameSelector(p('app:v1'));
    expect(s.matchExact).toBe(false);
    expect(selectorMatches(s, p('app:v2'))).toBe(true);
    expect(selectorMatches(withExactMatch(s), p('app:v2'))).toBe(false);
    expect(selectorMatches(withNameMatch(parseSelector('app:v1')), p('app:v2'))).toBe(true);
  });

  test('the empty selector matches nothing and prints as empty strings', () => {
    expect(selectorMatches(EMPTY_SELECTOR, p('app'))).toBe(false);
    expect(selectorString(EMPTY_SELECTOR)).toBe('');
    expect(selectorRefName(EMPTY_SELECTOR)).toBe('');
    expect(selectorFamiliarName(EMPTY_SELECTOR)).toBe('');
    expect(selectorFamiliarString(EMPTY_SELECTOR)).toBe('');
  });

  test('string forms', () => {
    const s = parseSelector('golang:1.22');
    expect(selectorString(s)).toBe('docker.io/library/golang:1.22');
    expect(selectorRefName(s)).toBe('docker.io/library/golang');
    expect(selectorFamiliarName(s)).toBe('golang');
    expect(selectorFamiliarString(s)).toBe('golang:1.22');
  });

  test('selectorFromImageMap uses matchExact from the spec, not the tag', () => {
    const byName = selectorFromImageMap({ selector: 'app:v1' });
    expect(byName.matchExact).toBe(false);
    expect(selectorFromImageMap({ selector: 'app', matchExact: true }).matchExact).toBe(true);
    expect(() => selectorFromImageMap({ selector: 'App' })).toThrow(
      new Error(
        'parsing image map spec (App): invalid reference format: repository name (library/App) must be lowercase',
      ),
    );
  });

  test('refsEqual compares full strings; anyMatch finds any pair', () => {
    expect(refsEqual(parseSelector('nginx'), parseSelector('docker.io/library/nginx'))).toBe(true);
    expect(refsEqual(parseSelector('nginx'), parseSelector('nginx:1'))).toBe(false);
    expect(anyMatch([p('a'), p('b:1')], [parseSelector('c'), parseSelector('b')])).toBe(true);
    expect(anyMatch([p('a')], [parseSelector('a:1')])).toBe(false);
  });
});
