// What every reconciler writes its output through. The log store (log-store.ts) keeps the lines
// in spans per resource, scrubs Secret values and feeds the terminal, the web UI and `slant logs`.

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

export interface LogEntry {
  /** The resource (manifest) name, from the object's `tilt.dev/resource` annotation; '' = global. */
  readonly resource: string;
  /**
   * The span, as Tilt names them: the object's `tilt.dev/log-span-id` annotation (e.g.
   * `dockerimage:app:app`, `cmd:web:update`), `pod:<resource>:<pod>` for pod logs,
   * `tiltfile:update:<n>` for Tiltfile runs.
   */
  readonly spanId: string;
  /** Raw text; may hold several lines or a partial line (the store splits and joins). */
  readonly text: string;
  readonly level?: LogLevel;
  /** Extra fields, e.g. `{ progressID }` for lines that replace each other. */
  readonly fields?: Readonly<Record<string, string>>;
}

export interface LogWriter {
  write(entry: LogEntry): void;
}

/** A LogWriter for tests: keeps every entry. */
export class MemoryLogWriter implements LogWriter {
  readonly entries: LogEntry[] = [];
  write(entry: LogEntry): void {
    this.entries.push(entry);
  }
  /** The text written for one resource (or all), joined. */
  text(resource?: string): string {
    return this.entries
      .filter((e) => resource === undefined || e.resource === resource)
      .map((e) => e.text)
      .join('');
  }
}
