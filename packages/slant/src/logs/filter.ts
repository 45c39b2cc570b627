// Which log lines a reader wants, as Tilt's log filter decides it (`slant logs` and the
// `--log-*` flags of `slant up`): by resource, by source (build spans vs runtime), by level
// (warn/error show only lines of exactly that level), by time; and how a line prints.
import { UserError } from '../errors.ts';
import { levelPrefix } from './log-store.ts';
import type { LogLevel } from './types.ts';

export type LogSource = 'all' | 'build' | 'runtime';

/** What the filter needs of a line (a LogLine, or one read back from the HTTP API). */
export interface FilterableLine {
  readonly resource: string;
  readonly spanId: string;
  readonly level: LogLevel;
  readonly time: Date | string;
  readonly text: string;
  /** The first line of a warning or error (printed after "WARNING: " / "ERROR: "). */
  readonly anchor?: boolean;
}

export interface LogFilterOptions {
  /** Resource names; empty = all. */
  readonly resources: readonly string[];
  readonly source: LogSource;
  /** Undefined = every level. */
  readonly level?: 'WARN' | 'ERROR';
  /** Only lines at or after this time. */
  readonly since?: Date;
}

/** Build spans, as Tilt tells them apart: `build:` and `cmdimage:` prefixes. */
export function isBuildSpan(spanId: string): boolean {
  return spanId.startsWith('build:') || spanId.startsWith('cmdimage:');
}

export function parseLogLevel(raw: string | undefined): 'WARN' | 'ERROR' | undefined {
  const v = (raw ?? '').toLowerCase();
  if (v === '') return undefined;
  if (v === 'warn') return 'WARN';
  if (v === 'error') return 'ERROR';
  throw new UserError('bad-flag', `invalid log level: ${raw}`, 'Use one of "warn", "error".');
}

export function parseLogSource(raw: string | undefined): LogSource {
  const v = (raw ?? 'all').toLowerCase();
  if (v === '' || v === 'all') return 'all';
  if (v === 'build' || v === 'runtime') return v;
  throw new UserError(
    'bad-flag',
    `invalid log source: ${raw}`,
    'Use one of "all", "build", "runtime".',
  );
}

export function matchesLogFilter(f: LogFilterOptions, line: FilterableLine): boolean {
  if (f.resources.length > 0 && !f.resources.includes(line.resource)) return false;
  const build = isBuildSpan(line.spanId);
  if (f.source === 'runtime' && build) return false;
  if (f.source === 'build' && !build) return false;
  if (f.level !== undefined && line.level !== f.level) return false;
  if (f.since !== undefined && new Date(line.time).getTime() < f.since.getTime()) return false;
  return true;
}

/** Tilt leaves the resource prefix out when one resource is shown, and in JSON. */
export function suppressPrefix(f: LogFilterOptions, json: boolean): boolean {
  return f.resources.length === 1 || json;
}

/** The `--json` form of a line (Tilt's JSONLogLine fields). */
export function jsonLogLine(
  line: FilterableLine & { fields?: Readonly<Record<string, string>> },
): string {
  const time = new Date(line.time).toISOString().replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({
    time,
    resource: line.resource,
    level: line.level.toLowerCase(),
    message: `${levelPrefix(line)}${line.text}`,
    spanID: line.spanId,
    progressID: line.fields?.progressID ?? '',
    buildEvent: line.fields?.buildEvent ?? '',
    source: isBuildSpan(line.spanId) ? 'build' : 'runtime',
  });
}
