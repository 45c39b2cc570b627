// Which log lines a view shows: by source (build / runtime), level, and a search that is plain
// text (case-insensitive) or, between slashes, a regular expression (Tilt's logfilters).
import { isRuntimeSpan, type Level, type LogLine, type Source } from './log-store.ts';

export type LevelFilter = 'all' | 'warn' | 'error';

export interface Search {
  /** Matches in a line, as [start, end) ranges; empty when the line does not match. */
  ranges(text: string): [number, number][];
  /** Set when the search is a bad regular expression. */
  readonly error?: string;
}

export function parseSearch(term: string): Search | undefined {
  if (term === '') return undefined;
  const re = /^\/(.+)\/$/.exec(term);
  let pattern: RegExp;
  if (re !== null) {
    try {
      pattern = new RegExp(re[1] as string, 'gi');
    } catch (err) {
      return { ranges: () => [], error: (err as Error).message };
    }
  } else {
    pattern = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  }
  return {
    ranges(text) {
      const out: [number, number][] = [];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        if (m[0] === '') {
          pattern.lastIndex++;
          continue;
        }
        out.push([m.index, m.index + m[0].length]);
      }
      return out;
    },
  };
}

export interface LogFilter {
  readonly source: Source;
  readonly level: LevelFilter;
  readonly search?: Search | undefined;
}

function levelOk(level: Level, f: LevelFilter): boolean {
  if (f === 'all') return true;
  if (f === 'error') return level === 'ERROR';
  return level === 'WARN';
}

/** Whether a filter passes every line (then the store's own array can be shown as is). */
export function isOpen(f: LogFilter): boolean {
  return f.source === 'all' && f.level === 'all' && f.search === undefined;
}

export function matches(line: LogLine, f: LogFilter, plain: string): boolean {
  if (f.source !== 'all' && isRuntimeSpan(line.spanId) !== (f.source === 'runtime')) return false;
  if (!levelOk(line.level, f.level)) return false;
  if (f.search !== undefined && f.search.error === undefined) {
    return f.search.ranges(plain).length > 0;
  }
  return true;
}
