// Watch fan-out. Writes enqueue events and return; one microtask later the queue is drained in
// write order. Each subscriber gets only events of writes made after it subscribed, so a
// list-then-watch taken in the same synchronous step never misses or repeats a write. A throwing
// watcher is reported and skipped: it can neither block the store nor starve other watchers.
import type { ApiObject, Kind } from '@slant/api';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** The object after the write; for DELETED, the last state with deletionTimestamp set. */
  object: ApiObject;
}

export type WatchHandler = (event: WatchEvent) => void;

interface Subscriber {
  readonly kind: Kind | undefined;
  readonly handler: WatchHandler;
  active: boolean;
}

export class WatchHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly pending: { sub: Subscriber; event: WatchEvent }[] = [];
  private scheduled = false;
  private readonly onWatcherError: (err: unknown) => void;

  constructor(onWatcherError: (err: unknown) => void) {
    this.onWatcherError = onWatcherError;
  }

  /** `initial` events are queued for this subscriber ahead of any later write's events. */
  subscribe(
    kind: Kind | undefined,
    handler: WatchHandler,
    initial: readonly WatchEvent[] = [],
  ): () => void {
    const sub: Subscriber = { kind, handler, active: true };
    this.subscribers.add(sub);
    for (const event of initial) this.pending.push({ sub, event });
    this.schedule();
    return () => {
      sub.active = false;
      this.subscribers.delete(sub);
    };
  }

  publish(event: WatchEvent): void {
    for (const sub of this.subscribers) {
      if (sub.kind === undefined || sub.kind === event.object.kind) {
        this.pending.push({ sub, event });
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (!this.scheduled && this.pending.length > 0) {
      this.scheduled = true;
      queueMicrotask(() => this.drain());
    }
  }

  private drain(): void {
    // Handlers may write; their events join this same drain, after the ones already queued.
    for (let i = 0; i < this.pending.length; i++) {
      const { sub, event } = this.pending[i]!;
      if (!sub.active) continue;
      try {
        sub.handler(event);
      } catch (err) {
        this.onWatcherError(err);
      }
    }
    this.pending.length = 0;
    this.scheduled = false;
  }
}
