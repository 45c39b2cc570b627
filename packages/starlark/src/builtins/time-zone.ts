// Locations for time.time: UTC, fixed offsets, and IANA zones. Like Go's LoadLocation, zones are
// read from the system's zoneinfo files (TZif); only where the system has no zoneinfo
// directory do they come from the JS engine's Intl data (offsets exact, abbreviations
// approximate).
import { readFileSync, statSync } from 'node:fs';
import { StarlarkError } from '../errors.ts';
import { daysFromCivil, SECONDS_PER_DAY } from './time-calendar.ts';
import type { TzData, TzZone } from './time-tzif.ts';
import { parseTzif, tzLookup } from './time-tzif.ts';

export interface Zone {
  readonly abbr: string;
  readonly offset: number; // seconds east of UTC
}

export interface Location {
  readonly name: string;
  /** The zone in effect at a Unix time (seconds). */
  lookup(unix: number): Zone;
  /** The zones of a TZif location (for Go's lookupName). */
  readonly zones?: readonly TzZone[];
}

function tzifLocation(name: string, data: TzData): Location {
  return {
    name,
    zones: data.zones,
    lookup(unix: number): Zone {
      const p = tzLookup(data, unix);
      return { abbr: p.name, offset: p.offset };
    },
  };
}

const UTC_ZONE: Zone = { abbr: 'UTC', offset: 0 };
export const UTC: Location = { name: 'UTC', lookup: () => UTC_ZONE };

export function fixedZone(name: string, offset: number): Location {
  const z: Zone = { abbr: name, offset };
  return { name, lookup: () => z };
}

// The range of JS Dates, in seconds; Intl cannot look outside it.
const DATE_LIMIT = 8.64e12;

/** A zone of the Intl database, looked up by formatting the instant in it. */
function intlLocation(name: string, zoneId: string): Location {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zoneId,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    timeZoneName: 'short',
  });
  return {
    name,
    lookup(unix: number): Zone {
      const t = Math.max(
        -DATE_LIMIT + SECONDS_PER_DAY,
        Math.min(DATE_LIMIT - SECONDS_PER_DAY, unix),
      );
      const whole = Math.floor(t);
      const f: Record<string, string> = {};
      for (const p of fmt.formatToParts(new Date(whole * 1000))) f[p.type] = p.value;
      const y = Number(f.year);
      const year = f.era === 'BC' || f.era === 'B' ? 1 - y : y;
      const local =
        daysFromCivil(year, Number(f.month), Number(f.day)) * SECONDS_PER_DAY +
        Number(f.hour) * 3600 +
        Number(f.minute) * 60 +
        Number(f.second);
      const offset = local - whole;
      return { abbr: abbreviation(f.timeZoneName ?? '', offset), offset };
    },
  };
}

/**
 * tzdata's abbreviation where Intl has one ("EST", "UTC", "GMT"); for "GMT+1"-style names,
 * tzdata's numeric form ("+01", "+0530"), the form it uses for zones without letters.
 */
function abbreviation(intlName: string, offset: number): string {
  if (!/^GMT[+-]/.test(intlName)) return intlName;
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = Math.floor((a % 3600) / 60);
  return `${offset < 0 ? '-' : '+'}${hh}${mm === 0 ? '' : String(mm).padStart(2, '0')}`;
}

const ZONEINFO_DIRS = [
  '/usr/share/zoneinfo/',
  '/usr/share/lib/zoneinfo/',
  '/usr/lib/locale/TZ/',
  '/etc/zoneinfo/',
];

/** Go's messages for the errors of reading a zone file (it reports the bare errno text). */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
};

/**
 * Go's loadLocation over directories: the first readable, well-formed file wins; a missing
 * file is skipped; otherwise the first other error is reported.
 */
function loadFromDirs(name: string, dirs: readonly string[], locName: string): Location | Error {
  let firstErr: Error | undefined;
  for (const dir of dirs) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(dir + name);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (code !== 'ENOENT')
        firstErr ??= new Error(ERRNO_TEXT[code] ?? String((e as Error).message));
      continue;
    }
    const data = parseTzif(bytes);
    if (data !== undefined) return tzifLocation(locName, data);
    firstErr ??= new Error('malformed time zone information');
  }
  return firstErr ?? new Error(`unknown time zone ${name}`);
}

function hasZoneinfo(): boolean {
  return ZONEINFO_DIRS.some((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
}

function intlZone(name: string): Location | Error {
  try {
    return intlLocation(
      name,
      new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone,
    );
  } catch {
    return new Error(`unknown time zone ${name}`);
  }
}

/** Go's initLocal: $TZ, else /etc/localtime; UTC when neither gives a zone. */
function loadLocal(): Location {
  const tz = process.env.TZ;
  const utc: Location = { name: 'UTC', lookup: UTC.lookup };
  if (!hasZoneinfo()) {
    const id = tz === '' ? 'UTC' : new Intl.DateTimeFormat().resolvedOptions().timeZone;
    const loc = intlZone(id);
    return loc instanceof Error || id === 'UTC' || id === 'Etc/UTC'
      ? utc
      : { ...loc, name: 'Local' };
  }
  if (tz === undefined) {
    const loc = loadFromDirs('localtime', ['/etc/'], 'Local');
    return loc instanceof Error ? utc : loc;
  }
  const name = tz.startsWith(':') ? tz.slice(1) : tz;
  if (name.startsWith('/')) {
    const loc = loadFromDirs(name, [''], name === '/etc/localtime' ? 'Local' : name);
    return loc instanceof Error ? utc : loc;
  }
  if (name !== '' && name !== 'UTC') {
    const loc = loadFromDirs(name, ZONEINFO_DIRS, name);
    return loc instanceof Error ? utc : loc;
  }
  return utc;
}

/** A per-module cache of loaded locations. */
export class Locations {
  private readonly cache = new Map<string, Location | Error>();

  /** Go's Local. */
  local(): Location {
    const hit = this.cache.get('Local');
    if (hit !== undefined && !(hit instanceof Error)) return hit;
    const loc = loadLocal();
    this.cache.set('Local', loc);
    return loc;
  }

  /** Go's time.LoadLocation, with its messages. */
  load(name: string): Location {
    if (name === '' || name === 'UTC') return UTC;
    if (name === 'Local') return this.local();
    if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) {
      throw new StarlarkError('time: invalid location name');
    }
    let loc = this.cache.get(name);
    if (loc === undefined) {
      // $ZONEINFO first, as Go; then the system directories (or Intl where there are none).
      const env = process.env.ZONEINFO;
      const fromEnv = env ? loadFromDirs(name, [`${env}/`], name) : undefined;
      loc =
        fromEnv !== undefined && !(fromEnv instanceof Error)
          ? fromEnv
          : hasZoneinfo()
            ? loadFromDirs(name, ZONEINFO_DIRS, name)
            : intlZone(name);
      this.cache.set(name, loc);
    }
    if (loc instanceof Error) throw new StarlarkError(loc.message);
    return loc;
  }
}
