// The KubernetesDiscovery reconciler (Tilt's kubernetesdiscovery.Reconciler): one pod watch per
// namespace shared by every discovery that needs it; a pod belongs to a discovery when one of
// its owners (or itself) is a watched uid, or when it matches an extra selector. Status is
// rebuilt from the known pods whenever a pod or a spec changes. Nothing in the cluster is changed.
import { isDeepStrictEqual } from 'node:util';
import {
  ANNOTATIONS,
  type KubernetesDiscovery,
  type KubernetesDiscoverySpec,
  type KubernetesDiscoveryStatus,
  type Pod,
} from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { Reconciler } from '../../engine/manager.ts';
import type { KubeClient, KubeWatch, KubeWatchEvent } from '../../k8s/client.ts';
import type { LogWriter } from '../../logs/types.ts';
import { matchesRequirements, requirementsOf } from '../../store/labels.ts';
import type { ObjectStore } from '../../store/store.ts';
import { logTarget } from '../common/log-target.ts';
import { microTime } from '../common/time.ts';
import { OwnerResolver } from '../../k8s/owners.ts';
import { podSpanId } from '../podlogstream/names.ts';
import { asPod, type PodJSON, toApiPod } from './pod.ts';
import { containerRestarts, restartLine } from './restarts.ts';
import { compareStrings } from '../common/compare.ts';

export interface KubernetesDiscoveryDeps {
  store: ObjectStore;
  kube: KubeClient;
  clock: Clock;
  logs: LogWriter;
}

interface Watcher {
  spec: KubernetesDiscoverySpec;
  startTime: string;
}

interface NamespaceWatch {
  watch: KubeWatch;
  users: Set<string>;
  /** Why the watch is down, '' when it is up. */
  error: string;
}

interface KnownPod {
  pod: PodJSON;
  /** The pod's uid and its owners' (empty until resolved). */
  chain: string[];
  ownerCreatedAt: string | undefined;
  /** Deleted from the cluster but kept for its final state (it had completed). */
  deleted: boolean;
}

// Oldest first, so the order is stable from one status to the next.
function byCreation(a: KnownPod, b: KnownPod): number {
  const [ma, mb] = [a.pod.metadata ?? {}, b.pod.metadata ?? {}];
  return (
    compareStrings(ma.creationTimestamp ?? '', mb.creationTimestamp ?? '') ||
    compareStrings(ma.name ?? '', mb.name ?? '')
  );
}

