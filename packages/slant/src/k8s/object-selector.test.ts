import { describe, expect, test } from 'vitest';
import {
  newFullmatchCaseInsensitiveObjectSelector,
  newPartialMatchObjectSelector,
  objectSelectorMatches,
  objectSelectorsEqual,
  selectorFromString,
  selectorStringFromParts,
  unescapeAndSplit,
} from './object-selector.ts';
import { object } from './testdata.ts';

describe('ObjectSelector', () => {
  const secret = object('Secret', 'db.creds', 'v1', 'prod');

  test('full-match selectors compare whole fields ignoring case, literally', () => {
    expect(objectSelectorMatches(selectorFromString('DB.CREDS:secret:PROD'), secret)).toBe(true);
    expect(objectSelectorMatches(selectorFromString('db'), secret)).toBe(false);
    expect(objectSelectorMatches(selectorFromString('db.creds:secret:default'), secret)).toBe(
      false,
    );
    expect(objectSelectorMatches(selectorFromString('dbxcreds'), secret)).toBe(false);
  });

  test('an omitted namespace part matches any namespace', () => {
    expect(objectSelectorMatches(selectorFromString('db.creds:secret'), secret)).toBe(true);
    expect(objectSelectorMatches(selectorFromString('db.creds'), secret)).toBe(true);
  });

  test('partial-match selectors are unanchored case-insensitive regexps', () => {
    const jobs = newPartialMatchObjectSelector('batch/v1', 'Job', '', '');
    expect(objectSelectorMatches(jobs, object('Job', 'j', 'batch/v1'))).toBe(true);
    expect(objectSelectorMatches(jobs, object('CronJob', 'c', 'batch/v1beta1'))).toBe(true);
    expect(objectSelectorMatches(jobs, object('Job', 'j', 'other/v1'))).toBe(false);
  });

  test('the apiVersion of core objects is just the version', () => {
    const sel = newFullmatchCaseInsensitiveObjectSelector('v1', 'secret', '', '');
    expect(objectSelectorMatches(sel, secret)).toBe(true);
  });

  test('equality compares the specs', () => {
    expect(objectSelectorsEqual(selectorFromString('a:b'), selectorFromString('a:b'))).toBe(true);
    expect(objectSelectorsEqual(selectorFromString('a:b'), selectorFromString('a'))).toBe(false);
  });

  test('selector strings with errors', () => {
    expect(() => selectorFromString('')).toThrow(new Error("selector can't be empty"));
    expect(() => selectorFromString('a:b:c:d')).toThrow(
      new Error(
        'Too many parts in selector. Selectors must contain between 1 and 3 parts (colon separated), found 4 parts in a:b:c:d',
      ),
    );
    expect(() => selectorFromString('ab\\xcdef')).toThrow(
      new Error("invalid escape sequence '\\x' in 'ab\\xcd'"),
    );
  });
});

describe('escaped parts', () => {
  test('split and join round-trip colons and backslashes', () => {
    const parts = ['a:b', 'c\\d', ''];
    const joined = selectorStringFromParts(parts);
    expect(joined).toBe('a\\:b:c\\\\d:');
    expect(unescapeAndSplit(joined)).toEqual(parts);
  });

  test('an escaped colon stays in the name', () => {
    const sel = selectorFromString('my\\:name:ConfigMap');
    expect(objectSelectorMatches(sel, object('ConfigMap', 'my:name'))).toBe(true);
  });
});
