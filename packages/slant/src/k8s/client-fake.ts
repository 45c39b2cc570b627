// An in-memory cluster for unit tests: objects by apiVersion/kind/namespace/name, server-side
// apply that keeps uids and bumps resourceVersions only on change, watches fed by every write,
// and knobs for failures. Tests put pods (and their ReplicaSets) in by hand with put().
import { isDeepStrictEqual } from 'node:util';
import {
  type KubeClient,
  type KubeContextInfo,
  KubeError,
  type KubeHealth,
  type KubeListQuery,
  type KubeObjectRef,
  type KubeWatch,
  type KubeWatchEvent,
  type KubeWatchOptions,
} from './client.ts';
import {
  entityApiVersion,
  entityKind,
  entityLabels,
  entityName,
  entityNamespaceRaw,
  isObject,
  type K8sEntity,
} from './entity.ts';

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

interface Watcher {
  readonly query: KubeListQuery;
  readonly handler: (e: KubeWatchEvent) => void;
  readonly opts: KubeWatchOptions;
  stopped: boolean;
}

function selectorMatches(selector: string | undefined, labels: Record<string, string>): boolean {
  if (selector === undefined || selector === '') return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return k !== undefined && labels[k.trim()] === v?.trim();
  });
}

// What an apply declares: everything but status and the fields the server fills in.
function declared(o: K8sEntity): K8sEntity {
  const { status: _status, ...rest } = o;
  const {
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    namespace: _n,
    ...m
  } = isObject(rest.metadata) ? rest.metadata : {};
  return { ...rest, metadata: m };
}

export class FakeKubeClient implements KubeClient {
  readonly contextInfo: KubeContextInfo;
  /** The server version; set `versionError` to make the cluster unreachable. */
  version = 'v1.34.4';
  versionError: KubeError | undefined;
  healthResult: KubeHealth = { live: true, ready: true };
  /** Called before each object is applied; return an error to fail that apply. */
  applyHook: ((obj: K8sEntity) => KubeError | undefined) | undefined;
  /** When true, applies hang until their signal aborts (to test timeouts). */
  hangApplies = false;
  /** Every apply call's objects, and every delete call's refs, in order. */
  readonly applyCalls: K8sEntity[][] = [];
  readonly deleteCalls: KubeObjectRef[][] = [];
  /** How many get() calls, to check caching. */
  getCount = 0;
  private readonly objects = new Map<string, K8sEntity>();
  private readonly watchers: Watcher[] = [];
  private nextUid = 0;
  private nextVersion = 0;

  constructor(info: Partial<KubeContextInfo> = {}) {
    this.contextInfo = {
      context: 'fake-context',
      cluster: 'fake-cluster',
      namespace: 'default',
      server: 'https://fake:6443',
      configPath: '/fake/kubeconfig',
      ...info,
    };
  }

  private namespaceOf(apiVersion: string, kind: string, ns: string | undefined): string {
    if (CLUSTER_SCOPED.has(kind) && apiVersion !== '') return '';
    return ns || this.contextInfo.namespace;
  }

  private key(ref: KubeObjectRef): string {
    const ns = this.namespaceOf(ref.apiVersion, ref.kind, ref.namespace);
    return JSON.stringify([ref.apiVersion, ref.kind, ns, ref.name]);
  }

  private refOf(e: K8sEntity): KubeObjectRef {
    return {
      apiVersion: entityApiVersion(e),
      kind: entityKind(e),
      name: entityName(e),
      namespace: entityNamespaceRaw(e),
    };
  }

  /** Creates or replaces an object as-is (status included), filling in uid and namespace. */
  put(obj: K8sEntity): K8sEntity {
    const ref = this.refOf(obj);
    const key = this.key(ref);
    const prev = this.objects.get(key);
    const m = isObject(obj.metadata) ? obj.metadata : {};
    const prevMeta = prev !== undefined && isObject(prev.metadata) ? prev.metadata : {};
    const ns = this.namespaceOf(ref.apiVersion, ref.kind, ref.namespace);
    const stored: K8sEntity = structuredClone({
      ...obj,
      metadata: {
        ...m,
        ...(ns === '' ? {} : { namespace: ns }),
        uid: m.uid ?? prevMeta.uid ?? `uid-${++this.nextUid}`,
        creationTimestamp:
          m.creationTimestamp ?? prevMeta.creationTimestamp ?? '2024-01-01T00:00:00Z',
        resourceVersion: String(++this.nextVersion),
      },
    });
    this.objects.set(key, stored);
    this.notify({ type: prev === undefined ? 'ADDED' : 'MODIFIED', object: stored });
    return structuredClone(stored);
  }

