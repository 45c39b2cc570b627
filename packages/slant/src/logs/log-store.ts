// The log store: every line Slant shows, in order, tagged with its resource and span (Tilt's
// logstore). Writers send raw chunks; the store completes lines per span (a chunk without a
// trailing newline waits for the rest of its line), scrubs Secret values, and tells subscribers
// about each completed line. Lines are kept in a bounded ring so a million-line session does
// not grow without end.
import type { Clock } from '../clock.ts';
import type { LogEntry, LogLevel, LogWriter } from './types.ts';

export interface LogLine {
  /** Position in the store, increasing from 1; a reader resumes after the last one it saw. */
  readonly seq: number;
  readonly resource: string;
  readonly spanId: string;
  readonly level: LogLevel;
  readonly time: Date;
  /** The line without its newline, Secret values scrubbed. */
  readonly text: string;
  readonly fields?: Readonly<Record<string, string>>;
  /**
   * The first line of a warning or error write (Tilt's anchored segment): terminals print it
   * after "WARNING: " or "ERROR: " (levelPrefix); the lines after it continue the message.
   */
  readonly anchor?: true;
}

/** Tilt's marker before the first line of a warning or an error, in terminal text. */
export function levelPrefix(line: {
  readonly level?: LogLevel;
  readonly anchor?: boolean;
}): string {
  if (line.anchor !== true) return '';
  return line.level === 'WARN' ? 'WARNING: ' : line.level === 'ERROR' ? 'ERROR: ' : '';
}

export interface SecretValue {
  /** The raw value and its base64 form both become `replacement`. */
  readonly value: string;
  readonly valueEncoded: string;
  readonly replacement: string;
}

/** Tilt doesn't scrub values this short: scrubbing them would mangle unrelated text. */
const MIN_SECRET_LENGTH = 5;

export interface LogStoreOptions {
  readonly clock: Clock;
  /** Lines kept before the oldest are dropped (default 1,000,000). */
  readonly maxLines?: number;
}

interface Pending {
  text: string;
  level: LogLevel;
  resource: string;
  anchor: boolean;
}

export class LogStore implements LogWriter {
  private readonly clock: Clock;
  private readonly maxLines: number;
  private readonly lines: LogLine[] = [];
  /** Index in `lines` of the oldest kept line (the ring's start). */
  private start = 0;
  private seq = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(line: LogLine) => void>();
  private secrets: readonly SecretValue[] = [];

  constructor(opts: LogStoreOptions) {
    this.clock = opts.clock;
    this.maxLines = opts.maxLines ?? 1_000_000;
  }

  /** Replaces the set of Secret values to scrub (the Tiltfile's Secrets). Tilt never forgets one. */
  addSecrets(secrets: readonly SecretValue[]): void {
    const known = new Set(this.secrets.map((s) => s.value));
    const added = secrets.filter((s) => s.value.length >= MIN_SECRET_LENGTH && !known.has(s.value));
    if (added.length > 0) this.secrets = [...this.secrets, ...added];
  }

  write(entry: LogEntry): void {
    if (entry.text === '') return;
    const key = `${entry.resource}\u0000${entry.spanId}`;
    const level = entry.level ?? 'INFO';
    const prev = this.pending.get(key);
    let text = entry.text;
    // A line's level and anchor are those of the write that started it (Tilt's first segment).
    let anchor = level === 'WARN' || level === 'ERROR';
    let lineLevel = level;
    if (prev !== undefined) {
      text = prev.text + text;
      anchor = prev.anchor;
      lineLevel = prev.level;
      this.pending.delete(key);
    }
    const parts = text.split('\n');
    const last = parts.pop() ?? '';
    for (const part of parts) {
      this.append(entry, lineLevel, part.replace(/\r$/, ''), anchor);
      anchor = false;
      lineLevel = level;
    }
    if (last !== '') {
      this.pending.set(key, { text: last, level: lineLevel, resource: entry.resource, anchor });
    }
  }

  /** Ends every partial line (e.g. before exit), so nothing written is lost. */
  flush(): void {
    for (const [key, p] of this.pending) {
      const spanId = key.slice(key.indexOf('\u0000') + 1);
      this.append({ resource: p.resource, spanId, text: p.text }, p.level, p.text, p.anchor);
    }
    this.pending.clear();
  }

  private append(entry: LogEntry, level: LogLevel, rawText: string, anchor: boolean): void {
    const line: LogLine = {
      seq: ++this.seq,
      resource: entry.resource,
      spanId: entry.spanId,
      level,
      time: this.clock.now(),
      text: this.scrub(rawText),
      ...(entry.fields === undefined ? {} : { fields: entry.fields }),
      ...(anchor ? { anchor: true as const } : {}),
    };
    this.lines.push(line);
    if (this.lines.length - this.start > this.maxLines) {
      this.start++;
      // Compact now and then instead of shifting on every line.
      if (this.start > this.maxLines) {
        this.lines.splice(0, this.start);
        this.start = 0;
      }
    }
    for (const l of this.listeners) l(line);
  }

  private scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) {
      if (out.includes(s.value)) out = out.split(s.value).join(s.replacement);
      if (out.includes(s.valueEncoded)) out = out.split(s.valueEncoded).join(s.replacement);
    }
    return out;
  }

  /** Lines after `afterSeq` (all kept lines by default), optionally of one resource. */
  read(opts: { afterSeq?: number; resource?: string } = {}): LogLine[] {
    const after = opts.afterSeq ?? 0;
    const out: LogLine[] = [];
    for (let i = this.start; i < this.lines.length; i++) {
      const l = this.lines[i] as LogLine;
      if (l.seq <= after) continue;
      if (opts.resource !== undefined && l.resource !== opts.resource) continue;
      out.push(l);
    }
    return out;
  }

  /** The text of one resource's lines (or all), newline-terminated, for tests and `slant logs`. */
  text(resource?: string): string {
    return this.read(resource === undefined ? {} : { resource })
      .map((l) => `${l.text}\n`)
      .join('');
  }

  /**
   * Up to `limit` lines after `afterSeq`, found by position rather than a scan (seqs of kept
   * lines are consecutive), for readers that page through a million lines.
   */
  readAfter(afterSeq: number, limit: number): LogLine[] {
    const kept = this.lines.length - this.start;
    if (kept === 0) return [];
    const firstSeq = (this.lines[this.start] as LogLine).seq;
    const from = this.start + Math.max(0, afterSeq - firstSeq + 1);
    return this.lines.slice(from, Math.min(this.lines.length, from + limit));
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Calls `fn` for every line completed from now on; returns the unsubscribe function. */
  subscribe(fn: (line: LogLine) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

/** Tilt's column of right-aligned resource names before each line in the terminal. */
const PREFIX_WIDTH = 13;

export function sourcePrefix(resource: string): string {
  if (resource === '' || resource === '(Tiltfile)') return '';
  const name =
    resource.length > PREFIX_WIDTH
      ? `${resource.slice(0, PREFIX_WIDTH - 1)}…`
      : resource.padStart(PREFIX_WIDTH);
  return `${name} │ `;
}
