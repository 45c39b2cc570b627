import { describe, expect, test } from 'vitest';
import { formatGoDuration, formatGoDurationPrecise, parseGoDuration } from './godur.ts';
import { goBase, goClean, goDir, goJoin, goRel } from './gopath.ts';
import { flagUsages, parseFlags } from './pflag.ts';
import { parseSemVer, parseSemVerRange } from './semver.ts';

describe('gopath (Go filepath on POSIX)', () => {
  test('Clean, Join, Base, Dir', () => {
    expect(goClean('a//b/./c/..')).toBe('a/b');
    expect(goClean('/../x')).toBe('/x');
    expect(goClean('../../a')).toBe('../../a');
    expect(goJoin('', '')).toBe('');
    expect(goJoin('/a', 'b/', '../c')).toBe('/a/c');
    expect(goBase('/')).toBe('/');
    expect(goBase('a/b//')).toBe('b');
    expect(goDir('a')).toBe('.');
    expect(goDir('/a/b/')).toBe('/a/b');
  });

  test('Rel', () => {
    expect(goRel('/a/b', '/a/b/c/d')).toBe('c/d');
    expect(goRel('/a/b', '/a/x')).toBe('../x');
    expect(goRel('a', 'a')).toBe('.');
    expect(() => goRel('../a', 'b')).toThrow("Rel: can't make b relative to ../a");
  });
});

describe('Go durations', () => {
  test('parse and format', () => {
    expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseGoDuration('-300ms')).toBe(-300);
    expect(parseGoDuration('0')).toBe(0);
    expect(() => parseGoDuration('5')).toThrow('time: missing unit in duration "5"');
    expect(() => parseGoDuration('5y')).toThrow('time: unknown unit "y" in duration "5y"');
    expect(formatGoDuration(90_000)).toBe('1m30s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
    expect(formatGoDuration(250)).toBe('250ms');
    expect(formatGoDurationPrecise(1.5)).toBe('1.5ms');
    expect(formatGoDurationPrecise(0.25)).toBe('250µs');
    expect(formatGoDurationPrecise(0.0001)).toBe('100ns');
    expect(formatGoDurationPrecise(62_500)).toBe('1m2.5s');
    expect(formatGoDurationPrecise(10_000)).toBe('10s');
  });
});

describe('semver ranges (blang/semver)', () => {
  const v = parseSemVer('0.37.6');
  test('comparators, AND, OR and wildcards', () => {
    expect(parseSemVerRange('>=0.22.2')(v)).toBe(true);
    expect(parseSemVerRange('>0.37.6')(v)).toBe(false);
    expect(parseSemVerRange('<0.30.0 || >=0.37.0 <0.38.0')(v)).toBe(true);
    expect(parseSemVerRange('0.37.x')(v)).toBe(true);
    expect(parseSemVerRange('!=0.37.6')(v)).toBe(false);
    expect(parseSemVerRange('>= 0.37.0')(v)).toBe(true);
    expect(parseSemVerRange('<0.37.6')(parseSemVer('0.37.6-rc.1'))).toBe(true);
  });
  test('errors', () => {
    expect(() => parseSemVerRange('|| 1.0.0')).toThrow("First element in range is '||'");
    expect(() => parseSemVerRange('>=1.0')).toThrow(
      'Could not parse Range ">=1.0": Could not parse version "1.0" in ">=1.0": No Major.Minor.Patch elements found',
    );
    expect(() => parseSemVerRange('~1.0.0')).toThrow('Could not parse comparator "~" in "~1.0.0"');
  });
});

describe('pflag subset', () => {
  const mk = (type: string) => {
    const seen: string[] = [];
    return { seen, value: { type, set: (s: string) => void seen.push(s) } };
  };
  test('long flags, =, bools without values, interspersed positionals and --', () => {
    const s = mk('string');
    const b = mk('bool');
    const pos = parseFlags(
      [
        { name: 's', usage: '', value: s.value },
        { name: 'b', usage: '', value: b.value },
      ],
      ['x', '--s', 'v', '--b', 'y', '--s=w', '--', '--s'],
    );
    expect(pos).toEqual(['x', 'y', '--s']);
    expect(s.seen).toEqual(['v', 'w']);
    expect(b.seen).toEqual(['true']);
  });
  test('errors and usage', () => {
    const s = mk('list[string]');
    const defs = [{ name: 'foo', usage: 'the `things` to foo', value: s.value }];
    expect(() => parseFlags(defs, ['--foo'])).toThrow('flag needs an argument: --foo');
    expect(() => parseFlags(defs, ['-x'])).toThrow("unknown shorthand flag: 'x' in -x");
    expect(() => parseFlags(defs, ['---a'])).toThrow('bad flag syntax: ---a');
    expect(flagUsages(defs)).toBe('      --foo things   the things to foo\n');
  });
});
