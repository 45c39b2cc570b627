// POSIX TZ rules ("EST5EDT,M3.2.0,M11.1.0"), the footer of a TZif file that covers times after
// its last transition: Go's tzset, with its quirks (names of 3+ letters or <...>, 2am default).
import {
  civilFromDays,
  daysBefore,
  daysIn,
  isLeap,
  SECONDS_PER_DAY,
  yearDay,
} from './time-calendar.ts';

/** A zone period: [start, end) in Unix seconds. */
export interface Period {
  readonly name: string;
  readonly offset: number;
  readonly isDST: boolean;
  readonly start: number;
  readonly end: number;
}

/** Go's omega: the end of time for a last period. */
export const OMEGA = Number.MAX_SAFE_INTEGER;

interface Rule {
  kind: 'julian' | 'doy' | 'mwd';
  day: number;
  week: number;
  mon: number;
  time: number;
}

type Res<T> = [T, string] | undefined;

function tzName(s: string): Res<string> {
  if (s === '') return undefined;
  if (s[0] === '<') {
    const i = s.indexOf('>');
    return i < 0 ? undefined : [s.slice(1, i), s.slice(i + 1)];
  }
  const i = s.search(/[0-9,+-]/);
  if (i < 0) return s.length < 3 ? undefined : [s, ''];
  return i < 3 ? undefined : [s.slice(0, i), s.slice(i)];
}

function tzNum(s: string, min: number, max: number): Res<number> {
  const m = /^[0-9]+/.exec(s);
  if (m === null) return undefined;
  let num = 0;
  for (const c of m[0]) {
    num = num * 10 + Number(c);
    if (num > max) return undefined;
  }
  return num < min ? undefined : [num, s.slice(m[0].length)];
}

function tzOffset(s: string): Res<number> {
  if (s === '') return undefined;
  const neg = s[0] === '-';
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  const sign = (off: number): number => (neg ? -off : off);
  const h = tzNum(s, 0, 24 * 7);
  if (h === undefined) return undefined;
  let off = h[0] * 3600;
  s = h[1];
  if (s[0] !== ':') return [sign(off), s];
  const m = tzNum(s.slice(1), 0, 59);
  if (m === undefined) return undefined;
  off += m[0] * 60;
  s = m[1];
  if (s[0] !== ':') return [sign(off), s];
  const sec = tzNum(s.slice(1), 0, 59);
  if (sec === undefined) return undefined;
  return [sign(off + sec[0]), sec[1]];
}

function tzRule(s: string): Res<Rule> {
  if (s === '') return undefined;
  const r: Rule = { kind: 'doy', day: 0, week: 0, mon: 0, time: 2 * 3600 };
  if (s[0] === 'J') {
    const d = tzNum(s.slice(1), 1, 365);
    if (d === undefined) return undefined;
    [r.kind, r.day, s] = ['julian', d[0], d[1]];
  } else if (s[0] === 'M') {
    const mon = tzNum(s.slice(1), 1, 12);
    if (mon === undefined || mon[1][0] !== '.') return undefined;
    const week = tzNum(mon[1].slice(1), 1, 5);
    if (week === undefined || week[1][0] !== '.') return undefined;
    const day = tzNum(week[1].slice(1), 0, 6);
    if (day === undefined) return undefined;
    [r.kind, r.mon, r.week, r.day, s] = ['mwd', mon[0], week[0], day[0], day[1]];
  } else {
    const d = tzNum(s, 0, 365);
    if (d === undefined) return undefined;
    [r.day, s] = [d[0], d[1]];
  }
  if (s[0] !== '/') return [r, s];
  const t = tzOffset(s.slice(1));
  if (t === undefined) return undefined;
  r.time = t[0];
  return [r, t[1]];
}

