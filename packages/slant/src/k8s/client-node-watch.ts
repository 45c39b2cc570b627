// A list-then-watch loop, as client-go's reflector does: list (ADDED for what is new), watch
// from the list's resourceVersion, resume after drops, relist when the server has forgotten the
// version (410 Gone), and report vanished objects as DELETED.
import { createInterface } from 'node:readline';
import { KubeError, type KubeWatch, type KubeWatchEvent } from './client.ts';
import type { KubeHttp } from './client-node-http.ts';
import type { K8sEntity } from './entity.ts';

export interface WatchLoopDeps {
  readonly http: KubeHttp;
  list(signal: AbortSignal): Promise<{ items: K8sEntity[]; resourceVersion: string }>;
  collection(signal: AbortSignal): Promise<string>;
  readonly labelSelector: string | undefined;
  readonly handler: (e: KubeWatchEvent) => void;
  readonly onError: ((err: KubeError | undefined) => void) | undefined;
}

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
// The server ends each watch after this long; it is simply resumed.
const WATCH_TIMEOUT_SECONDS = '300';

function meta(o: K8sEntity): {
  uid?: string;
  name?: string;
  namespace?: string;
  resourceVersion?: string;
} {
  return (o.metadata ?? {}) as Record<string, string>;
}

function keyOf(o: K8sEntity): string {
  const m = meta(o);
  return m.uid ?? `${m.namespace ?? ''}/${m.name ?? ''}`;
}

class Gone extends Error {}

export function startWatch(deps: WatchLoopDeps): KubeWatch {
  const abort = new AbortController();
  const known = new Map<string, K8sEntity>();
  const emit = (e: KubeWatchEvent) => {
    if (!abort.signal.aborted) deps.handler(e);
  };

  // After a (re)list: what is new is ADDED, what changed MODIFIED, what is gone DELETED.
  const sync = (items: K8sEntity[]) => {
    const seen = new Set<string>();
    for (const item of items) {
      const key = keyOf(item);
      seen.add(key);
      const prev = known.get(key);
      known.set(key, item);
      if (prev === undefined) emit({ type: 'ADDED', object: item });
      else if (meta(prev).resourceVersion !== meta(item).resourceVersion) {
        emit({ type: 'MODIFIED', object: item });
      }
    }
    for (const [key, obj] of known) {
      if (!seen.has(key)) {
        known.delete(key);
        emit({ type: 'DELETED', object: obj });
      }
    }
  };

  const watchOnce = async (rv: string): Promise<string> => {
    const path = await deps.collection(abort.signal);
    const query: Record<string, string> = {
      watch: 'true',
      resourceVersion: rv,
      allowWatchBookmarks: 'true',
      timeoutSeconds: WATCH_TIMEOUT_SECONDS,
    };
    if (deps.labelSelector) query.labelSelector = deps.labelSelector;
    const res = await deps.http.open({ method: 'GET', path, query, signal: abort.signal });
    if (res.statusCode === 410) throw new Gone();
    if (res.statusCode !== 200) {
      res.resume();
      throw new KubeError(
        `watch failed with status code ${res.statusCode ?? 0}`,
        res.statusCode ?? 0,
      );
    }
    let latest = rv;
    for await (const line of createInterface({ input: res, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const ev = JSON.parse(line) as { type: string; object: K8sEntity & { code?: number } };
      const objRv = meta(ev.object).resourceVersion;
      if (ev.type === 'ERROR') {
        if (ev.object.code === 410) throw new Gone();
        throw new KubeError(
          String((ev.object as { message?: string }).message ?? 'watch error'),
          ev.object.code ?? 0,
        );
      }
      if (objRv !== undefined) latest = objRv;
      if (ev.type === 'BOOKMARK') continue;
      const type = ev.type as KubeWatchEvent['type'];
      if (type === 'DELETED') known.delete(keyOf(ev.object));
      else known.set(keyOf(ev.object), ev.object);
      emit({ type, object: ev.object });
    }
    return latest;
  };

  const loop = async () => {
    let rv = '';
    let backoff = MIN_BACKOFF_MS;
    let failing = false;
    while (!abort.signal.aborted) {
      try {
        if (rv === '') {
          const listed = await deps.list(abort.signal);
          sync(listed.items);
          rv = listed.resourceVersion;
        }
        if (failing) {
          failing = false;
          deps.onError?.(undefined);
        }
        backoff = MIN_BACKOFF_MS;
        rv = await watchOnce(rv);
      } catch (err) {
        if (abort.signal.aborted) return;
        if (err instanceof Gone) {
          rv = '';
          continue;
        }
        failing = true;
        deps.onError?.(err instanceof KubeError ? err : new KubeError(String(err), 0));
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, backoff);
          abort.signal.addEventListener('abort', () => {
            clearTimeout(t);
            resolve();
          });
        });
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  };
  void loop();
  return { stop: () => abort.abort() };
}
