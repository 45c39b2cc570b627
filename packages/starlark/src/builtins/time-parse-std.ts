// Reading one element of a Go time layout from the value (the cases of Go's parse loop).
import { LONG_DAY_NAMES, LONG_MONTH_NAMES } from './time-calendar.ts';
import type { Std } from './time-layout.ts';
import { nextStdChunk } from './time-layout.ts';
import type { Location } from './time-zone.ts';
import { UTC } from './time-zone.ts';

/** What parsing yields: wall-clock fields and how to place them (see parseFields). */
export interface Parsed {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  /** UTC from "Z"/"UTC", else undefined. */
  z: Location | undefined;
  zoneOffset: number; // -1: none
  zoneName: string;
}

/** Go's errBad: the element does not match; the caller reports where. */
export class Bad extends Error {}
export const BAD = new Bad();

export const digit = (s: string, i: number): boolean =>
  i < s.length && s[i]! >= '0' && s[i]! <= '9';

function getnum(s: string, fixed: boolean): [number, string] {
  if (!digit(s, 0)) throw BAD;
  if (!digit(s, 1)) {
    if (fixed) throw BAD;
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + s.charCodeAt(1) - 48, s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && digit(s, i); i++) n = n * 10 + s.charCodeAt(i) - 48;
  if (i === 0 || (fixed && i !== 3)) throw BAD;
  return [n, s.slice(i)];
}

/** Go's atoi: optional sign and digits only. */
function atoi(s: string): number {
  const m = /^([+-]?)([0-9]+)$/.exec(s);
  if (m === null) throw BAD;
  const x = Number(m[2]);
  return m[1] === '-' ? -x : x;
}

/** Case-insensitive prefix lookup, as Go's lookup. */
function lookup(tab: readonly string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i]!;
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase()) {
      return [i, val.slice(v.length)];
    }
  }
  throw BAD;
}

/** Go's parseNanoseconds: [ns, range error name]. */
function parseNanoseconds(value: string, nbytes: number): [number, string] {
  if (value[0] !== '.' && value[0] !== ',') throw BAD;
  if (nbytes > 10) nbytes = 10;
  const ns = atoi(value.slice(1, nbytes));
  if (ns < 0) return [0, 'fractional second'];
  return [ns * 10 ** (10 - nbytes), ''];
}

/** Go's parseTimeZone: the length of a zone abbreviation at the start of value, or 0. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + (value.length === 3 ? 0 : signedOffset(value.slice(3)));
  if (value[0] === '+' || value[0] === '-') return signedOffset(value);
  const n = /^[A-Z]{0,6}/.exec(value)![0].length;
  if (n === 3) return 3;
  if (n === 4 && (value[3] === 'T' || value.startsWith('WITA'))) return 4;
  if (n === 5 && value[4] === 'T') return 5;
  return 0;
}

function signedOffset(value: string): number {
  const m = /^[+-]([0-9]+)/.exec(value);
  if (m === null || Number(m[1]) > 23) return 0;
  return m[0].length;
}

const SHORT = (names: string[]): string[] => names.map((n) => n.slice(0, 3));

/** One layout element; returns the rest of value, a range error name, and yday. */
export function parseStd(
  std: Std,
  value: string,
  layout: string,
  p: Parsed,
  yday: number,
  setPM: (pm: boolean) => void,
): [string, string, number] {
  let range = '';
  switch (std.kind) {
    case 'Year':
      if (value.length < 2) throw BAD;
      p.year = atoi(value.slice(0, 2));
      p.year += p.year >= 69 ? 1900 : 2000;
      return [value.slice(2), range, yday];
    case 'LongYear':
      if (value.length < 4 || !digit(value, 0)) throw BAD;
      p.year = atoi(value.slice(0, 4));
      return [value.slice(4), range, yday];
    case 'Month':
    case 'LongMonth': {
      const names = std.kind === 'Month' ? SHORT(LONG_MONTH_NAMES) : LONG_MONTH_NAMES;
      const [m, rest] = lookup(names, value);
      p.month = m + 1;
      return [rest, range, yday];
    }
    case 'NumMonth':
    case 'ZeroMonth': {
      const [m, rest] = getnum(value, std.kind === 'ZeroMonth');
      p.month = m;
      if (m <= 0 || m > 12) range = 'month';
      return [rest, range, yday];
    }
    case 'WeekDay':
      return [lookup(SHORT(LONG_DAY_NAMES), value)[1], range, yday];
    case 'LongWeekDay':
      return [lookup(LONG_DAY_NAMES, value)[1], range, yday];
    case 'Day':
    case 'UnderDay':
    case 'ZeroDay': {
      if (std.kind === 'UnderDay' && value[0] === ' ') value = value.slice(1);
      const [d, rest] = getnum(value, std.kind === 'ZeroDay');
      p.day = d;
      return [rest, range, yday];
    }
    case 'UnderYearDay':
    case 'ZeroYearDay': {
      for (let i = 0; i < 2; i++)
        if (std.kind === 'UnderYearDay' && value[0] === ' ') value = value.slice(1);
      const [yd, rest] = getnum3(value, std.kind === 'ZeroYearDay');
      return [rest, range, yd];
    }
    case 'Hour': {
      const [h, rest] = getnum(value, false);
      p.hour = h;
      if (h >= 24) range = 'hour';
      return [rest, range, yday];
    }
    case 'Hour12':
    case 'ZeroHour12': {
      const [h, rest] = getnum(value, std.kind === 'ZeroHour12');
      p.hour = h;
      if (h > 12) range = 'hour';
      return [rest, range, yday];
    }
    case 'Minute':
    case 'ZeroMinute': {
      const [m, rest] = getnum(value, std.kind === 'ZeroMinute');
      p.min = m;
      if (m >= 60) range = 'minute';
      return [rest, range, yday];
    }
    case 'Second':
    case 'ZeroSecond':
      return parseSecond(std, value, layout, p, yday);
    case 'PM':
    case 'pm': {
      if (value.length < 2) throw BAD;
      const v = value.slice(0, 2);
      const [am, pm] = std.kind === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
      if (v === pm) setPM(true);
      else if (v === am) setPM(false);
      else throw BAD;
      return [value.slice(2), range, yday];
    }
    case 'TZ': {
      if (value.startsWith('UTC')) {
        p.z = UTC;
        return [value.slice(3), range, yday];
      }
      const n = parseTimeZone(value);
      if (n === 0) throw BAD;
      p.zoneName = value.slice(0, n);
      return [value.slice(n), range, yday];
    }
    case 'FracSecond0': {
      const ndigit = 1 + std.digits;
      if (value.length < ndigit) throw BAD;
      [p.nsec, range] = parseNanoseconds(value, ndigit);
      return [value.slice(ndigit), range, yday];
    }
    case 'FracSecond9': {
      if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !digit(value, 1)) {
        return [value, range, yday]; // fraction omitted
      }
      let i = 0;
      while (digit(value, i + 1)) i++;
      [p.nsec, range] = parseNanoseconds(value, 1 + i);
      return [value.slice(1 + i), range, yday];
    }
    default:
      return parseOffset(std, value, p, yday);
  }
}

