// The object store: every API object Slant knows, keyed by kind and name (all cluster-scoped).
// Writes are synchronous and validated here; watchers hear about them one microtask later
// (watch.ts). Stored objects are deep-frozen JSON copies, so readers share them without copying
// and a reconciler that mutates one by mistake fails loudly: copy with structuredClone first.
import {
  API_VERSION,
  type ApiObject,
  type ApiObjectOf,
  KIND_NAMES,
  type Kind,
  type LabelSelector,
} from '@slant/api';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Clock } from '../clock.ts';
import { content, deepFreeze, jsonCopy, rfc3339, userMeta } from './copy.ts';
import { alreadyExists, conflict, expired, invalid, notFound } from './errors.ts';
import { OwnerIndex } from './owners.ts';
import { matchesRequirements, parseLabelSelector, requirementsOf } from './labels.ts';
import { type WatchEvent, type WatchHandler, WatchHub } from './watch.ts';

export interface ObjectStoreDeps {
  clock: Clock;
  /** Makes object uids; tests pass a counter for stable output. */
  newUid?: () => string;
  /** Told when a watch handler throws (the store carries on). */
  onWatcherError?: (err: unknown) => void;
  /** How many objects' latest events to keep for watches that resume (default 1000). */
  historySize?: number;
}

export interface ListOptions {
  /** A structured selector, or the string form of `?labelSelector=`. */
  labelSelector?: LabelSelector | string;
}

export interface WatchOptions {
  /** Only this kind; all kinds when absent. */
  kind?: Kind;
  /** Deliver an ADDED event for every existing object first (as a Kubernetes watch does). */
  sendInitial?: boolean;
  /**
   * Resume after this resourceVersion (from a list or an earlier event): the latest kept event of
   * each object written since then is replayed first. Too old for the kept history is an Expired
   * StoreError (HTTP 410).
   */
  sinceResourceVersion?: string;
}

export interface Preconditions {
  /** Fail with Conflict unless the stored object has this resourceVersion. */
  resourceVersion?: string;
}

/** The status type of kind K (never for ConfigMap, which has none). */
export type StatusOf<K extends Kind> = ApiObjectOf<K> extends { status?: infer S } ? S : never;

const KINDS: ReadonlySet<string> = new Set(KIND_NAMES);

export class ObjectStore {
  private readonly clock: Clock;
  private readonly newUid: () => string;
  private readonly hub: WatchHub;
  private readonly objects = new Map<Kind, Map<string, ApiObject>>();
  private readonly owners = new OwnerIndex();
  private version = 0;
  /**
   * The latest event of each recently written object (by kind/name), oldest first. A superseded
   * event is dropped: a resumed watch gets each object's latest state, and at rest the history
   * holds no old copies of objects (with 1000 kept events they were ~2.5 MB of a 50-resource
   * session's heap).
   */
  private readonly history = new Map<string, WatchEvent>();
  private readonly historySize: number;
  /** The resourceVersion of the last event dropped for space; resuming before it is Expired. */
  private forgottenThrough = 0;

  constructor(deps: ObjectStoreDeps) {
    this.clock = deps.clock;
    this.newUid = deps.newUid ?? randomUUID;
    this.hub = new WatchHub(deps.onWatcherError ?? (() => {}));
    this.historySize = deps.historySize ?? 1000;
  }

  /** The resourceVersion of the latest write (a store-wide counter, as etcd's revision). */
  currentResourceVersion(): string {
    return String(this.version);
  }

  get<K extends Kind>(kind: K, name: string): ApiObjectOf<K> | undefined {
    return this.objects.get(kind)?.get(name) as ApiObjectOf<K> | undefined;
  }

  /** Like get, but a missing object is a NotFound StoreError. */
  getOrThrow<K extends Kind>(kind: K, name: string): ApiObjectOf<K> {
    const obj = this.get(kind, name);
    if (obj === undefined) throw notFound(kind, name);
    return obj;
  }

