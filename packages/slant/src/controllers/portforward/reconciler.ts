// The PortForward reconciler (Tilt's internal/controllers/core/portforward): keeps a local
// listener per forward and pipes each accepted connection to the PortForward's pod. Listeners
// are keyed by host and local port, not by PortForward: when a discovery replaces its
// PortForward for a new pod (Tilt names them after the pod), the new object takes over the open
// listener instead of closing and re-binding it, so clients never meet a closed port.

import type { ForwardStatus } from '@slant/api';
import { ANNOTATIONS, type Forward, type PortForward } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { Reconciler } from '../../engine/manager.ts';
import type { ProcessOutcome } from '../../engine/workqueue.ts';
import type { PortForwardDialer } from '../../k8s/port-forward-client.ts';
import type { LogWriter } from '../../logs/types.ts';
import { StoreError } from '../../store/errors.ts';
import type { ObjectStore } from '../../store/store.ts';
import { ForwardListener, type ForwardTarget } from './listener.ts';

const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 15_000;

export interface PortForwardReconcilerDeps {
  readonly dialer: PortForwardDialer;
  readonly logs: LogWriter;
}

export interface PortForwardController extends Reconciler {
  /** Closes every listener (shutdown). */
  stopAll(): Promise<void>;
}

interface Held {
  owner: string;
  forward: Forward;
  readonly listener: ForwardListener;
  readonly startedAt: string;
  dialError: string | undefined;
}

interface Failure {
  error: string;
  retryMs: number;
  retryAt: number;
}

