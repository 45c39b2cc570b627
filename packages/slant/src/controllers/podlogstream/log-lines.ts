// Turning a raw log stream into lines. The controller asks the API server for timestamped lines
// (`2024-01-01T10:00:00.123456789Z text`) so that a stream restarted after a reconnect or a
// container restart can skip every line it already wrote, then strips the timestamps.

/** A log line's time: whole seconds since the epoch plus nanoseconds (Date keeps only ms). */
export interface LogTimestamp {
  readonly sec: number;
  readonly nano: number;
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/** Splits `<RFC 3339 nano timestamp> <text>`; a line without one comes back whole. */
export function splitTimestamp(line: string): { ts?: LogTimestamp; text: string } {
  const m = TIMESTAMP.exec(line);
  if (m === null) return { text: line };
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return { text: line };
  const nano = Number((m[2] ?? '').padEnd(9, '0'));
  return { ts: { sec: ms / 1000, nano }, text: line.slice(m[0].length) };
}

export function compareTimestamps(a: LogTimestamp, b: LogTimestamp): number {
  return a.sec - b.sec || a.nano - b.nano;
}

export function timestampToDate(ts: LogTimestamp): Date {
  return new Date(ts.sec * 1000 + Math.floor(ts.nano / 1e6));
}

export function dateToTimestamp(d: Date): LogTimestamp {
  const ms = d.getTime();
  const sec = Math.floor(ms / 1000);
  return { sec, nano: (ms - sec * 1000) * 1e6 };
}

/** Cuts chunks into whole lines (without the newline), keeping a partial tail for later. */
export class LineSplitter {
  private tail = '';

  push(chunk: string): string[] {
    const parts = (this.tail + chunk).split('\n');
    this.tail = parts.pop() ?? '';
    return parts;
  }

  /** The unterminated rest, if any (at the end of a stream). */
  flush(): string | undefined {
    const rest = this.tail;
    this.tail = '';
    return rest === '' ? undefined : rest;
  }
}