  /** Objects of one kind, sorted by name. */
  list<K extends Kind>(kind: K, opts: ListOptions = {}): ApiObjectOf<K>[] {
    const sel = opts.labelSelector;
    const reqs =
      sel === undefined
        ? []
        : typeof sel === 'string'
          ? parseLabelSelector(sel)
          : requirementsOf(sel);
    const items = [...(this.objects.get(kind)?.values() ?? [])] as ApiObjectOf<K>[];
    return items
      .filter((o) => matchesRequirements(reqs, o.metadata.labels))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }

  /** Every object, sorted by kind then name (for `slant dump engine`). */
  snapshot(): ApiObject[] {
    const kinds = [...this.objects.keys()].sort();
    return kinds.flatMap((k) => this.list(k));
  }

  /** Adds a new object; assigns uid, creationTimestamp, generation 1 and a resourceVersion. */
  create<T extends ApiObject>(obj: T): T {
    const kind = this.validate(obj);
    const name = obj.metadata.name;
    if (this.get(kind, name) !== undefined) throw alreadyExists(kind, name);
    if (obj.metadata.resourceVersion !== undefined && obj.metadata.resourceVersion !== '') {
      throw invalid(
        kind,
        name,
        'metadata.resourceVersion: Invalid value: must not be set on create',
      );
    }
    const stored = jsonCopy(obj);
    stored.metadata = {
      name,
      ...userMeta(obj.metadata),
      uid: this.newUid(),
      creationTimestamp: rfc3339(this.clock.now()),
      generation: 1,
      resourceVersion: this.bump(),
    };
    return this.put(kind, stored, 'ADDED');
  }

  /**
   * Replaces spec (or data), labels, annotations and owner references; status is kept. A stale
   * metadata.resourceVersion is a Conflict; an absent one updates unconditionally. A write that
   * changes nothing is not a write: no new resourceVersion, no event.
   */
  update<T extends ApiObject>(obj: T): T {
    const kind = this.validate(obj);
    const old = this.checkPreconditions(kind, obj.metadata.name, obj.metadata);
    const next = jsonCopy(obj) as ApiObject & { status?: unknown };
    const oldStatus = (old as { status?: unknown }).status;
    if (oldStatus === undefined) delete next.status;
    else next.status = oldStatus;
    const specChanged = !isDeepStrictEqual(content(next), content(old));
    const meta = { name: old.metadata.name, ...userMeta(next.metadata) };
    if (
      !specChanged &&
      isDeepStrictEqual(meta, { name: old.metadata.name, ...userMeta(old.metadata) })
    ) {
      return old as T;
    }
    next.metadata = {
      ...meta,
      uid: old.metadata.uid!,
      creationTimestamp: old.metadata.creationTimestamp!,
      generation: (old.metadata.generation ?? 1) + (specChanged ? 1 : 0),
      resourceVersion: this.bump(),
    };
    return this.put(kind, next, 'MODIFIED') as T;
  }

  /** Creates the object, or updates it unconditionally (resourceVersion ignored). */
  upsert<T extends ApiObject>(obj: T): T {
    const kind = this.validate(obj);
    if (this.get(kind, obj.metadata.name) === undefined) {
      return this.create({ ...obj, metadata: { ...obj.metadata, resourceVersion: '' } });
    }
    const { resourceVersion: _rv, ...metadata } = obj.metadata;
    return this.update({ ...obj, metadata });
  }

  /** Replaces only the status (the /status subresource); same conflict and no-op rules. */
  updateStatus<T extends ApiObject>(obj: T): T {
    const kind = this.validate(obj);
    const old = this.checkPreconditions(kind, obj.metadata.name, obj.metadata);
    const status = jsonCopy((obj as { status?: unknown }).status);
    if (isDeepStrictEqual(status, (old as { status?: unknown }).status)) return old as T;
    const next = {
      ...old,
      metadata: { ...old.metadata, resourceVersion: this.bump() },
    } as ApiObject & {
      status?: unknown;
    };
    if (status === undefined) delete next.status;
    else next.status = status;
    return this.put(kind, jsonCopy(next), 'MODIFIED') as T;
  }

