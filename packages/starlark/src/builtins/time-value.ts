// time.time (lib/time Time): an instant (Unix seconds and nanoseconds) in a Location, with
// Go's monotonic clock reading when it came from time.now().
import type { Builtin } from '../values/builtin.ts';
import { threeway } from '../values/compare.ts';
import { normBig } from '../values/int.ts';
import type { BinaryOp, CompareOp, Side, Value } from '../values/object.ts';
import { StarObject } from '../values/object.ts';
import { civilFromDays, SECONDS_PER_DAY } from './time-calendar.ts';
import { Duration, NS_PER_SECOND, wrap64 } from './time-duration.ts';
import { formatTime } from './time-layout.ts';
import type { Location, Zone } from './time-zone.ts';

/** Unix seconds of Go's zero Time, January 1, year 1, 00:00:00 UTC. */
const ZERO_UNIX = -62135596800n;
const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);
const STRING_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';

export class Time extends StarObject {
  readonly sec: bigint; // Unix seconds
  readonly nsec: number; // [0, 1e9)
  readonly loc: Location;
  readonly mono: bigint | undefined; // monotonic reading in ns, as Go's hasMonotonic
  /** Methods bound to this value (format, in_location), made by the module. */
  readonly methods: ReadonlyMap<string, Builtin>;

  constructor(
    sec: bigint,
    nsec: number,
    loc: Location,
    methods: ReadonlyMap<string, Builtin>,
    mono?: bigint,
  ) {
    super();
    this.sec = sec;
    this.nsec = nsec;
    this.loc = loc;
    this.methods = methods;
    this.mono = mono;
  }
  get type(): string {
    return 'time.time';
  }
  /** The same instant in another location; like Go's In, drops the monotonic reading. */
  withLoc(loc: Location): Time {
    return new Time(this.sec, this.nsec, loc, this.methods);
  }
  zone(): Zone {
    return this.loc.lookup(Number(this.sec));
  }
  /** Local wall-clock seconds (Unix-based) in this time's zone. */
  local(): { local: number; zone: Zone } {
    const zone = this.zone();
    return { local: Number(this.sec) + zone.offset, zone };
  }
  format(layout: string): string {
    const { local, zone } = this.local();
    return formatTime(layout, local, this.nsec, zone.abbr, zone.offset);
  }
  unixNano(): bigint {
    return wrap64(this.sec * NS_PER_SECOND + BigInt(this.nsec));
  }
  override truth(): boolean {
    return !(this.sec === ZERO_UNIX && this.nsec === 0);
  }
  override hash(): number {
    const u = BigInt.asUintN(64, this.unixNano());
    return Number((u ^ (u >> 32n)) & 0xffffffffn);
  }
  override str(): string {
    // starlark-go's String is the layout alone: no monotonic "m=" suffix.
    return this.format(STRING_LAYOUT);
  }
  override repr(out: string[]): void {
    out.push(this.str());
  }
  override attr(name: string): Value | undefined {
    const fields = ['year', 'month', 'day', 'hour', 'minute', 'second'];
    if (fields.includes(name)) {
      const { local } = this.local();
      const days = Math.floor(local / SECONDS_PER_DAY);
      const secOfDay = local - days * SECONDS_PER_DAY;
      const c = civilFromDays(days);
      const v = [
        c.year,
        c.month,
        c.day,
        Math.floor(secOfDay / 3600),
        Math.floor((secOfDay % 3600) / 60),
        secOfDay % 60,
      ];
      return v[fields.indexOf(name)]!;
    }
    switch (name) {
      case 'nanosecond':
        return this.nsec;
      case 'unix':
        return normBig(this.sec);
      case 'unix_nano':
        return normBig(this.unixNano());
    }
    return this.methods.get(name)?.bind(this);
  }
  override attrNames(): string[] {
    return [
      'format',
      'in_location',
      'year',
      'month',
      'day',
      'hour',
      'minute',
      'second',
      'nanosecond',
      'unix',
      'unix_nano',
    ];
  }
  override compareSameType(op: CompareOp, y: Value): boolean {
    return threeway(op, cmpTime(this, y as Time));
  }
  override binary(op: BinaryOp, y: Value, _side: Side): Value | undefined {
    if (op === '+' && y instanceof Duration) return this.add(y.ns);
    if (op === '-') {
      if (y instanceof Duration) return this.add(wrap64(-y.ns));
      if (y instanceof Time) return new Duration(sub(this, y));
    }
    return undefined;
  }
  /** Go's Time.Add. */
  add(d: bigint): Time {
    const total = BigInt(this.nsec) + (d % NS_PER_SECOND);
    let sec = this.sec + d / NS_PER_SECOND;
    let nsec = Number(total);
    if (nsec >= 1e9) {
      sec++;
      nsec -= 1e9;
    } else if (nsec < 0) {
      sec--;
      nsec += 1e9;
    }
    let mono = this.mono;
    if (mono !== undefined) {
      const te = wrap64(mono + d);
      // An overflowing monotonic reading is dropped, as Go does.
      mono = (d < 0n && te > mono) || (d > 0n && te < mono) ? undefined : te;
    }
    return new Time(sec, nsec, this.loc, this.methods, mono);
  }
}

/** Go's Before/After: by monotonic readings when both have one. */
function cmpTime(x: Time, y: Time): number {
  if (x.mono !== undefined && y.mono !== undefined)
    return x.mono < y.mono ? -1 : x.mono > y.mono ? 1 : 0;
  if (x.sec !== y.sec) return x.sec < y.sec ? -1 : 1;
  return x.nsec < y.nsec ? -1 : x.nsec > y.nsec ? 1 : 0;
}

/** Go's Sub: saturates at the int64 bounds. */
function sub(x: Time, y: Time): bigint {
  const d =
    x.mono !== undefined && y.mono !== undefined
      ? x.mono - y.mono
      : (x.sec - y.sec) * NS_PER_SECOND + BigInt(x.nsec - y.nsec);
  return d > MAX_I64 ? MAX_I64 : d < MIN_I64 ? MIN_I64 : d;
}
