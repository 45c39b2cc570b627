// The PodLogStream reconciler (Tilt's internal/controllers/core/podlogstream): follows the
// containers of one pod and streams their logs into the LogWriter. Slant has no pod informer, so
// the pod (its containers, ids and states) is read from the KubernetesDiscovery statuses that
// list it. Streams are keyed by container id: a restarted container gets a new stream, which
// starts after the last line already written for that container name.
import { ANNOTATIONS, type KubernetesDiscovery, type Pod, type PodLogStream } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { ReconcileContext, Reconciler } from '../../engine/manager.ts';
import type { ProcessOutcome } from '../../engine/workqueue.ts';
import type { PodLogSource } from '../../k8s/pod-logs.ts';
import type { LogWriter } from '../../logs/types.ts';
import { StoreError } from '../../store/errors.ts';
import type { ObjectStore } from '../../store/store.ts';
import { streamContainer } from './container-stream.ts';
import {
  ensureContainers,
  filterContainers,
  mutateContainer,
  type StreamStatus,
  shouldStream,
  toApiStatus,
} from './containers.ts';
import type { LogTimestamp } from './log-lines.ts';
import { podSpanId, streamNamesOf } from './names.ts';

const FIRST_DEBOUNCE_MS = 1000;
const MAX_DEBOUNCE_MS = 60_000;

export interface PodLogStreamReconcilerDeps {
  readonly source: PodLogSource;
  readonly logs: LogWriter;
}

export interface PodLogStreamController extends Reconciler {
  /** Ends every log stream (shutdown). */
  stopAll(): void;
}

interface Watch {
  readonly container: string;
  readonly abort: AbortController;
  done: boolean;
  doneAt: Date;
  debounceMs: number;
}

interface StreamState {
  /** By container id. */
  readonly watches: Map<string, Watch>;
  /** Container ids whose stream already ran to its end once. */
  readonly closed: Set<string>;
  /** By container name: the newest line written, so later streams skip what came before. */
  readonly lastSeen: Map<string, LogTimestamp>;
  status: StreamStatus;
  errorDebounceMs: number;
}

