// Keeps one websocket client up to date: first the complete objects, then, every `flushMs`, an
// update holding only the objects that changed and the log lines the client has not seen. Logs
// are read from the log store at send time, from the client's cursor, at most `maxSegments` per
// message; while the socket's buffer is over `maxBuffered` nothing more is queued, so a slow
// client costs its own socket buffer and a cursor, never a growing backlog on the server.
import type { ApiObject, View } from '@slant/api';
import type { Clock, TimerHandle } from '../clock.ts';
import { microTime } from '../controllers/common/time.ts';
import { addToView, completeObjects, logsAfter, VIEW_KINDS, type ViewSource } from './view.ts';

export interface ViewSink {
  send(text: string): void;
  /** Bytes queued on the socket and not yet sent. */
  bufferedAmount(): number;
}

export interface ViewStreamOptions {
  readonly source: ViewSource;
  readonly clock: Clock;
  readonly sink: ViewSink;
  /** The last log checkpoint the client holds (0: none). */
  readonly fromCheckpoint: number;
  readonly flushMs?: number;
  readonly maxSegments?: number;
  readonly maxBuffered?: number;
}

export class ViewStream {
  private readonly opts: ViewStreamOptions;
  private readonly flushMs: number;
  private readonly maxSegments: number;
  private readonly maxBuffered: number;
  private cursor: number;
  /** Changed objects by kind/name since the last message; deleted ones carry the deletion time. */
  private readonly changed = new Map<string, { obj: ApiObject; deletedAt?: string }>();
  private timer: TimerHandle | undefined;
  private readonly stops: (() => void)[] = [];
  private closed = false;

  constructor(opts: ViewStreamOptions) {
    this.opts = opts;
    this.flushMs = opts.flushMs ?? 50;
    this.maxSegments = opts.maxSegments ?? 50_000;
    this.maxBuffered = opts.maxBuffered ?? 4 * 1024 * 1024;
    // A checkpoint from the future belongs to another run's numbering: start over.
    this.cursor = opts.fromCheckpoint > opts.source.logs.lastSeq ? 0 : opts.fromCheckpoint;
  }

  /** Sends the complete objects, then follows the store and the logs. */
  start(): void {
    const { store, logs } = this.opts.source;
    for (const kind of VIEW_KINDS) {
      this.stops.push(
        store.watch(
          (e) => {
            const key = `${e.object.kind}/${e.object.metadata.name}`;
            const deletedAt = e.type === 'DELETED' ? microTime(this.opts.clock.now()) : undefined;
            this.changed.set(key, {
              obj: e.object,
              ...(deletedAt === undefined ? {} : { deletedAt }),
            });
            this.schedule();
          },
          { kind },
        ),
      );
    }
    this.stops.push(logs.subscribe(() => this.schedule()));
    const first = completeObjects(this.opts.source);
    first.logList = logsAfter(logs, this.cursor, this.maxSegments);
    this.cursor = first.logList.toCheckpoint ?? this.cursor;
    this.opts.sink.send(JSON.stringify(first));
    if (this.cursor < logs.lastSeq) this.schedule(0);
  }

  close(): void {
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
    if (this.timer !== undefined) this.opts.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs = this.flushMs): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delayMs);
  }

  private flush(): void {
    if (this.closed) return;
    if (this.opts.sink.bufferedAmount() > this.maxBuffered) {
      this.schedule(10);
      return;
    }
    const view: View = {};
    for (const { obj, deletedAt } of this.changed.values()) addToView(view, obj, deletedAt);
    this.changed.clear();
    const { logs } = this.opts.source;
    if (this.cursor < logs.lastSeq) {
      view.logList = logsAfter(logs, this.cursor, this.maxSegments);
      this.cursor = view.logList.toCheckpoint ?? this.cursor;
    }
    if (Object.keys(view).length > 0) this.opts.sink.send(JSON.stringify(view));
    // More lines than one message holds: a client catching up gets the rest right away (as
    // fast as its socket drains), not one message per flush interval.
    if (this.cursor < logs.lastSeq) this.schedule(0);
  }
}
