// Go's time.Parse / ParseInLocation: reading a time string with a layout, with Go's messages.
import { StarlarkError } from '../errors.ts';
import { daysBefore, daysIn, isLeap } from './time-calendar.ts';
import { goQuote } from './time-duration.ts';
import { nextStdChunk } from './time-layout.ts';
import type { Parsed } from './time-parse-std.ts';
import { BAD, Bad, parseStd } from './time-parse-std.ts';

export type { Parsed };

/** Go's skip: literal text, where a run of spaces matches a run of spaces. */
function skip(value: string, prefix: string): string {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') throw BAD;
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw BAD;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

/** Reads value with layout; throws StarlarkError with Go's ParseError text. */
export function parseFields(layout: string, value: string): Parsed {
  const alayout = layout;
  const avalue = value;
  const fail = (layoutElem: string, valueElem: string, msg: string): StarlarkError =>
    new StarlarkError(
      msg === ''
        ? `parsing time ${goQuote(avalue)} as ${goQuote(alayout)}: cannot parse ${goQuote(valueElem)} as ${goQuote(layoutElem)}`
        : `parsing time ${goQuote(avalue)}${msg}`,
    );
  const p: Parsed = {
    year: 0,
    month: -1,
    day: -1,
    hour: 0,
    min: 0,
    sec: 0,
    nsec: 0,
    z: undefined,
    zoneOffset: -1,
    zoneName: '',
  };
  let yday = -1;
  let amSet = false;
  let pmSet = false;
  for (;;) {
    const { prefix, std, suffix } = nextStdChunk(layout);
    const stdstr = layout.slice(prefix.length, layout.length - suffix.length);
    try {
      value = skip(value, prefix);
    } catch {
      throw fail(prefix, value, '');
    }
    if (std === null) {
      if (value.length !== 0) throw fail('', value, `: extra text: ${goQuote(value)}`);
      break;
    }
    layout = suffix;
    const hold = value;
    let rangeErr = '';
    try {
      [value, rangeErr, yday] = parseStd(std, value, layout, p, yday, (pm) =>
        pm ? (pmSet = true) : (amSet = true),
      );
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      throw fail(stdstr, hold, '');
    }
    if (rangeErr !== '') throw fail(stdstr, value, `: ${rangeErr} out of range`);
  }
  if (pmSet && p.hour < 12) p.hour += 12;
  else if (amSet && p.hour === 12) p.hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(p.year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) throw fail('', value, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (daysBefore(m + 1) < yday) m++;
      d = yday - daysBefore(m);
    }
    if (p.month >= 0 && p.month !== m) throw fail('', value, ': day-of-year does not match month');
    p.month = m;
    if (p.day >= 0 && p.day !== d) throw fail('', value, ': day-of-year does not match day');
    p.day = d;
  } else {
    if (p.month < 0) p.month = 1;
    if (p.day < 0) p.day = 1;
  }
  if (p.day < 1 || p.day > daysIn(p.month, p.year)) throw fail('', value, ': day out of range');
  return p;
}