export function createPortForwardReconciler(
  deps: PortForwardReconcilerDeps,
): PortForwardController {
  const held = new Map<string, Held>();
  /** Bind failures, by PortForward name and forward key. */
  const failures = new Map<string, Map<string, Failure>>();

  const logTo = (pf: PortForward, text: string) =>
    deps.logs.write({
      resource: pf.metadata.annotations?.[ANNOTATIONS.resource] ?? '',
      spanId: pf.metadata.annotations?.[ANNOTATIONS.logSpanId] ?? '',
      text,
    });

  const reconnectText = (pf: PortForward, f: Forward, err: string) =>
    `Reconnecting... Error port-forwarding ${pf.metadata.annotations?.[ANNOTATIONS.resource] ?? ''} (${localPortOf(f)} -> ${f.containerPort}): ${err}\n`;

  const publish = (store: ObjectStore, name: string) => {
    const pf = store.get('PortForward', name);
    if (pf === undefined) return;
    const statuses: ForwardStatus[] = [];
    pf.spec.forwards.forEach((f, i) => {
      const key = forwardKey(name, f, i);
      const h = held.get(key);
      if (h !== undefined && h.owner === name) {
        statuses.push({
          localPort: h.listener.localPort,
          containerPort: f.containerPort,
          addresses: [...h.listener.addresses],
          startedAt: h.startedAt,
          ...(h.dialError !== undefined ? { error: h.dialError } : {}),
        });
        return;
      }
      const failure = failures.get(name)?.get(key);
      if (failure === undefined) return;
      statuses.push({
        localPort: localPortOf(f),
        containerPort: f.containerPort,
        addresses: [],
        error: failure.error,
      });
    });
    statuses.sort((a, b) => a.containerPort - b.containerPort || a.localPort - b.localPort);
    try {
      store.mutateStatus('PortForward', name, () => ({ forwardStatuses: statuses }));
    } catch (err) {
      if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
    }
  };

  /** Gives a listener to another PortForward that wants the same port, or closes it. */
  const release = async (store: ObjectStore, key: string, h: Held) => {
    for (const pf of store.list('PortForward')) {
      if (pf.metadata.name === h.owner) continue;
      const i = pf.spec.forwards.findIndex((f, j) => forwardKey(pf.metadata.name, f, j) === key);
      const f = pf.spec.forwards[i];
      if (f === undefined) continue;
      adopt(h, pf, f);
      publish(store, pf.metadata.name);
      return;
    }
    held.delete(key);
    await h.listener.close();
  };

  const adopt = (h: Held, pf: PortForward, f: Forward) => {
    h.owner = pf.metadata.name;
    h.forward = f;
    h.dialError = undefined;
    h.listener.target = targetOf(pf, f);
  };

  const open = async (
    store: ObjectStore,
    clock: Clock,
    pf: PortForward,
    f: Forward,
    key: string,
  ): Promise<number | undefined> => {
    const name = pf.metadata.name;
    const fails = failures.get(name) ?? new Map<string, Failure>();
    failures.set(name, fails);
    const prior = fails.get(key);
    const now = clock.now().getTime();
    if (prior !== undefined && now < prior.retryAt) return prior.retryAt - now;
    let h: Held | undefined;
    const onDial = (error: string | undefined) => {
      if (h === undefined) return;
      const text = error === undefined ? undefined : `error upgrading connection: ${error}`;
      if (text === h.dialError) return;
      h.dialError = text;
      const owner = store.get('PortForward', h.owner);
      if (owner !== undefined && text !== undefined)
        logTo(owner, reconnectText(owner, h.forward, text));
      publish(store, h.owner);
    };
    try {
      const listener = await ForwardListener.open(f.host, localPortOf(f), targetOf(pf, f), {
        dialer: deps.dialer,
        onDial,
      });
      h = {
        owner: name,
        forward: f,
        listener,
        startedAt: microTime(clock.now()),
        dialError: undefined,
      };
      held.set(key, h);
      fails.delete(key);
      return undefined;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const retryMs =
        prior === undefined ? FIRST_RETRY_MS : Math.min(prior.retryMs * 2, MAX_RETRY_MS);
      fails.set(key, { error, retryMs, retryAt: now + retryMs });
      logTo(pf, reconnectText(pf, f, error));
      return retryMs;
    }
  };

  return {
    kind: 'PortForward',
    async reconcile(name, { store, clock }): Promise<ProcessOutcome> {
      const pf = store.get('PortForward', name);
      const wanted = new Set(pf?.spec.forwards.map((f, i) => forwardKey(name, f, i)) ?? []);
      for (const [key, h] of [...held]) {
        if (h.owner === name && !wanted.has(key)) await release(store, key, h);
      }
      if (pf === undefined) {
        failures.delete(name);
        return undefined;
      }
      for (const key of failures.get(name)?.keys() ?? []) {
        if (!wanted.has(key)) failures.get(name)?.delete(key);
      }
      let requeueAfter: number | undefined;
      for (const [i, f] of pf.spec.forwards.entries()) {
        const key = forwardKey(name, f, i);
        const h = held.get(key);
        // A listener left by a PortForward that is gone (or no longer wants it) is taken over.
        if (h !== undefined && h.owner !== name && !wants(store, h.owner, key)) adopt(h, pf, f);
        if (h !== undefined && h.owner === name) {
          h.forward = f;
          h.listener.target = targetOf(pf, f);
          continue;
        }
        const retry = await open(store, clock, pf, f, key);
        if (retry !== undefined) requeueAfter = Math.min(requeueAfter ?? retry, retry);
      }
      publish(store, name);
      return requeueAfter === undefined ? undefined : { requeueAfter };
    },
    async stopAll() {
      const all = [...held.values()];
      held.clear();
      failures.clear();
      await Promise.all(all.map((h) => h.listener.close()));
    },
  };
}

/** Listeners are shared by host and local port; port 0 (any free port) is never shared. */
function forwardKey(owner: string, f: Forward, index: number): string {
  const port = localPortOf(f);
  const host = f.host === '' ? 'localhost' : f.host;
  return port === 0 ? `${host}:0:${owner}:${index}` : `${host}:${port}`;
}

function localPortOf(f: Forward): number {
  return f.localPort ?? f.containerPort;
}

function targetOf(pf: PortForward, f: Forward): ForwardTarget {
  return {
    namespace: pf.spec.namespace ?? '',
    pod: pf.spec.podName,
    containerPort: f.containerPort,
  };
}

function wants(store: ObjectStore, name: string, key: string): boolean {
  const pf = store.get('PortForward', name);
  return pf?.spec.forwards.some((f, i) => forwardKey(name, f, i) === key) ?? false;
}

/** `2024-01-01T00:00:00.123000Z`, as metav1.MicroTime marshals. */
function microTime(d: Date): string {
  return `${d.toISOString().slice(0, 23)}000Z`;
}
