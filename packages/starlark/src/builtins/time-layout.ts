// Go's time layout language ("2006-01-02 15:04:05"): splitting a layout into literal text and
// std elements (nextStdChunk), and formatting a time with it (Time.Format).
import {
  civilFromDays,
  LONG_DAY_NAMES,
  LONG_MONTH_NAMES,
  SECONDS_PER_DAY,
  weekday,
  yearDay,
} from './time-calendar.ts';

export type StdKind =
  | 'LongMonth'
  | 'Month'
  | 'NumMonth'
  | 'ZeroMonth'
  | 'LongWeekDay'
  | 'WeekDay'
  | 'Day'
  | 'UnderDay'
  | 'ZeroDay'
  | 'UnderYearDay'
  | 'ZeroYearDay'
  | 'Hour'
  | 'Hour12'
  | 'ZeroHour12'
  | 'Minute'
  | 'ZeroMinute'
  | 'Second'
  | 'ZeroSecond'
  | 'LongYear'
  | 'Year'
  | 'PM'
  | 'pm'
  | 'TZ'
  | 'ISO8601TZ'
  | 'ISO8601SecondsTZ'
  | 'ISO8601ShortTZ'
  | 'ISO8601ColonTZ'
  | 'ISO8601ColonSecondsTZ'
  | 'NumTZ'
  | 'NumSecondsTz'
  | 'NumShortTZ'
  | 'NumColonTZ'
  | 'NumColonSecondsTZ'
  | 'FracSecond0'
  | 'FracSecond9';

export interface Std {
  readonly kind: StdKind;
  readonly digits: number; // fractional seconds: how many
  readonly sep: string; // fractional seconds: '.' or ','
}

export interface Chunk {
  readonly prefix: string;
  readonly std: Std | null; // null: the layout has no more elements
  readonly suffix: string;
}

