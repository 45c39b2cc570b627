// Locations for time.time: UTC, fixed offsets, and IANA zones. Offsets of IANA zones come from
// the JS engine's Intl (ICU) data; the set of valid names is Go's: the files of the system
// zoneinfo directory when there is one (as Go's LoadLocation reads them), else what Intl knows.
import { statSync } from 'node:fs';
import { StarlarkError } from '../errors.ts';
import { daysFromCivil, SECONDS_PER_DAY } from './time-calendar.ts';

export interface Zone {
  readonly abbr: string;
  readonly offset: number; // seconds east of UTC
}

export interface Location {
  readonly name: string;
  /** The zone in effect at a Unix time (seconds). */
  lookup(unix: number): Zone;
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

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Whether Go's LoadLocation would find the zone name (see the file comment). */
function zoneExists(name: string): boolean {
  const dirs = ZONEINFO_DIRS.filter(isDir);
  if (dirs.length > 0) return dirs.some((d) => isFile(d + name));
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A per-module cache of loaded locations (building an Intl formatter is slow). */
export class Locations {
  private readonly cache = new Map<string, Location>();

  /** Go's Local: the zone of the TZ variable or the system, named "Local". */
  local(): Location {
    return this.load('Local');
  }

  /** Go's time.LoadLocation, with its messages. */
  load(name: string): Location {
    if (name === '' || name === 'UTC') return UTC;
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    let loc: Location;
    if (name === 'Local') {
      const id = new Intl.DateTimeFormat().resolvedOptions().timeZone;
      loc =
        id === 'UTC' || id === 'Etc/UTC'
          ? { name: 'Local', lookup: UTC.lookup }
          : intlLocation('Local', id);
    } else {
      if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) {
        throw new StarlarkError('time: invalid location name');
      }
      if (!zoneExists(name)) throw new StarlarkError(`unknown time zone ${name}`);
      let id = name;
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: name });
      } catch {
        id = 'UTC'; // a file Intl does not know (e.g. "posixrules" aliases): best effort
      }
      loc = intlLocation(name, id);
    }
    this.cache.set(name, loc);
    return loc;
  }
}