  /** Removes an object (as if deleted by someone else); false when it was not there. */
  remove(ref: KubeObjectRef): boolean {
    const key = this.key(ref);
    const prev = this.objects.get(key);
    if (prev === undefined) return false;
    this.objects.delete(key);
    this.notify({ type: 'DELETED', object: prev });
    return true;
  }

  /** All stored objects, sorted by key. */
  all(): K8sEntity[] {
    return [...this.objects.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, o]) => structuredClone(o));
  }

  /** Tells every active watch that its connection dropped (and, with `err` undefined, is back). */
  reportWatchError(err: KubeError | undefined): void {
    for (const w of this.watchers) if (!w.stopped) w.opts.onError?.(err);
  }

  activeWatches(): KubeListQuery[] {
    return this.watchers.filter((w) => !w.stopped).map((w) => w.query);
  }

  async serverVersion(): Promise<string> {
    if (this.versionError !== undefined) throw this.versionError;
    return this.version;
  }

  async health(): Promise<KubeHealth> {
    if (this.versionError !== undefined) throw this.versionError;
    return this.healthResult;
  }

  async apply(objects: readonly K8sEntity[], signal?: AbortSignal): Promise<K8sEntity[]> {
    this.applyCalls.push(objects.map((o) => structuredClone(o)));
    if (this.hangApplies) {
      await new Promise<void>((_, reject) => {
        signal?.addEventListener('abort', () =>
          reject(new KubeError('The operation was aborted', 0)),
        );
      });
    }
    const result: K8sEntity[] = [];
    for (const obj of objects) {
      const err = this.applyHook?.(obj);
      if (err !== undefined) throw err;
      const prev = this.objects.get(this.key(this.refOf(obj)));
      // Server-side apply of the same content is a no-op: same object, same resourceVersion.
      if (prev !== undefined && isDeepStrictEqual(declared(prev), declared(obj))) {
        result.push(structuredClone(prev));
        continue;
      }
      result.push(
        this.put({ ...obj, ...(prev?.status === undefined ? {} : { status: prev.status }) }),
      );
    }
    return result;
  }

  async delete(refs: readonly KubeObjectRef[]): Promise<void> {
    this.deleteCalls.push(refs.map((r) => ({ ...r })));
    for (const ref of refs) this.remove(ref);
  }

  async get(ref: KubeObjectRef): Promise<K8sEntity | undefined> {
    this.getCount++;
    const obj = this.objects.get(this.key(ref));
    return obj === undefined ? undefined : structuredClone(obj);
  }

  private matches(q: KubeListQuery, o: K8sEntity): boolean {
    if (entityApiVersion(o) !== q.apiVersion || entityKind(o) !== q.kind) return false;
    if (q.namespace !== undefined && q.namespace !== '' && entityNamespaceRaw(o) !== q.namespace)
      return false;
    return selectorMatches(q.labelSelector, entityLabels(o));
  }

  async list(query: KubeListQuery): Promise<K8sEntity[]> {
    return this.all().filter((o) => this.matches(query, o));
  }

  watch(
    query: KubeListQuery,
    handler: (e: KubeWatchEvent) => void,
    opts: KubeWatchOptions = {},
  ): KubeWatch {
    const w: Watcher = { query, handler, opts, stopped: false };
    this.watchers.push(w);
    const initial = this.all().filter((o) => this.matches(query, o));
    queueMicrotask(() => {
      for (const object of initial) if (!w.stopped) handler({ type: 'ADDED', object });
    });
    return { stop: () => void (w.stopped = true) };
  }

  private notify(e: KubeWatchEvent): void {
    for (const w of this.watchers) {
      if (w.stopped || !this.matches(w.query, e.object)) continue;
      const object = structuredClone(e.object);
      queueMicrotask(() => {
        if (!w.stopped) w.handler({ type: e.type, object });
      });
    }
  }
}
