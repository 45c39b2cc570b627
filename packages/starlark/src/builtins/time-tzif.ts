// TZif zone files (the system zoneinfo database Go's LoadLocation reads): parsing as Go's
// LoadLocationFromTZData, and Go's Location.lookup over the transitions and the footer rule.
import type { Period } from './time-tzset.ts';
import { OMEGA, tzset } from './time-tzset.ts';

export interface TzZone {
  readonly name: string;
  readonly offset: number;
  readonly isDST: boolean;
}

export interface TzData {
  readonly zones: readonly TzZone[];
  readonly when: readonly number[]; // transition times (Unix seconds), ascending
  readonly index: readonly number[]; // zone of each transition
  readonly extend: string; // POSIX TZ rule for times after the last transition
}

/** Go's alpha: the start of time for a first period. */
const ALPHA = -Number.MAX_SAFE_INTEGER;

/** Parses TZif data; undefined when malformed (Go's "malformed time zone information"). */
export function parseTzif(data: Uint8Array): TzData | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  const take = (n: number): number | undefined => {
    if (pos + n > data.length) return undefined;
    const at = pos;
    pos += n;
    return at;
  };
  const counts = (): number[] | undefined => {
    const at = take(24);
    if (at === undefined) return undefined;
    return [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(at + 4 * i));
  };
  if (data.length < 20 || String.fromCharCode(...data.subarray(0, 4)) !== 'TZif') return undefined;
  const version = data[4]!;
  if (version !== 0 && version !== 0x32 && version !== 0x33) return undefined;
  pos = 20;
  let n = counts();
  if (n === undefined) return undefined;
  // [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt]
  let size = 4;
  if (version !== 0) {
    // Skip the 32-bit block and read the 64-bit one that follows it.
    const [ut, std, leap, time, zone, chars] = n as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (take(time * 4 + time + zone * 6 + chars + leap * 8 + std + ut + 20) === undefined) {
      return undefined;
    }
    n = counts();
    if (n === undefined) return undefined;
    size = 8;
  }
  const [, , leapcnt, timecnt, typecnt, charcnt] = n as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const txAt = take(timecnt * size);
  const idxAt = take(timecnt);
  const zoneAt = take(typecnt * 6);
  const abbrAt = take(charcnt);
  if (txAt === undefined || idxAt === undefined || zoneAt === undefined || abbrAt === undefined) {
    return undefined;
  }
  if (take(leapcnt * (size + 4)) === undefined) return undefined;
  if (take(n[1]!) === undefined || take(n[0]!) === undefined) return undefined;
  const rest = String.fromCharCode(...data.subarray(pos));
  const extend =
    rest.length > 2 && rest[0] === '\n' && rest.endsWith('\n') ? rest.slice(1, -1) : '';
  if (typecnt === 0) return undefined;
  const zones: TzZone[] = [];
  for (let i = 0; i < typecnt; i++) {
    const at = zoneAt + 6 * i;
    const abbrIndex = data[at + 5]!;
    if (abbrIndex >= charcnt) return undefined;
    let end = abbrAt + abbrIndex;
    while (end < abbrAt + charcnt && data[end] !== 0) end++;
    const name = String.fromCharCode(...data.subarray(abbrAt + abbrIndex, end));
    zones.push({ name, offset: view.getInt32(at), isDST: data[at + 4] !== 0 });
  }
  const when: number[] = [];
  const index: number[] = [];
  for (let i = 0; i < timecnt; i++) {
    when.push(size === 4 ? view.getInt32(txAt + 4 * i) : Number(view.getBigInt64(txAt + 8 * i)));
    const zi = data[idxAt + i]!;
    if (zi >= zones.length) return undefined;
    index.push(zi);
  }
  if (when.length === 0) {
    when.push(ALPHA);
    index.push(0);
  }
  return { zones, when, index, extend };
}

/** Go's lookupFirstZone: the zone for times before the first transition. */
function firstZone(d: TzData): number {
  if (!d.index.includes(0)) return 0;
  if (d.zones[d.index[0]!]!.isDST) {
    for (let zi = d.index[0]! - 1; zi >= 0; zi--) if (!d.zones[zi]!.isDST) return zi;
  }
  const zi = d.zones.findIndex((z) => !z.isDST);
  return Math.max(zi, 0);
}

/** Go's Location.lookup: the zone period containing sec. */
export function tzLookup(d: TzData, sec: number): Period {
  if (sec < d.when[0]!) {
    const z = d.zones[firstZone(d)]!;
    return { name: z.name, offset: z.offset, isDST: z.isDST, start: ALPHA, end: d.when[0]! };
  }
  let lo = 0;
  let hi = d.when.length;
  let end = OMEGA;
  while (hi - lo > 1) {
    const m = (lo + hi) >>> 1;
    if (sec < d.when[m]!) {
      end = d.when[m]!;
      hi = m;
    } else {
      lo = m;
    }
  }
  const z = d.zones[d.index[lo]!]!;
  const start = d.when[lo]!;
  if (lo === d.when.length - 1 && d.extend !== '') {
    const p = tzset(d.extend, start, sec);
    if (p !== undefined) return p;
  }
  return { name: z.name, offset: z.offset, isDST: z.isDST, start, end };
}
