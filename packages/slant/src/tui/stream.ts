// Stream mode (`slant up --stream`, non-TTY, `slant ci`): each log line as `name │ text` (the
// first line of a warning or error after "WARNING: " / "ERROR: ", as Tilt prints them), the
// name right-aligned in Tilt's 13-column field (longer names cut with "…") and coloured per
// resource (left out when one resource is asked for); the `--log-level/--log-source/
// --log-resource` filter decides what shows.
import {
  type FilterableLine,
  type LogFilterOptions,
  matchesLogFilter,
  suppressPrefix,
} from '../logs/filter.ts';
import { levelPrefix, sourcePrefix } from '../logs/log-store.ts';
import type { Colors } from './colors.ts';

export interface StreamOptions {
  readonly filter: LogFilterOptions;
  readonly colors: Colors;
}

/** The terminal text of one line (with its newline), or undefined when the filter hides it. */
export function formatStreamLine(line: FilterableLine, opts: StreamOptions): string | undefined {
  if (!matchesLogFilter(opts.filter, line)) return undefined;
  // With one resource asked for, Tilt leaves the prefix out: every line is that resource's.
  const prefix = suppressPrefix(opts.filter, false) ? '' : sourcePrefix(line.resource);
  const source = prefix === '' ? '' : opts.colors.resource(line.resource, prefix);
  return `${source}${levelPrefix(line)}${line.text}\n`;
}
