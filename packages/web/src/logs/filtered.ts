// Filtered views of a growing log array, kept incrementally: when only new lines arrived, only
// they are filtered, so following a million-line log costs the new lines per update.
import { stripAnsi } from './ansi.ts';
import { isOpen, type LogFilter, matches } from './filter.ts';
import type { LogLine } from './log-store.ts';

export class FilteredLines {
  private src: readonly LogLine[] = [];
  private key: unknown;
  private done = 0;
  private out: LogLine[] = [];
  warnings = 0;
  errors = 0;

  /** The lines of `src` that pass `filter`; `key` identifies the filter (same key, same filter). */
  get(src: readonly LogLine[], filter: LogFilter, key: unknown): readonly LogLine[] {
    if (src !== this.src || key !== this.key || src.length < this.done) {
      this.src = src;
      this.key = key;
      this.done = 0;
      this.out = [];
      this.warnings = 0;
      this.errors = 0;
    }
    const open = isOpen(filter);
    for (let i = this.done; i < src.length; i++) {
      const l = src[i] as LogLine;
      if (l.anchor === true) {
        if (l.level === 'WARN') this.warnings++;
        else if (l.level === 'ERROR') this.errors++;
      }
      if (!open && matches(l, filter, stripAnsi(l.text))) this.out.push(l);
    }
    this.done = src.length;
    return open ? src : this.out;
  }
}