export function createKubernetesDiscoveryReconciler(deps: KubernetesDiscoveryDeps): Reconciler {
  const { store, kube, clock } = deps;
  const owners = new OwnerResolver(kube);
  const watchers = new Map<string, Watcher>();
  const namespaces = new Map<string, NamespaceWatch>();
  const pods = new Map<string, KnownPod>();

  const namespacesOf = (spec: KubernetesDiscoverySpec) =>
    new Set(spec.watches.map((w) => w.namespace));

  function buildStatus(w: Watcher): KubernetesDiscoveryStatus {
    for (const ns of namespacesOf(w.spec)) {
      const error = namespaces.get(ns)?.error ?? '';
      if (error !== '') return { pods: [], waiting: { reason: error } };
    }
    const seen = new Set<string>();
    const found: { pod: Pod; deleted: boolean }[] = [];
    const track = (k: KnownPod, ancestor: string) => {
      const uid = k.pod.metadata?.uid ?? '';
      if (seen.has(uid)) return;
      seen.add(uid);
      found.push({ pod: toApiPod(k.pod, ancestor, k.ownerCreatedAt), deleted: k.deleted });
    };
    const known = [...pods.values()].sort(byCreation);
    for (const ref of w.spec.watches) {
      const uid = ref.uid ?? '';
      if (uid === '') continue;
      for (const k of known) if (k.chain.includes(uid)) track(k, uid);
    }
    const selectors = (w.spec.extraSelectors ?? []).map(requirementsOf);
    if (selectors.length > 0) {
      for (const k of known) {
        if (selectors.some((reqs) => matchesRequirements(reqs, k.pod.metadata?.labels)))
          track(k, '');
      }
    }
    // A deleted pod is kept only while nothing else is left to show.
    const live = found.filter((f) => !f.deleted);
    const shown = live.length === 0 ? found : live;
    return {
      monitorStartTime: w.startTime,
      pods: shown.map((f) => f.pod),
      running: { startTime: w.startTime },
    };
  }

  function refresh(name: string): void {
    const kd = store.get('KubernetesDiscovery', name);
    const w = watchers.get(name);
    if (kd === undefined || w === undefined) return;
    const status = buildStatus(w);
    if (isDeepStrictEqual(kd.status, status)) return;
    const oldError = kd.status?.waiting?.reason ?? '';
    store.updateStatus({ ...kd, status });
    const resource = kd.metadata.annotations?.[ANNOTATIONS.resource] ?? '';
    // Logged on the pod's span, as Tilt does, so it shows between the pod's own lines.
    for (const r of resource === '' ? [] : containerRestarts(kd.status?.pods, status.pods)) {
      deps.logs.write({
        resource,
        spanId: podSpanId(resource, r.pod),
        text: restartLine(r),
        level: 'WARN',
      });
    }
    const newError = status.waiting?.reason ?? '';
    if (newError !== '' && newError !== oldError) {
      deps.logs.write({
        ...logTarget(kd),
        text: `kubernetesdiscovery ${name}: ${newError}\n`,
        level: 'ERROR',
      });
    }
  }

  function refreshNamespace(ns: string): void {
    for (const name of namespaces.get(ns)?.users ?? []) refresh(name);
  }

  function onPodEvent(ns: string, e: KubeWatchEvent): void {
    const pod = asPod(e.object);
    const uid = pod.metadata?.uid ?? '';
    if (e.type === 'DELETED') {
      const k = pods.get(uid);
      const phase = k?.pod.status?.phase;
      // Completed pods are kept for their final state (newer clusters remove them by TTL).
      if (k !== undefined && (phase === 'Succeeded' || phase === 'Failed')) k.deleted = true;
      else pods.delete(uid);
      refreshNamespace(ns);
      return;
    }
    const prev = pods.get(uid);
    const known: KnownPod = {
      pod,
      chain: prev?.chain ?? [uid],
      ownerCreatedAt: prev?.ownerCreatedAt,
      deleted: false,
    };
    pods.set(uid, known);
    refreshNamespace(ns);
    if (prev !== undefined && prev.chain.length > 1) return;
    owners.chain(e.object).then(
      (c) => {
        if (pods.get(uid) !== known) return;
        known.chain = c.uids;
        known.ownerCreatedAt = c.ownerCreatedAt;
        refreshNamespace(ns);
      },
      // In locked-down clusters owners may not be readable; such pods match by selector only.
      () => {},
    );
  }

  function watchNamespace(ns: string, user: string): void {
    const existing = namespaces.get(ns);
    if (existing !== undefined) {
      existing.users.add(user);
      return;
    }
    const entry: NamespaceWatch = { users: new Set([user]), error: '', watch: { stop: () => {} } };
    namespaces.set(ns, entry);
    entry.watch = kube.watch(
      { apiVersion: 'v1', kind: 'Pod', namespace: ns },
      (e) => onPodEvent(ns, e),
      {
        onError: (err) => {
          entry.error =
            err === undefined
              ? ''
              : `Error watching pods. Are you connected to kubernetes?\nTry running \`kubectl get pods -n "${ns}"\`: ${err.message}`;
          refreshNamespace(ns);
        },
      },
    );
  }

  // Drops `name` from a namespace watch; the last user stops it and forgets its pods.
  function release(ns: string, name: string): void {
    const entry = namespaces.get(ns);
    if (entry === undefined || !entry.users.delete(name) || entry.users.size > 0) return;
    entry.watch.stop();
    namespaces.delete(ns);
    for (const [uid, k] of pods) if (k.pod.metadata?.namespace === ns) pods.delete(uid);
  }

  return {
    kind: 'KubernetesDiscovery',
    async reconcile(name) {
      const kd: KubernetesDiscovery | undefined = store.get('KubernetesDiscovery', name);
      if (kd === undefined || kd.metadata.deletionTimestamp) {
        watchers.delete(name);
        for (const ns of [...namespaces.keys()]) release(ns, name);
        return;
      }
      const existing = watchers.get(name);
      if (existing === undefined || !isDeepStrictEqual(existing.spec, kd.spec)) {
        const spec = structuredClone(kd.spec);
        const wanted = namespacesOf(spec);
        // New namespaces first, so a watch shared with the old spec is not restarted.
        for (const ns of wanted) watchNamespace(ns, name);
        for (const ns of [...namespaces.keys()]) if (!wanted.has(ns)) release(ns, name);
        watchers.set(name, { spec, startTime: microTime(clock.now()) });
      }
      refresh(name);
    },
  };
}