function parseSecond(
  std: Std,
  value: string,
  layout: string,
  p: Parsed,
  yday: number,
): [string, string, number] {
  const [s, rest] = getnum(value, std.kind === 'ZeroSecond');
  p.sec = s;
  if (s >= 60) return [rest, 'second', yday];
  // A fraction in the value that the layout does not mention is read anyway.
  if (rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && digit(rest, 1)) {
    const next = nextStdChunk(layout).std;
    if (next !== null && (next.kind === 'FracSecond0' || next.kind === 'FracSecond9'))
      return [rest, '', yday];
    let n = 2;
    while (digit(rest, n)) n++;
    let range: string;
    [p.nsec, range] = parseNanoseconds(rest, n);
    return [rest.slice(n), range, yday];
  }
  return [rest, '', yday];
}

function parseOffset(std: Std, value: string, p: Parsed, yday: number): [string, string, number] {
  const k = std.kind;
  if (k.startsWith('ISO8601') && value[0] === 'Z') {
    p.z = UTC;
    return [value.slice(1), '', yday];
  }
  let parts: [string, string, string, string];
  let rest: string;
  if (k === 'ISO8601ColonTZ' || k === 'NumColonTZ') {
    if (value.length < 6 || value[3] !== ':') throw BAD;
    parts = [value[0]!, value.slice(1, 3), value.slice(4, 6), '00'];
    rest = value.slice(6);
  } else if (k === 'NumShortTZ' || k === 'ISO8601ShortTZ') {
    if (value.length < 3) throw BAD;
    parts = [value[0]!, value.slice(1, 3), '00', '00'];
    rest = value.slice(3);
  } else if (k === 'ISO8601ColonSecondsTZ' || k === 'NumColonSecondsTZ') {
    if (value.length < 9 || value[3] !== ':' || value[6] !== ':') throw BAD;
    parts = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(7, 9)];
    rest = value.slice(9);
  } else if (k === 'ISO8601SecondsTZ' || k === 'NumSecondsTz') {
    if (value.length < 7) throw BAD;
    parts = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5, 7)];
    rest = value.slice(7);
  } else {
    if (value.length < 5) throw BAD;
    parts = [value[0]!, value.slice(1, 3), value.slice(3, 5), '00'];
    rest = value.slice(5);
  }
  const [sign, hh, mm, ss] = parts;
  // Go checks the ranges before reporting a malformed field or sign.
  const num = (f: string): number | undefined => (/^[0-9]{2}$/.test(f) ? Number(f) : undefined);
  const hr = num(hh);
  const mi = hr === undefined ? undefined : num(mm);
  const se = mi === undefined ? undefined : num(ss);
  let range = '';
  if ((hr ?? 0) > 24) range = 'time zone offset hour';
  if ((mi ?? 0) > 60) range = 'time zone offset minute';
  if ((se ?? 0) > 60) range = 'time zone offset second';
  if (range !== '') return [rest, range, yday];
  if (hr === undefined || mi === undefined || se === undefined) throw BAD;
  p.zoneOffset = (hr * 60 + mi) * 60 + se;
  if (sign === '-') p.zoneOffset = -p.zoneOffset;
  else if (sign !== '+') throw BAD;
  return [rest, range, yday];
}
