// The manager: one work queue per reconciler, fed by store watch events. Events of the
// reconciler's own kind enqueue the object's name; events of watched kinds are mapped to names
// by the reconciler's map functions; events of owned kinds enqueue the owner named in their
// ownerReferences (controller-runtime's For / Watches+EnqueueRequestsFromMapFunc / Owns).
import type { ApiObject, Kind } from '@slant/api';
import type { Clock } from '../clock.ts';
import type { ObjectStore } from '../store/store.ts';
import type { WatchEvent } from '../store/watch.ts';
import { type ProcessOutcome, type RateLimit, WorkQueue } from './workqueue.ts';

export interface ReconcileContext {
  store: ObjectStore;
  clock: Clock;
  /** Aborted when the manager stops: long I/O should give up. */
  signal: AbortSignal;
}

export interface WatchMapping {
  kind: Kind;
  /** Names of this reconciler's objects to reconcile when `obj` changes (or is deleted). */
  map(obj: ApiObject): readonly string[];
}

export interface Reconciler {
  /** The kind this reconciler converges; its objects' names are the queue keys. */
  kind: Kind;
  /** A short unique name for logs and errors; defaults to the kind. */
  name?: string;
  /**
   * Level-based: read the object (it may be gone), converge, write status. Throw only for
   * unexpected failures; they are retried with backoff. Expected ones belong in status.error.
   */
  reconcile(name: string, ctx: ReconcileContext): Promise<ProcessOutcome>;
  watches?: readonly WatchMapping[];
  /** Kinds whose objects this kind owns: their events reconcile the owner. */
  owns?: readonly Kind[];
  maxConcurrent?: number;
}

export interface ManagerDeps {
  store: ObjectStore;
  clock: Clock;
  /** Told about each failed reconcile (the key is retried with backoff). */
  onReconcileError?: (reconciler: string, name: string, err: unknown, retryInMs: number) => void;
  /** Told when a watch map function throws (that mapping is skipped for the event). */
  onMapError?: (reconciler: string, obj: ApiObject, err: unknown) => void;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Per reconciler; defaults to DEFAULT_RATE_LIMIT. */
  rateLimit?: RateLimit;
}

interface Registered {
  readonly reconciler: Reconciler;
  readonly label: string;
  readonly queue: WorkQueue;
}

export class Manager {
  private readonly deps: ManagerDeps;
  private readonly registered: Registered[] = [];
  private readonly abort = new AbortController();
  private unsubscribe: (() => void) | undefined;
  private state: 'new' | 'started' | 'stopped' = 'new';

  constructor(deps: ManagerDeps) {
    this.deps = deps;
  }

  register(reconciler: Reconciler): void {
    if (this.state !== 'new') throw new Error('register reconcilers before start()');
    const label = reconciler.name ?? reconciler.kind;
    if (this.registered.some((r) => r.label === label)) {
      throw new Error(`reconciler "${label}" is already registered`);
    }
    const ctx: ReconcileContext = {
      store: this.deps.store,
      clock: this.deps.clock,
      signal: this.abort.signal,
    };
    const onError = this.deps.onReconcileError;
    const queue = new WorkQueue({
      clock: this.deps.clock,
      process: (name) => reconciler.reconcile(name, ctx),
      ...(onError ? { onError: (key, err, ms) => onError(label, key, err, ms) } : {}),
      ...(reconciler.maxConcurrent !== undefined
        ? { maxConcurrent: reconciler.maxConcurrent }
        : {}),
      ...(this.deps.backoffBaseMs !== undefined ? { backoffBaseMs: this.deps.backoffBaseMs } : {}),
      ...(this.deps.backoffMaxMs !== undefined ? { backoffMaxMs: this.deps.backoffMaxMs } : {}),
      ...(this.deps.rateLimit !== undefined ? { rateLimit: this.deps.rateLimit } : {}),
    });
    this.registered.push({ reconciler, label, queue });
  }

  /** Subscribes to the store; existing objects arrive as ADDED events, so all get reconciled. */
  start(): void {
    if (this.state !== 'new') throw new Error(`manager cannot start: it is ${this.state}`);
    this.state = 'started';
    this.unsubscribe = this.deps.store.watch((e) => this.route(e), { sendInitial: true });
  }

  /** Stops watching, aborts ctx.signal, drops queued work and waits for running reconciles. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.unsubscribe?.();
    this.abort.abort();
    await Promise.all(this.registered.map((r) => r.queue.stop()));
  }

  /** Enqueues one object by hand (e.g. a trigger that is not a store write). */
  enqueue(reconciler: string, name: string): void {
    const r = this.registered.find((x) => x.label === reconciler);
    if (r === undefined) throw new Error(`no reconciler "${reconciler}"`);
    r.queue.add(name);
  }

  /** Whether every queue is empty with nothing running or waiting on a timer. */
  isIdle(): boolean {
    return this.registered.every((r) => r.queue.isIdle());
  }

  private route(event: WatchEvent): void {
    const obj = event.object;
    for (const { reconciler, label, queue } of this.registered) {
      if (obj.kind === reconciler.kind) queue.add(obj.metadata.name);
      for (const w of reconciler.watches ?? []) {
        if (w.kind !== obj.kind) continue;
        try {
          for (const name of w.map(obj)) queue.add(name);
        } catch (err) {
          // A buggy map function must not starve the other reconcilers of this event.
          this.deps.onMapError?.(label, obj, err);
        }
      }
      if (reconciler.owns?.includes(obj.kind)) {
        for (const ref of obj.metadata.ownerReferences ?? []) {
          if (ref.kind === reconciler.kind) queue.add(ref.name);
        }
      }
    }
  }
}
