// The time module (starlark-go's lib/time): time.now, parse_time, parse_duration,
// from_timestamp, time(...), is_valid_timezone, and the duration constants.
import { StarlarkError } from '../errors.ts';
import { Builtin } from '../values/builtin.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { typeName } from '../values/compare.ts';
import type { Value } from '../values/object.ts';
import type { Thread } from '../values/thread.ts';
import { Module } from '../values/struct.ts';
import { wallToLocal } from './time-calendar.ts';
import { Duration, NS_PER_SECOND, parseDuration } from './time-duration.ts';
import { parseFields } from './time-parse.ts';
import { Time } from './time-value.ts';
import type { Location } from './time-zone.ts';
import { fixedZone, Locations, UTC } from './time-zone.ts';
import { P, unpackArgs, unpackPositional } from './unpack.ts';

/** The thread-local key of a clock installed with setTimeNow (Go's SetNow). */
const NOW_KEY = 'time.now';

/** Installs the clock time.now() uses on this thread: it returns Unix nanoseconds. */
export function setTimeNow(thread: Thread, now: () => bigint): void {
  thread.locals.set(NOW_KEY, now);
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/** A Go int64 argument, exactly. */
const int64 = (v: Value): bigint => {
  if (typeof v !== 'number' && typeof v !== 'bigint') {
    throw new StarlarkError(`got ${typeName(v)}, want int`);
  }
  if (typeof v === 'bigint' && BigInt.asIntN(64, v) !== v) {
    throw new StarlarkError(`${v} out of range (want value in signed 64-bit range)`);
  }
  return BigInt(v);
};

/** Duration's Unpack: a duration, or a string for ParseDuration. */
const durationArg = (v: Value): bigint => {
  if (v instanceof Duration) return v.ns;
  if (typeof v === 'string') return parseDuration(v);
  throw new StarlarkError(`got ${typeName(v)}, want a duration, string, or int`);
};

export function makeTimeModule(): Module {
  const locs = new Locations();
  const methods = new Map<string, Builtin>();
  const make = (sec: bigint, nsec: number, loc: Location, mono?: bigint): Time =>
    new Time(sec, nsec, loc, methods, mono);

  /** Go's Date: wall-clock fields in loc, normalised, to an instant. */
  const date = (
    f: [number, number, number, number, number, number, number],
    loc: Location,
  ): Time => {
    const { local, nsec } = wallToLocal(...f);
    let offset = loc.lookup(local).offset;
    if (offset !== 0) {
      // Near a transition the guess may be wrong: the zone at the corrected instant decides.
      const other = loc.lookup(local - offset).offset;
      if (other !== offset) offset = other;
    }
    return make(BigInt(local - offset), nsec, loc);
  };

  /**
   * Go's parse: defaultLoc places a time without zone; a parsed offset or abbreviation that
   * matches `local` (Local for Parse, the location itself for ParseInLocation) takes its zone.
   */
  const parse = (layout: string, value: string, defaultLoc: Location, local: Location): Time => {
    const p = parseFields(layout, value);
    const fields: [number, number, number, number, number, number, number] = [
      p.year,
      p.month,
      p.day,
      p.hour,
      p.min,
      p.sec,
      p.nsec,
    ];
    if (p.z !== undefined) return date(fields, p.z);
    if (p.zoneOffset !== -1) {
      const t = date(fields, UTC);
      const u = make(t.sec - BigInt(p.zoneOffset), t.nsec, UTC);
      const z = local.lookup(Number(u.sec));
      if (z.offset === p.zoneOffset && (p.zoneName === '' || z.abbr === p.zoneName))
        return u.withLoc(local);
      return u.withLoc(fixedZone(p.zoneName, p.zoneOffset));
    }
    if (p.zoneName !== '') {
      const t = date(fields, UTC);
      const off = lookupName(local, p.zoneName, Number(t.sec));
      if (off !== undefined) return make(t.sec - BigInt(off), t.nsec, local);
      const gmt = /^GMT([+-][0-9]+)$/.exec(p.zoneName);
      const offset = gmt === null ? 0 : Number(gmt[1]) * 3600;
      return t.withLoc(fixedZone(p.zoneName, offset));
    }
    return date(fields, defaultLoc);
  };

  const impls: Record<string, BuiltinImpl> = {
    from_timestamp: (_t, args, kwargs) => {
      const [sec, nsec] = unpackPositional<[bigint, bigint]>(
        'from_timestamp',
        args,
        kwargs,
        1,
        int64,
        int64,
      );
      // Go's Unix: nsec outside [0, 1e9) moves whole seconds into sec.
      let s = sec!;
      let n = nsec ?? 0n;
      if (n < 0n || n >= NS_PER_SECOND) {
        const q = n / NS_PER_SECOND;
        s += q;
        n -= q * NS_PER_SECOND;
        if (n < 0n) {
          n += NS_PER_SECOND;
          s--;
        }
      }
      return make(s, Number(n), locs.local());
    },
    is_valid_timezone: (_t, args, kwargs) => {
      const [name] = unpackPositional<[string]>('is_valid_timezone', args, kwargs, 1, P.string);
      try {
        locs.load(name!);
        return true;
      } catch {
        return false;
      }
    },
    now: (thread) => {
      const hook = thread.locals.get(NOW_KEY);
      if (typeof hook === 'function') {
        const ns = BigInt((hook as () => bigint)());
        return make(floorDiv(ns, NS_PER_SECOND), Number(mod(ns, NS_PER_SECOND)), locs.local());
      }
      // Wall clock to the microsecond (what JS offers) and a monotonic reading, as Go's Now.
      const us = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
      const mono = BigInt(Math.round(performance.now() * 1e6));
      return make(floorDiv(us, 1_000_000n), Number(mod(us, 1_000_000n)) * 1000, locs.local(), mono);
    },
    parse_duration: (_t, args, kwargs) => {
      const [d] = unpackPositional<[bigint]>('parse_duration', args, kwargs, 1, durationArg);
      return new Duration(d!);
    },
    parse_time: (_t, args, kwargs) => {
      const [x, format, location] = unpackArgs<[string, string, string]>(
        'parse_time',
        args,
        kwargs,
        ['x', P.string],
        ['format?', P.string],
        ['location?', P.string],
      );
      if (location === undefined || location === 'UTC') {
        return parse(format ?? RFC3339, x!, UTC, locs.local());
      }
      const loc = locs.load(location);
      return parse(format ?? RFC3339, x!, loc, loc);
    },
    time: (_t, args, kwargs) => {
      const i = P.int;
      const [year, month, day, hour, minute, second, nanosecond, location] = unpackArgs<
        [number, number, number, number, number, number, number, string]
      >(
        'time',
        args,
        kwargs,
        ['year?', i],
        ['month?', i],
        ['day?', i],
        ['hour?', i],
        ['minute?', i],
        ['second?', i],
        ['nanosecond?', i],
        ['location?', P.string],
      );
      if (args.length > 0) throw new StarlarkError('time: unexpected positional arguments');
      const loc = locs.load(location ?? '');
      const f = [year, month, day, hour, minute, second, nanosecond].map((v) => v ?? 0);
      return date(f as [number, number, number, number, number, number, number], loc);
    },
  };
  methods.set(
    'format',
    new Builtin('format', (_t, args, kwargs, recv) => {
      const [layout] = unpackPositional<[string]>('format', args, kwargs, 1, P.string);
      return (recv as Time).format(layout!);
    }),
  );
  methods.set(
    'in_location',
    new Builtin('in_location', (_t, args, kwargs, recv) => {
      const [name] = unpackPositional<[string]>('in_location', args, kwargs, 1, P.string);
      return (recv as Time).withLoc(locs.load(name!));
    }),
  );

  const members = new Map<string, Value>();
  for (const [name, impl] of Object.entries(impls)) members.set(name, new Builtin(name, impl));
  const units: Array<[string, bigint]> = [
    ['nanosecond', 1n],
    ['microsecond', 1000n],
    ['millisecond', 1_000_000n],
    ['second', NS_PER_SECOND],
    ['minute', 60n * NS_PER_SECOND],
    ['hour', 3600n * NS_PER_SECOND],
  ];
  for (const [name, ns] of units) members.set(name, new Duration(ns));
  return new Module('time', members);
}

/** Go's Location.lookupName: the offset of a zone abbreviation around the instant. */
function lookupName(loc: Location, name: string, unix: number): number | undefined {
  // Without a zone list (UTC, fixed, Intl zones), the zones seen around the instant stand in.
  const halfYear = 183 * 86400;
  const zones =
    loc.zones?.map((z) => ({ abbr: z.name, offset: z.offset })) ??
    [unix, unix - halfYear, unix + halfYear].map((t) => loc.lookup(t));
  for (const z of zones) {
    if (z.abbr !== name) continue;
    const at = loc.lookup(unix - z.offset);
    if (at.abbr === z.abbr) return at.offset;
  }
  return zones.find((z) => z.abbr === name)?.offset;
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const mod = (a: bigint, b: bigint): bigint => a - floorDiv(a, b) * b;
