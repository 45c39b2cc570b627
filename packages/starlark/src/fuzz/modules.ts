// Programs for the json, math and time modules, for differential runs against starlark-go:
// awkward floats for math (last-bit agreement), typed values and tricky texts for json, fixed
// instants, layouts and zones for time (never time.now). Mostly valid inputs, so programs get
// far; a few invalid ones check the error texts.
import type { Rand } from './random.ts';
import { toBinary } from './random.ts';
import { FLOATS, INTS, TYPES, TypedGenerator } from './typed.ts';

const JSON_TEXTS = [
  '{"a": [1, 2.5, -0, 1e300, true, null]}',
  '"\\u00e9\\ud83d\\ude00"',
  '[1, 2,]',
  '{"a": 1, "a": 2}',
  '  123456789012345678901234567890 ',
  '1.0',
  '-0.0',
  '"\\x41"',
  '{"k": {"n": [[], {}]}}',
  'nul',
  '"unterminated',
  '[1e-400, 0.1, 100000000000000000000000.0]',
  '[1e400]',
  '"\\ud800"',
];

const MATH_UNARY = [
  'ceil',
  'fabs',
  'floor',
  'round',
  'exp',
  'sqrt',
  'acos',
  'asin',
  'atan',
  'cos',
  'sin',
  'tan',
  'degrees',
  'radians',
  'acosh',
  'asinh',
  'atanh',
  'cosh',
  'sinh',
  'tanh',
  'log',
  'gamma',
];
const MATH_BINARY = ['copysign', 'mod', 'pow', 'remainder', 'atan2', 'hypot', 'log'];

const DURATIONS = [
  '"1h2m3.5s"',
  '"-1.5h"',
  '"300ms"',
  '"1us"',
  '"2µs"',
  '"0"',
  '"1.000000001s"',
  '"99999h"',
  '"1h1h"',
  '"-0s"',
  '".5m"',
];
const BAD_DURATIONS = ['"h"', '"5"', '"1.5e3s"'];
const LAYOUTS = [
  '"2006-01-02T15:04:05Z07:00"',
  '"Jan _2 15:04:05.000"',
  '"Monday, 02-Jan-06 3:04PM MST"',
  '"2006.01.02 15:04:05.999999999"',
  '"03:04:05 pm"',
  '"Z07:00 -0700 MST"',
  '"2006-002"',
  '"__2 Mon"',
];
const ZONES = [
  '"UTC"',
  '"US/Eastern"',
  '"Asia/Kolkata"',
  '"Australia/Lord_Howe"',
  '"Europe/London"',
];
const TIMES = [
  '"2020-06-26T17:38:36Z"',
  '"2021-03-14T02:30:00-05:00"',
  '"1969-07-20T20:17:40.5+01:00"',
];
const BAD_TIMES = ['"2020-02-30T00:00:00Z"', '"1999-12-31T23:59:60Z"'];

export class ModuleGenerator {
  private readonly r: Rand;
  private readonly typed: TypedGenerator;
  constructor(r: Rand) {
    this.r = r;
    this.typed = new TypedGenerator(r);
  }

  private mostly(ok: readonly string[], bad: readonly string[]): string {
    return this.r.chance(0.1) ? this.r.pick(bad) : this.r.pick(ok);
  }

  mathProgram(): string {
    const r = this.r;
    const extra = ['0.5', '-2.5', '1e308', '710.0', '-0.5', '170.5'];
    const arg = (): string =>
      r.chance(0.5)
        ? `${r.int(2000) - 1000}e${r.int(20) - 12}`
        : r.pick([...FLOATS, ...INTS, ...extra]);
    const lines: string[] = [];
    for (let i = 0; i < 8; i++) {
      lines.push(
        r.chance(0.6)
          ? `print(math.${r.pick(MATH_UNARY)}(${arg()}))`
          : `print(math.${r.pick(MATH_BINARY)}(${arg()}, ${arg()}))`,
      );
    }
    return toBinary(`${lines.join('\n')}\n`);
  }

  jsonProgram(): string {
    const r = this.r;
    const lines: string[] = [];
    for (let i = 0; i < 4; i++) {
      const v = this.typed.expr(r.pick(TYPES));
      lines.push(`print(json.encode(${v}))`);
      lines.push(`print(json.decode(json.encode(${v})))`);
      if (r.chance(0.3)) lines.push(`print(json.indent(json.encode(${v}), indent = "  "))`);
      lines.push(`print(repr(json.decode(${JSON.stringify(r.pick(JSON_TEXTS))})))`);
    }
    return toBinary(`${lines.join('\n')}\n`);
  }

  timeProgram(): string {
    const r = this.r;
    const zone = (): string => this.mostly(ZONES, ['"Nowhere/Zone"']);
    const dur = (): string => `time.parse_duration(${this.mostly(DURATIONS, BAD_DURATIONS)})`;
    const when = (): string =>
      r.pick([
        `time.from_timestamp(${r.int(4000000000) - 1000000000}${r.chance(0.3) ? `, ${r.int(1000000000)}` : ''})`,
        `time.time(year = ${1900 + r.int(300)}, month = ${r.int(14)}, day = ${r.int(33)}, hour = ${r.int(25)}, minute = ${r.int(61)}, second = ${r.int(61)}, nanosecond = ${r.int(1000000000)}, location = ${zone()})`,
        `time.parse_time(${this.mostly(TIMES, BAD_TIMES)})`,
      ]);
    const units = ['hours', 'minutes', 'seconds', 'milliseconds', 'microseconds', 'nanoseconds'];
    const lines: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = `t${i}`;
      lines.push(
        r.pick([
          () => `print(${dur()}, ${dur()}.${r.pick(units)})`,
          () =>
            `print(${dur()} ${r.pick(['+', '-', '//', '/', '*'])} ${r.pick([dur(), '3', '-1'])})`,
          () => `print(${when()})`,
          () => `print(${when()}.format(${r.pick(LAYOUTS)}))`,
          () => `print(${when()}.in_location(${zone()}))`,
          () =>
            `${t} = ${when()}\nprint(${['year', 'month', 'day', 'hour', 'minute', 'second', 'nanosecond', 'unix', 'unix_nano'].map((f) => `${t}.${f}`).join(', ')})`,
          () => `print(${when()} - ${when()}, ${when()} + ${dur()}, ${when()} < ${when()})`,
          () =>
            `print(time.parse_time(${r.pick(['"2020-06-26"', '"26 Jun 20 17:38 UTC"', '"17:38:36.5"'])}, format = ${r.pick(LAYOUTS)}))`,
          () => `print(time.is_valid_timezone(${zone()}))`,
        ])(),
      );
    }
    return toBinary(`${lines.join('\n')}\n`);
  }
}
