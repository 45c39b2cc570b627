// A WatcherFactory for unit tests: records every watch; tests emit events and errors into it.
import type { WatcherFactory, WatchHandle } from './types.ts';

export class FakeWatch implements WatchHandle {
  readonly paths: readonly string[];
  closed = false;
  private readonly onEvents: (paths: string[]) => void;
  private readonly onError: (err: Error) => void;

  constructor(
    paths: readonly string[],
    onEvents: (paths: string[]) => void,
    onError: (err: Error) => void,
  ) {
    this.paths = paths;
    this.onEvents = onEvents;
    this.onError = onError;
  }

  /** Delivers a batch of changed paths (dropped once closed, as a real watch would). */
  emit(...paths: string[]): void {
    if (!this.closed) this.onEvents(paths);
  }

  fail(err: Error): void {
    if (!this.closed) this.onError(err);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export class FakeWatcherFactory implements WatcherFactory {
  readonly watches: FakeWatch[] = [];
  /** When set, the next watch() rejects with it (then it is cleared). */
  failNext: Error | undefined;

  async watch(
    paths: readonly string[],
    onEvents: (paths: string[]) => void,
    onError: (err: Error) => void,
  ): Promise<FakeWatch> {
    const err = this.failNext;
    if (err !== undefined) {
      this.failNext = undefined;
      throw err;
    }
    const w = new FakeWatch([...paths], onEvents, onError);
    this.watches.push(w);
    return w;
  }

  /** The watches not closed yet. */
  open(): FakeWatch[] {
    return this.watches.filter((w) => !w.closed);
  }
}