export function createPodLogStreamReconciler(
  deps: PodLogStreamReconcilerDeps,
): PodLogStreamController {
  const states = new Map<string, StreamState>();

  const stateOf = (name: string): StreamState => {
    let s = states.get(name);
    if (s === undefined) {
      s = {
        watches: new Map(),
        closed: new Set(),
        lastSeen: new Map(),
        status: { containers: [], error: '' },
        errorDebounceMs: 0,
      };
      states.set(name, s);
    }
    return s;
  };

  const stopWatches = (state: StreamState) => {
    for (const w of state.watches.values()) w.abort.abort();
    state.watches.clear();
  };

  const setError = (state: StreamState, error: string): ProcessOutcome => {
    state.status.error = error;
    state.errorDebounceMs = Math.min(
      state.errorDebounceMs === 0 ? FIRST_DEBOUNCE_MS : state.errorDebounceMs * 2,
      MAX_DEBOUNCE_MS,
    );
    return { requeueAfter: state.errorDebounceMs };
  };

  /** Writes the status into the store (a no-op write makes no event); logs new errors. */
  const publish = (store: ObjectStore, name: string, state: StreamState) => {
    const pls = store.get('PodLogStream', name);
    if (pls === undefined) return;
    const oldError = pls.status?.error ?? '';
    const newError = state.status.error;
    try {
      store.mutateStatus('PodLogStream', name, () => toApiStatus(state.status));
    } catch (err) {
      if (err instanceof StoreError && err.reason === 'NotFound') return;
      throw err;
    }
    // "pod not found" is common while a pod is starting, so Tilt keeps it out of the log.
    if (newError !== '' && newError !== oldError && !newError.startsWith('pod not found:')) {
      const { resource, spanId } = logTarget(pls);
      deps.logs.write({
        resource,
        spanId,
        level: 'ERROR',
        text: `podlogstream ${name}: ${newError}\n`,
      });
    }
  };

  const startWatch = (
    ctx: ReconcileContext,
    pls: PodLogStream,
    state: StreamState,
    pod: Pod,
    cid: string,
    container: string,
    prefix: boolean,
    debounceMs: number,
  ) => {
    const name = pls.metadata.name;
    const w: Watch = {
      container,
      abort: new AbortController(),
      done: false,
      doneAt: ctx.clock.now(),
      debounceMs,
    };
    state.watches.set(cid, w);
    mutateContainer(state.status, container, (cs) => {
      cs.active = true;
      cs.error = '';
    });
    const { resource, spanId } = logTarget(pls);
    const sinceTime = pls.spec.sinceTime === undefined ? undefined : new Date(pls.spec.sinceTime);
    const lastSeen = {
      get: () => state.lastSeen.get(container),
      set: (ts: LogTimestamp) => state.lastSeen.set(container, ts),
    };
    const spec = { namespace: pod.namespace, pod: pod.name, container, resource, spanId, prefix };
    const signal = AbortSignal.any([w.abort.signal, ctx.signal]);
    const run = async () => {
      let error: string | undefined;
      try {
        error = await streamContainer({ ...spec, sinceTime }, { ...deps, lastSeen }, signal);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      finishWatch(ctx.store, ctx.clock, name, state, cid, w, error, spec);
    };
    void run();
  };

  const finishWatch = (
    store: ObjectStore,
    clock: Clock,
    name: string,
    state: StreamState,
    cid: string,
    w: Watch,
    error: string | undefined,
    spec: { pod: string; resource: string; spanId: string },
  ) => {
    w.done = true;
    w.doneAt = clock.now();
    if (error !== undefined) {
      deps.logs.write({
        resource: spec.resource,
        spanId: spec.spanId,
        text: `Error streaming ${spec.pod} logs: ${error}\n`,
      });
      w.debounceMs = Math.min(w.debounceMs * 2, MAX_DEBOUNCE_MS);
    } else {
      w.debounceMs = FIRST_DEBOUNCE_MS;
    }
    // A watch that was replaced or dropped has no say in the status any more.
    if (states.get(name) !== state || state.watches.get(cid) !== w) return;
    mutateContainer(state.status, w.container, (cs) => {
      cs.active = false;
      cs.error = error ?? '';
    });
    // The status change is an event for this PodLogStream: the next reconcile restarts or retires it.
    publish(store, name, state);
  };

  const converge = (ctx: ReconcileContext, pls: PodLogStream, state: StreamState, pod: Pod) => {
    const init = filterContainers(pls.spec, pod.initContainers ?? []);
    const run = filterContainers(pls.spec, pod.containers);
    const containers = [...init, ...run];
    ensureContainers(
      state.status,
      containers.map((c) => c.name),
    );
    let requeueAfter = 0;
    const wanted = new Set<string>();
    containers.forEach((co, i) => {
      if (!shouldStream(pod, co, state.closed.has(co.id))) return;
      wanted.add(co.id);
      let debounceMs = FIRST_DEBOUNCE_MS;
      const existing = state.watches.get(co.id);
      if (existing !== undefined) {
        if (!existing.done) return;
        // The stream ended: retire it if the container is done, else pick it up again.
        debounceMs = existing.debounceMs;
        state.closed.add(co.id);
        if (co.state.terminated !== undefined) {
          mutateContainer(state.status, co.name, (cs) => {
            cs.terminated = true;
            cs.active = false;
            cs.error = '';
          });
          return;
        }
        const since = ctx.clock.now().getTime() - existing.doneAt.getTime();
        if (since < debounceMs) {
          requeueAfter = Math.max(requeueAfter, debounceMs - since);
          return;
        }
      }
      // A bare pod's output is unambiguous; init containers and multi-container pods are not.
      const prefix = i < init.length || run.length > 1;
      startWatch(ctx, pls, state, pod, co.id, co.name, prefix, debounceMs);
    });
    for (const [cid, w] of state.watches) {
      if (wanted.has(cid)) continue;
      w.abort.abort();
      state.watches.delete(cid);
    }
    return requeueAfter > 0 ? { requeueAfter } : undefined;
  };

  return {
    kind: 'PodLogStream',
    // A discovery's pods are where each stream reads its containers' state from.
    watches: [
      { kind: 'KubernetesDiscovery', map: (kd) => streamNamesOf(kd as KubernetesDiscovery) },
    ],
    async reconcile(name, ctx) {
      const pls = ctx.store.get('PodLogStream', name);
      if (pls === undefined) {
        const state = states.get(name);
        if (state !== undefined) stopWatches(state);
        states.delete(name);
        return;
      }
      const state = stateOf(name);
      const namespace = pls.spec.namespace ?? '';
      const podName = pls.spec.pod ?? '';
      const pod = findPod(ctx.store, pls, namespace, podName);
      let outcome: ProcessOutcome;
      if (pod === undefined) {
        stopWatches(state);
        state.status.containers = [];
        outcome = setError(state, `pod not found: ${namespace}/${podName}`);
      } else {
        state.status.error = '';
        state.errorDebounceMs = 0;
        outcome = converge(ctx, pls, state, pod);
      }
      publish(ctx.store, name, state);
      return outcome;
    },
    stopAll() {
      for (const state of states.values()) stopWatches(state);
      states.clear();
    },
  };
}

/** Where a stream's output goes: its resource and span annotations (set from the discovery). */
function logTarget(pls: PodLogStream): { resource: string; spanId: string } {
  const resource = pls.metadata.annotations?.[ANNOTATIONS.resource] ?? '';
  const spanId =
    pls.metadata.annotations?.[ANNOTATIONS.logSpanId] ?? podSpanId(resource, pls.spec.pod ?? '');
  return { resource, spanId };
}

/** The pod as a discovery last reported it; the owning discovery is asked first. */
function findPod(
  store: ObjectStore,
  pls: PodLogStream,
  namespace: string,
  name: string,
): Pod | undefined {
  const owner = pls.metadata.ownerReferences?.find((r) => r.kind === 'KubernetesDiscovery')?.name;
  const kds = store.list('KubernetesDiscovery');
  kds.sort((a, b) => Number(b.metadata.name === owner) - Number(a.metadata.name === owner));
  for (const kd of kds) {
    const pod = kd.status?.pods.find((p) => p.namespace === namespace && p.name === name);
    if (pod !== undefined) return pod;
  }
  return undefined;
}