const std = (kind: StdKind, digits = 0, sep = '.'): Std => ({ kind, digits, sep });
const ZERO_X: StdKind[] = [
  'ZeroMonth',
  'ZeroDay',
  'ZeroHour12',
  'ZeroMinute',
  'ZeroSecond',
  'Year',
];
/** Offset forms after '-' or 'Z', longest first as Go tries them, with the kind suffix. */
const TZ_FORMS: ReadonlyArray<readonly [string, string]> = [
  ['070000', 'SecondsTZ'],
  ['07:00:00', 'ColonSecondsTZ'],
  ['0700', 'TZ'],
  ['07:00', 'ColonTZ'],
  ['07', 'ShortTZ'],
];
const isLower = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';
const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's nextStdChunk: the first element of the layout, the text before it and after it. */
export function nextStdChunk(layout: string): Chunk {
  const at = (i: number, kind: StdKind, len: number, digits = 0, sep = '.'): Chunk => ({
    prefix: layout.slice(0, i),
    std: std(kind, digits, sep),
    suffix: layout.slice(i + len),
  });
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    switch (layout[i]) {
      case 'J':
        if (rest.startsWith('January')) return at(i, 'LongMonth', 7);
        if (rest.startsWith('Jan') && !isLower(rest[3])) return at(i, 'Month', 3);
        break;
      case 'M':
        if (rest.startsWith('Monday')) return at(i, 'LongWeekDay', 6);
        if (rest.startsWith('Mon') && !isLower(rest[3])) return at(i, 'WeekDay', 3);
        if (rest.startsWith('MST')) return at(i, 'TZ', 3);
        break;
      case '0': {
        const c = rest[1];
        if (c !== undefined && c >= '1' && c <= '6') return at(i, ZERO_X[Number(c) - 1]!, 2);
        if (rest.startsWith('002')) return at(i, 'ZeroYearDay', 3);
        break;
      }
      case '1':
        return rest[1] === '5' ? at(i, 'Hour', 2) : at(i, 'NumMonth', 1);
      case '2':
        return rest.startsWith('2006') ? at(i, 'LongYear', 4) : at(i, 'Day', 1);
      case '_':
        if (rest[1] === '2') {
          // "_2006" is a literal '_' and a year.
          if (rest.startsWith('_2006')) return at(i + 1, 'LongYear', 4);
          return at(i, 'UnderDay', 2);
        }
        if (rest.startsWith('__2')) return at(i, 'UnderYearDay', 3);
        break;
      case '3':
        return at(i, 'Hour12', 1);
      case '4':
        return at(i, 'Minute', 1);
      case '5':
        return at(i, 'Second', 1);
      case 'P':
        if (rest[1] === 'M') return at(i, 'PM', 2);
        break;
      case 'p':
        if (rest[1] === 'm') return at(i, 'pm', 2);
        break;
      case '-':
      case 'Z': {
        const base = layout[i] === '-' ? 'Num' : 'ISO8601';
        for (const [form, tail] of TZ_FORMS) {
          if (rest.startsWith(form, 1)) {
            // Go spells one of them "NumSecondsTz"; keep its names.
            const kind = (
              base === 'Num' && tail === 'SecondsTZ' ? 'NumSecondsTz' : base + tail
            ) as StdKind;
            return at(i, kind, 1 + form.length);
          }
        }
        break;
      }
      case '.':
      case ',': {
        const ch = rest[1];
        if (ch === '0' || ch === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          // Only a run of digits that ends here is a fractional second.
          if (!isDigitAt(layout, j)) {
            return at(i, ch === '0' ? 'FracSecond0' : 'FracSecond9', j - i, j - (i + 1), layout[i]);
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, std: null, suffix: '' };
}

/** Go's appendInt: x zero-padded to width digits, with a leading '-' if negative. */
export function padInt(x: number, width: number): string {
  const s = String(Math.abs(x)).padStart(width, '0');
  return x < 0 ? `-${s}` : s;
}

/** Go's appendNano. */
function fracSecond(nsec: number, s: Std): string {
  const trim = s.kind === 'FracSecond9';
  if (trim && (s.digits === 0 || nsec === 0)) return '';
  let b = s.sep + padInt(nsec, 9);
  if (s.digits < 9) b = b.slice(0, b.length - 9 + s.digits);
  if (trim) b = b.replace(/0+$/, '').replace(/[.,]$/, '');
  return b;
}

function tzOffset(kind: StdKind, offset: number): string {
  if (offset === 0 && kind.startsWith('ISO8601')) return 'Z';
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let b = '+';
  if (zone < 0) {
    b = '-';
    zone = -zone;
    abs = -abs;
  }
  b += padInt(Math.floor(zone / 60), 2);
  if (kind.includes('Colon')) b += ':';
  if (!kind.includes('Short')) b += padInt(zone % 60, 2);
  if (kind.includes('Seconds')) {
    if (kind.includes('Colon')) b += ':';
    b += padInt(abs % 60, 2);
  }
  return b;
}

/** Go's Time.Format for the local wall time (seconds, any sign) in a zone. */
export function formatTime(
  layout: string,
  local: number,
  nsec: number,
  abbr: string,
  offset: number,
): string {
  const days = Math.floor(local / SECONDS_PER_DAY);
  const secOfDay = local - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(secOfDay / 3600);
  const min = Math.floor((secOfDay % 3600) / 60);
  const sec = secOfDay % 60;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  let out = '';
  for (;;) {
    const { prefix, std: s, suffix } = nextStdChunk(layout);
    out += prefix;
    if (s === null) return out;
    layout = suffix;
    switch (s.kind) {
      case 'Year':
        out += padInt(Math.abs(year) % 100, 2);
        break;
      case 'LongYear':
        out += padInt(year, 4);
        break;
      case 'Month':
        out += LONG_MONTH_NAMES[month - 1]!.slice(0, 3);
        break;
      case 'LongMonth':
        out += LONG_MONTH_NAMES[month - 1]!;
        break;
      case 'NumMonth':
        out += month;
        break;
      case 'ZeroMonth':
        out += padInt(month, 2);
        break;
      case 'WeekDay':
        out += LONG_DAY_NAMES[weekday(days)]!.slice(0, 3);
        break;
      case 'LongWeekDay':
        out += LONG_DAY_NAMES[weekday(days)]!;
        break;
      case 'Day':
        out += day;
        break;
      case 'UnderDay':
        out += (day < 10 ? ' ' : '') + day;
        break;
      case 'ZeroDay':
        out += padInt(day, 2);
        break;
      case 'UnderYearDay': {
        const yd = yearDay(days, year);
        out += (yd < 100 ? (yd < 10 ? '  ' : ' ') : '') + yd;
        break;
      }
      case 'ZeroYearDay':
        out += padInt(yearDay(days, year), 3);
        break;
      case 'Hour':
        out += padInt(hour, 2);
        break;
      case 'Hour12':
        out += h12;
        break;
      case 'ZeroHour12':
        out += padInt(h12, 2);
        break;
      case 'Minute':
        out += min;
        break;
      case 'ZeroMinute':
        out += padInt(min, 2);
        break;
      case 'Second':
        out += sec;
        break;
      case 'ZeroSecond':
        out += padInt(sec, 2);
        break;
      case 'PM':
        out += hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += hour >= 12 ? 'pm' : 'am';
        break;
      case 'TZ':
        // A zone without a name is written as -0700.
        out += abbr !== '' ? abbr : tzOffset('NumTZ', offset);
        break;
      case 'FracSecond0':
      case 'FracSecond9':
        out += fracSecond(nsec, s);
        break;
      default:
        out += tzOffset(s.kind, offset);
    }
  }
}
