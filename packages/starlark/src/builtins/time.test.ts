import { describe, expect, it } from 'vitest';
import { Float } from '../values/primitives.ts';
import { Duration, formatDuration, parseDuration } from './time-duration.ts';
import { formatTime, nextStdChunk } from './time-layout.ts';
import { makeTimeModule } from './time.ts';

describe('durations', () => {
  it.each([
    ['0', 0n, '0s'],
    ['1.5h', 5_400_000_000_000n, '1h30m0s'],
    ['-1us', -1000n, '-1\xc2\xb5s'],
    ['1h1m1s1ms1us1ns', 3_661_001_001_001n, '1h1m1.001001001s'],
    ['-9223372036854775808ns', -(2n ** 63n), '-2562047h47m16.854775808s'],
  ])('parses %s and writes it back as Go does', (s, ns, text) => {
    expect(parseDuration(s)).toBe(ns);
    expect(formatDuration(ns)).toBe(text);
  });

  it.each([
    ['1x', 'time: unknown unit "x" in duration "1x"'],
    ['1', 'time: missing unit in duration "1"'],
    ['.s', 'time: invalid duration ".s"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
  ])('rejects %s', (s, msg) => {
    expect(() => parseDuration(s)).toThrow(msg);
  });

  it('divides by a float on either side, as starlark-go does', () => {
    const d = new Duration(10n);
    expect(d.binary('/', new Float(4), 'left')).toEqual(new Duration(2n));
    expect(d.binary('/', new Float(4), 'right')).toEqual(new Duration(2n));
    expect(() => d.binary('/', 3, 'right')).toThrow('unsupported operation');
  });
});

describe('layouts', () => {
  it('splits a layout as nextStdChunk', () => {
    expect(nextStdChunk('x Jan!')).toMatchObject({ prefix: 'x ', suffix: '!' });
    expect(nextStdChunk('Jana').std).toBeNull(); // "Jan" before a lower-case letter is text
    expect(nextStdChunk('_2006').prefix).toBe('_');
    expect(nextStdChunk(',000').std).toMatchObject({ kind: 'FracSecond0', digits: 3, sep: ',' });
  });

  it('formats wall-clock fields', () => {
    const local = 1257894245; // 2009-11-10 23:04:05
    expect(formatTime('Mon Jan _2 15:04:05.000 MST 2006', local, 5e8, 'UTC', 0)).toBe(
      'Tue Nov 10 23:04:05.500 UTC 2009',
    );
    expect(formatTime('3:04PM Z07:00 -0700 MST', local, 0, '', -18000)).toBe(
      '11:04PM -05:00 -0500 -0500',
    );
  });
});

describe('the time module', () => {
  it('has the members of lib/time', () => {
    expect(makeTimeModule().attrNames()).toEqual([
      'from_timestamp',
      'hour',
      'is_valid_timezone',
      'microsecond',
      'millisecond',
      'minute',
      'nanosecond',
      'now',
      'parse_duration',
      'parse_time',
      'second',
      'time',
    ]);
  });
});

describe('POSIX TZ rules (TZif footers)', () => {
  it('finds standard and daylight periods as Go does', async () => {
    const { tzset } = await import('./time-tzset.ts');
    const rule = 'EST5EDT,M3.2.0,M11.1.0';
    expect(tzset(rule, 0, 4102444800)).toMatchObject({ name: 'EST', offset: -18000, isDST: false });
    expect(tzset(rule, 0, 4118000000)).toMatchObject({ name: 'EDT', offset: -14400, isDST: true });
    expect(tzset('<+0530>-5:30', 7, 4102444800)).toMatchObject({
      name: '+0530',
      offset: 19800,
      start: 7,
    });
    expect(tzset('AB5', 0, 0)).toBeUndefined(); // a name needs three letters
  });
});
