import { expect, test } from 'vitest';
import { matchesRequirements, parseLabelSelector } from './labels.ts';

test('parseLabelSelector reads equality, set and existence terms', () => {
  expect(parseLabelSelector('a=1, b==2,c!=3,d in (x, y),e notin (z),f,!g')).toEqual([
    { key: 'a', operator: 'In', values: ['1'] },
    { key: 'b', operator: 'In', values: ['2'] },
    { key: 'c', operator: 'NotIn', values: ['3'] },
    { key: 'd', operator: 'In', values: ['x', 'y'] },
    { key: 'e', operator: 'NotIn', values: ['z'] },
    { key: 'f', operator: 'Exists' },
    { key: 'g', operator: 'DoesNotExist' },
  ]);
});

test('parseLabelSelector rejects a malformed term', () => {
  expect(() => parseLabelSelector('a=b,=c')).toThrow('unable to parse requirement: "=c"');
});

test('matchesRequirements treats NotIn as matching an absent label', () => {
  const reqs = parseLabelSelector('tier!=db');
  expect(matchesRequirements(reqs, {})).toBe(true);
  expect(matchesRequirements(reqs, { tier: 'db' })).toBe(false);
});