/** Seconds into the year at which the rule fires, given the offset in effect before it. */
function ruleTime(year: number, r: Rule, off: number): number {
  let s: number;
  if (r.kind === 'julian') {
    s = (r.day - 1) * SECONDS_PER_DAY;
    if (isLeap(year) && r.day >= 60) s += SECONDS_PER_DAY;
  } else if (r.kind === 'doy') {
    s = r.day * SECONDS_PER_DAY;
  } else {
    // Zeller's congruence for the weekday of the first of the month, as Go computes it.
    const m1 = ((r.mon + 9) % 12) + 1;
    const yy0 = r.mon <= 2 ? year - 1 : year;
    const yy1 = Math.trunc(yy0 / 100);
    const yy2 = yy0 % 100;
    let dow =
      (Math.trunc((26 * m1 - 2) / 10) +
        1 +
        yy2 +
        Math.trunc(yy2 / 4) +
        Math.trunc(yy1 / 4) -
        2 * yy1) %
      7;
    if (dow < 0) dow += 7;
    let d = r.day - dow;
    if (d < 0) d += 7;
    for (let i = 1; i < r.week; i++) {
      if (d + 7 >= daysIn(r.mon, year)) break;
      d += 7;
    }
    d += daysBefore(r.mon);
    if (isLeap(year) && r.mon > 2) d++;
    s = d * SECONDS_PER_DAY;
  }
  return s + r.time - off;
}

/** Go's tzset: the period of rule string s containing sec; undefined if s is malformed. */
export function tzset(s: string, lastTxSec: number, sec: number): Period | undefined {
  const std = tzName(s);
  const stdOff = std === undefined ? undefined : tzOffset(std[1]);
  if (std === undefined || stdOff === undefined) return undefined;
  let stdName = std[0];
  let stdOffset = -stdOff[0];
  s = stdOff[1];
  if (s === '' || s[0] === ',') {
    return { name: stdName, offset: stdOffset, isDST: false, start: lastTxSec, end: OMEGA };
  }
  const dst = tzName(s);
  if (dst === undefined) return undefined;
  let dstName = dst[0];
  let dstOffset: number;
  s = dst[1];
  if (s === '' || s[0] === ',') {
    dstOffset = stdOffset + 3600;
  } else {
    const o = tzOffset(s);
    if (o === undefined) return undefined;
    [dstOffset, s] = [-o[0], o[1]];
  }
  if (s === '') s = ',M3.2.0,M11.1.0';
  if (s[0] !== ',' && s[0] !== ';') return undefined;
  const r1 = tzRule(s.slice(1));
  if (r1 === undefined || r1[1][0] !== ',') return undefined;
  const r2 = tzRule(r1[1].slice(1));
  if (r2 === undefined || r2[1] !== '') return undefined;

  const days = Math.floor(sec / SECONDS_PER_DAY);
  const { year } = civilFromDays(days);
  // Go's % truncates toward zero; so does JS's.
  const ysec = (yearDay(days, year) - 1) * SECONDS_PER_DAY + (sec % SECONDS_PER_DAY);
  const ystart = sec - ysec;
  let startSec = ruleTime(year, r1[0], stdOffset);
  let endSec = ruleTime(year, r2[0], dstOffset);
  let dstIsDST = true;
  let stdIsDST = false;
  if (endSec < startSec) {
    [startSec, endSec] = [endSec, startSec];
    [stdName, dstName] = [dstName, stdName];
    [stdOffset, dstOffset] = [dstOffset, stdOffset];
    [stdIsDST, dstIsDST] = [dstIsDST, stdIsDST];
  }
  if (ysec < startSec) {
    return {
      name: stdName,
      offset: stdOffset,
      isDST: stdIsDST,
      start: ystart,
      end: startSec + ystart,
    };
  }
  if (ysec >= endSec) {
    return {
      name: stdName,
      offset: stdOffset,
      isDST: stdIsDST,
      start: endSec + ystart,
      end: ystart + 365 * SECONDS_PER_DAY,
    };
  }
  return {
    name: dstName,
    offset: dstOffset,
    isDST: dstIsDST,
    start: startSec + ystart,
    end: endSec + ystart,
  };
}
