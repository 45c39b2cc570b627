// Kubernetes events into the resource logs (Tilt's EventWatchManager): one Event watch per
// namespace that a KubernetesDiscovery watches; an event is logged on the resource whose
// deployed objects or pods are the involved object or one of its owners. Only warnings and
// image pulls, and only events created since Slant started (older ones are history). An event
// that arrives before its owner is known is kept and logged once the owner shows up.
import type { KubernetesDiscovery } from '@slant/api';
import { ANNOTATIONS } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { Reconciler } from '../../engine/manager.ts';
import type { KubeClient, KubeWatch, KubeWatchEvent } from '../../k8s/client.ts';
import { OwnerResolver } from '../../k8s/owners.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';

export interface KubernetesEventsDeps {
  store: ObjectStore;
  kube: KubeClient;
  clock: Clock;
  logs: LogWriter;
}

interface EventJSON {
  metadata?: {
    uid?: string;
    namespace?: string;
    creationTimestamp?: string;
    resourceVersion?: string;
  };
  involvedObject?: { apiVersion?: string; kind?: string; name?: string; namespace?: string };
  type?: string;
  reason?: string;
  message?: string;
}

interface PendingEvent {
  event: EventJSON;
  /** The involved object's uid and its owners'. */
  chain: string[];
}

/** Tilt logs every warning, and of the normal events only image pulls. */
export function shouldLogEvent(e: EventJSON): boolean {
  if (e.type !== 'Normal') return true;
  return e.reason === 'Pulling' || e.reason === 'Pulled';
}

/** `pod web-1` in the default namespace, `pod ns/web-1` elsewhere (Tilt's objRefHumanReadable). */
export function eventLine(e: EventJSON): string {
  const o = e.involvedObject ?? {};
  const kind = (o.kind ?? '').toLowerCase();
  const ns = o.namespace ?? '';
  const ref =
    ns === '' || ns === 'default' ? `${kind} ${o.name ?? ''}` : `${kind} ${ns}/${o.name ?? ''}`;
  return `[event: ${ref}] ${(e.message ?? '').trim()}\n`;
}

const MAX_PENDING = 1000;

export function createKubernetesEventsReconciler(deps: KubernetesEventsDeps): Reconciler {
  const { store, kube, logs } = deps;
  const startedAt = deps.clock.now().getTime();
  const owners = new OwnerResolver(kube);
  const namespaces = new Map<string, { watch: KubeWatch; users: Set<string> }>();
  // Events not matched to a resource yet, by event uid.
  const pending = new Map<string, PendingEvent>();
  // Event uid → the resourceVersion last logged, so re-triage never logs a version twice.
  const logged = new Map<string, string>();
  // Event uid → its involved object's uid and owners'.
  const chains = new Map<string, string[]>();

  /** The resource whose discovery covers one of `chain`'s uids, or ''. */
  function resourceOf(chain: readonly string[]): string {
    for (const kd of store.list('KubernetesDiscovery') as KubernetesDiscovery[]) {
      const uids = new Set([
        ...kd.spec.watches.flatMap((w) => (w.uid === undefined ? [] : [w.uid])),
        ...(kd.status?.pods ?? []).map((p) => p.uid),
      ]);
      if (chain.some((u) => uids.has(u)))
        return kd.metadata.annotations?.[ANNOTATIONS.resource] ?? '';
    }
    return '';
  }

  function tryLog(p: PendingEvent): boolean {
    const resource = resourceOf(p.chain);
    if (resource === '') return false;
    const uid = p.event.metadata?.uid ?? '';
    const version = p.event.metadata?.resourceVersion ?? '';
    if (logged.get(uid) !== version) {
      logged.set(uid, version);
      logs.write({ resource, spanId: `events:${resource}`, text: eventLine(p.event) });
    }
    return true;
  }

  function onEvent(e: KubeWatchEvent): void {
    if (e.type === 'DELETED') return;
    const event = e.object as EventJSON;
    const created = Date.parse(event.metadata?.creationTimestamp ?? '');
    if (!(created >= Math.floor(startedAt / 1000) * 1000) || !shouldLogEvent(event)) return;
    const io = event.involvedObject ?? {};
    if (io.kind === undefined || io.name === undefined) return;
    const ref = {
      apiVersion: io.apiVersion ?? 'v1',
      kind: io.kind,
      name: io.name,
      ...(io.namespace === undefined ? {} : { namespace: io.namespace }),
    };
    const uid = event.metadata?.uid ?? '';
    // A repeated event (its count goes up) involves the same object: no second lookup.
    const known = chains.get(uid);
    const chain: Promise<string[] | undefined> =
      known !== undefined
        ? Promise.resolve(known)
        : kube
            .get(ref)
            .then(async (obj) => (obj === undefined ? undefined : (await owners.chain(obj)).uids));
    chain.then(
      (uids) => {
        if (uids === undefined) return;
        if (chains.size > MAX_PENDING) chains.delete(chains.keys().next().value ?? '');
        chains.set(uid, uids);
        const p: PendingEvent = { event, chain: uids };
        if (tryLog(p)) pending.delete(uid);
        else {
          pending.set(uid, p);
          // Oldest first out: an unmatched event is most likely someone else's.
          if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value ?? '');
        }
      },
      // The object is gone or unreadable (locked-down clusters): nothing to attach it to.
      () => {},
    );
  }

  function setWatches(name: string, wanted: ReadonlySet<string>): void {
    for (const ns of wanted) {
      const entry = namespaces.get(ns);
      if (entry !== undefined) {
        entry.users.add(name);
        continue;
      }
      const watch = kube.watch({ apiVersion: 'v1', kind: 'Event', namespace: ns }, onEvent);
      namespaces.set(ns, { watch, users: new Set([name]) });
    }
    for (const [ns, entry] of namespaces) {
      if (wanted.has(ns) || !entry.users.delete(name) || entry.users.size > 0) continue;
      entry.watch.stop();
      namespaces.delete(ns);
    }
  }

  return {
    kind: 'KubernetesDiscovery',
    name: 'KubernetesEvents',
    async reconcile(name) {
      const kd = store.get('KubernetesDiscovery', name) as KubernetesDiscovery | undefined;
      const gone = kd === undefined || kd.metadata.deletionTimestamp !== undefined;
      setWatches(name, gone ? new Set() : new Set(kd.spec.watches.map((w) => w.namespace)));
      // New uids may claim events that came before them.
      for (const [uid, p] of pending) if (tryLog(p)) pending.delete(uid);
    },
  };
}
