// The client's copy of the logs: every line the server sent, in order, indexed by resource so a
// resource with a million lines opens without a scan. Lines are kept up to a cap (default
// 5,000,000 lines, far above Tilt's 2 MB); past it the oldest tenth is dropped at once.
import type { LogList } from '@slant/api';

export type Level = 'INFO' | 'WARN' | 'ERROR';
export type Source = 'all' | 'build' | 'runtime';

export interface LogLine {
  /** Unique in the store, increasing (one segment may hold several lines of one seq). */
  readonly id: number;
  /** The checkpoint of the line (its position in the session's log). */
  readonly seq: number;
  readonly spanId: string;
  /** '' for global lines. */
  readonly manifestName: string;
  readonly level: Level;
  readonly text: string;
  readonly time: string;
  /** The first line of a warning or an error: one alert, as Tilt counts them. */
  readonly anchor?: true;
}

/** Pod logs, serve commands and Compose containers are runtime; the rest are builds. */
export function isRuntimeSpan(spanId: string): boolean {
  return spanId.startsWith('pod:') || spanId.startsWith('localserve:') || spanId.startsWith('dc:');
}

export const DEFAULT_MAX_LINES = 5_000_000;

export interface SpanAlerts {
  warnings: number;
  errors: number;
}

const NO_ALERTS: SpanAlerts = { warnings: 0, errors: 0 };

export class ClientLogStore {
  private lines: LogLine[] = [];
  private byManifest = new Map<string, LogLine[]>();
  private readonly spans = new Map<string, string>();
  private readonly pending = new Map<string, string>();
  /** Warnings and errors per span (their first lines): the alerts, as Tilt derives them. */
  private readonly alerts = new Map<string, SpanAlerts>();
  private readonly maxLines: number;
  private nextId = 0;
  /** The last checkpoint applied; the client resumes from it after a reconnect. */
  checkpoint = 0;
  /** Bumped on every change, so views know to re-render. */
  version = 0;

  constructor(maxLines = DEFAULT_MAX_LINES) {
    this.maxLines = maxLines;
  }

  append(list: LogList | undefined): void {
    if (list === undefined) return;
    for (const [id, span] of Object.entries(list.spans ?? {})) {
      this.spans.set(id, span.manifestName ?? '');
    }
    let seq = list.fromCheckpoint ?? this.checkpoint;
    for (const seg of list.segments ?? []) {
      seq++;
      const spanId = seg.spanId ?? '';
      const before = this.pending.get(spanId);
      const text = (before ?? '') + (seg.text ?? '');
      this.pending.delete(spanId);
      // A segment that continues a partial line does not start an alert.
      let anchor = seg.anchor === true && before === undefined;
      const parts = text.split('\n');
      const rest = parts.pop() ?? '';
      if (rest !== '') this.pending.set(spanId, rest);
      const level: Level = seg.level === 'WARN' || seg.level === 'ERROR' ? seg.level : 'INFO';
      for (const part of parts) {
        this.push({
          id: ++this.nextId,
          seq,
          spanId,
          manifestName: this.spans.get(spanId) ?? '',
          level,
          text: part,
          time: seg.time ?? '',
          ...(anchor ? { anchor: true as const } : {}),
        });
        anchor = false;
      }
    }
    if (list.toCheckpoint !== undefined) this.checkpoint = list.toCheckpoint;
    this.version++;
  }

  private count(line: LogLine, by: number): void {
    if (line.level === 'INFO' || line.anchor !== true) return;
    let a = this.alerts.get(line.spanId);
    if (a === undefined) this.alerts.set(line.spanId, (a = { warnings: 0, errors: 0 }));
    if (line.level === 'WARN') a.warnings += by;
    else a.errors += by;
  }

  /** The warnings and errors kept for a span. */
  alertsOf(spanId: string | undefined): SpanAlerts {
    return spanId === undefined ? NO_ALERTS : (this.alerts.get(spanId) ?? NO_ALERTS);
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    this.count(line, 1);
    let own = this.byManifest.get(line.manifestName);
    if (own === undefined) this.byManifest.set(line.manifestName, (own = []));
    own.push(line);
    if (this.lines.length > this.maxLines) this.dropOldest(Math.ceil(this.maxLines / 10));
  }

  private dropOldest(n: number): void {
    const firstKept = this.lines[n]?.seq ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < n && i < this.lines.length; i++) this.count(this.lines[i] as LogLine, -1);
    this.lines = this.lines.slice(n);
    for (const [name, own] of this.byManifest) {
      let i = 0;
      while (i < own.length && (own[i] as LogLine).seq < firstKept) i++;
      this.byManifest.set(name, own.slice(i));
    }
  }

  /** Every line, or one resource's; the array is the store's own: do not change it. */
  linesOf(manifestName: string | undefined): readonly LogLine[] {
    if (manifestName === undefined) return this.lines;
    return this.byManifest.get(manifestName) ?? [];
  }

  get size(): number {
    return this.lines.length;
  }

  /** Forgets everything (a new session of the server). */
  reset(): void {
    this.lines = [];
    this.byManifest = new Map();
    this.spans.clear();
    this.pending.clear();
    this.alerts.clear();
    this.checkpoint = 0;
    this.version++;
  }
}