  /**
   * Reads the object and writes the status `fn` computes from it in one synchronous step, so no
   * other write can come between (no Conflict to retry). NotFound when the object is gone.
   */
  mutateStatus<K extends Kind>(
    kind: K,
    name: string,
    fn: (current: ApiObjectOf<K>) => StatusOf<K>,
  ): ApiObjectOf<K> {
    const current = this.getOrThrow(kind, name);
    return this.updateStatus({ ...current, status: fn(current) } as ApiObjectOf<K>);
  }

  /**
   * Removes the object, then every object it owns whose owners are now all gone (as the
   * Kubernetes garbage collector, but immediately). Returns the removed object.
   */
  delete<K extends Kind>(kind: K, name: string, pre: Preconditions = {}): ApiObjectOf<K> {
    const old = this.checkPreconditions(kind, name, pre);
    this.objects.get(kind)?.delete(name);
    this.owners.remove(old);
    const gone = jsonCopy(old) as ApiObject;
    gone.metadata.deletionTimestamp = rfc3339(this.clock.now());
    gone.metadata.resourceVersion = this.bump();
    deepFreeze(gone);
    this.publish({ type: 'DELETED', object: gone });
    this.collectOrphans(old.metadata.uid);
    return gone as ApiObjectOf<K>;
  }

  /** Subscribes to writes; returns the unsubscribe function. */
  watch(handler: WatchHandler, opts: WatchOptions = {}): () => void {
    const initial: WatchEvent[] = [];
    const kindOk = (e: WatchEvent) => opts.kind === undefined || e.object.kind === opts.kind;
    const since = opts.sinceResourceVersion;
    if (since !== undefined && since !== '' && since !== '0') {
      const from = Number(since);
      if (!Number.isInteger(from) || from < this.forgottenThrough) {
        throw expired(since, String(this.forgottenThrough));
      }
      for (const e of this.history.values()) {
        if (Number(e.object.metadata.resourceVersion) > from && kindOk(e)) initial.push(e);
      }
    } else if (opts.sendInitial === true) {
      const objs = opts.kind === undefined ? this.snapshot() : this.list(opts.kind);
      for (const object of objs) initial.push({ type: 'ADDED', object });
    }
    return this.hub.subscribe(opts.kind, handler, initial);
  }

  private collectOrphans(ownerUid: string | undefined): void {
    if (ownerUid === undefined) return;
    for (const { kind, name } of this.owners.dependentsOf(ownerUid)) {
      const dep = this.get(kind, name);
      if (dep !== undefined && this.owners.orphaned(dep)) this.delete(kind, name);
    }
  }

  private checkPreconditions(kind: Kind, name: string, pre: Preconditions): ApiObject {
    const old = this.get(kind, name);
    if (old === undefined) throw notFound(kind, name);
    const rv = pre.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
      throw conflict(kind, name);
    }
    return old;
  }

  private validate(obj: ApiObject): Kind {
    const kind = obj.kind;
    const name = obj.metadata?.name ?? '';
    if (!KINDS.has(kind)) throw new Error(`no kind "${String(kind)}" is registered`);
    if (obj.apiVersion !== API_VERSION) {
      throw invalid(
        kind,
        name,
        `apiVersion: Invalid value: "${obj.apiVersion}": must be ${API_VERSION}`,
      );
    }
    if (name === '') throw invalid(kind, name, 'metadata.name: Required value: name is required');
    return kind;
  }

  private publish(event: WatchEvent): void {
    const key = `${event.object.kind}/${event.object.metadata.name}`;
    this.history.delete(key);
    this.history.set(key, event);
    if (this.history.size > this.historySize) {
      const [oldestKey, oldest] = this.history.entries().next().value as [string, WatchEvent];
      this.history.delete(oldestKey);
      this.forgottenThrough = Number(oldest.object.metadata.resourceVersion);
    }
    this.hub.publish(event);
  }

  private bump(): string {
    this.version++;
    return String(this.version);
  }

  private put<T extends ApiObject>(kind: Kind, obj: T, type: 'ADDED' | 'MODIFIED'): T {
    deepFreeze(obj);
    let byName = this.objects.get(kind);
    if (byName === undefined) this.objects.set(kind, (byName = new Map()));
    this.owners.put(obj, byName.get(obj.metadata.name));
    byName.set(obj.metadata.name, obj);
    this.publish({ type, object: obj });
    return obj;
  }
}
