// The Session reconciler (Tilt's internal/controllers/core/session): one target per resource
// update (`<name>:update`) and runtime (`<name>:runtime` / `:serve`), computed from the
// UIResources; with exitCondition `ci` it decides when `slant ci` is done: every requested
// target ready or finished → done; any target failed → done with its error; past the timeout →
// Tilt's "Timeout after …" error.
import type {
  KubernetesDiscovery,
  Session,
  SessionStatus,
  Target,
  Tiltfile,
  UIResource,
} from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { Reconciler } from '../../engine/manager.ts';
import { readManifest } from '../../engine/manifest.ts';
import type { ObjectStore } from '../../store/store.ts';
import { formatGoDuration, parseGoDuration } from '../../tiltfile/godur.ts';
import { currentPods } from '../uiresource/apply-filter.ts';
import { mostRecentPod } from '../uiresource/runtime.ts';

export interface SessionReconcilerDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly pid: number;
}

function updateTarget(ui: UIResource, now: string): Target {
  const name = `${ui.metadata.name}:update`;
  const st = ui.status ?? {};
  const base = { name, type: 'job' as const, resources: [ui.metadata.name] };
  if (st.disableStatus?.state === 'Disabled') return { ...base, state: { disabled: {} } };
  if (st.currentBuild !== undefined) {
    const start = st.currentBuild.startTime ?? now;
    return { ...base, state: { active: { startTime: start, ready: false, lastReadyTime: '' } } };
  }
  const last = st.buildHistory?.[0];
  if (last !== undefined) {
    const term = {
      startTime: last.startTime ?? now,
      finishTime: last.finishTime ?? now,
      ...(last.error === undefined ? {} : { error: last.error }),
    };
    return { ...base, state: { terminated: term } };
  }
  if (st.updateStatus === 'pending' || st.waiting !== undefined) {
    return { ...base, state: { waiting: { waitReason: st.waiting?.reason ?? 'pending' } } };
  }
  return { ...base, state: {} };
}

/** Tilt's text for a pod in error: the first container in an error state names the cause. */
function podError(store: ObjectStore, resource: string): string | undefined {
  const kd = store.get('KubernetesDiscovery', resource) as KubernetesDiscovery | undefined;
  const pod = mostRecentPod(
    currentPods(store.get('KubernetesApply', resource), kd?.status?.pods ?? []),
  );
  if (pod === undefined) return undefined;
  if (pod.phase === 'Failed') {
    return pod.errors.length > 0 ? pod.errors.join('; ') : `Pod "${pod.name}" failed`;
  }
  const bad = [...(pod.initContainers ?? []), ...pod.containers].find(
    (c) => c.state.waiting !== undefined || (c.state.terminated?.exitCode ?? 0) !== 0,
  );
  if (bad === undefined) return 'unknown error';
  return `Pod ${pod.name} in error state due to container ${bad.name}: ${pod.status}`;
}

function runtimeTarget(store: ObjectStore, ui: UIResource, now: string): Target | undefined {
  const m = readManifest(ui);
  if (m === undefined) return undefined;
  const st = ui.status ?? {};
  if (st.runtimeStatus === 'not_applicable' || st.runtimeStatus === undefined) return undefined;
  const isServe = m.type === 'local';
  const name = `${ui.metadata.name}:${isServe ? 'serve' : 'runtime'}`;
  const base = { name, type: 'server' as const, resources: [ui.metadata.name] };
  if (st.runtimeStatus === 'none') return { ...base, state: {} };
  if (st.updateStatus !== 'ok' && st.buildHistory === undefined) {
    return { ...base, state: { waiting: { waitReason: 'waiting-for-update' } } };
  }
  const start = st.k8sResourceInfo?.podCreationTime ?? st.lastDeployTime ?? now;
  if (st.runtimeStatus === 'error') {
    const error = podError(store, ui.metadata.name) ?? 'unknown error';
    return { ...base, state: { terminated: { startTime: start, finishTime: now, error } } };
  }
  const ready = st.runtimeStatus === 'ok';
  return {
    ...base,
    state: { active: { startTime: start, ready, lastReadyTime: ready ? now : '' } },
  };
}

function tiltfileTarget(tf: Tiltfile, now: string): Target {
  const base = { name: `${tf.metadata.name}`, type: 'job' as const, resources: [tf.metadata.name] };
  const st = tf.status;
  if (st?.running !== undefined) {
    const start = st.running.startedAt ?? now;
    return { ...base, state: { active: { startTime: start, ready: false, lastReadyTime: '' } } };
  }
  if (st?.terminated !== undefined) {
    const t = st.terminated;
    const term = {
      startTime: t.startedAt ?? now,
      finishTime: t.finishedAt ?? now,
      ...(t.error === undefined ? {} : { error: t.error }),
    };
    return { ...base, state: { terminated: term } };
  }
  return { ...base, state: { waiting: { waitReason: 'config-loading' } } };
}

export function createSessionReconciler(deps: SessionReconcilerDeps): Reconciler {
  const { store, clock } = deps;
  const startTime = clock.now().toISOString();
  const all = () => store.list('Session').map((s) => s.metadata.name);
  return {
    kind: 'Session',
    watches: [
      { kind: 'UIResource', map: all },
      { kind: 'Tiltfile', map: all },
      { kind: 'KubernetesDiscovery', map: all },
      { kind: 'KubernetesApply', map: all },
    ],
    async reconcile(name) {
      const session = store.get('Session', name) as Session | undefined;
      if (session === undefined || session.status?.done === true) return;
      const now = clock.now().toISOString();
      const targets: Target[] = (store.list('Tiltfile') as Tiltfile[]).map((tf) =>
        tiltfileTarget(tf, now),
      );
      for (const ui of store.list('UIResource') as UIResource[]) {
        if (readManifest(ui) === undefined) continue;
        targets.push(updateTarget(ui, now));
        const rt = runtimeTarget(store, ui, now);
        if (rt !== undefined) targets.push(rt);
      }
      const status: SessionStatus = {
        pid: deps.pid,
        startTime,
        targets: keepTimes(session.status?.targets ?? [], targets),
        done: false,
      };
      let requeueAfter: number | undefined;
      if (session.spec.exitCondition === 'ci') requeueAfter = ciExit(session, status, clock);
      store.updateStatus({ ...session, status });
      return requeueAfter === undefined ? undefined : { requeueAfter };
    },
  };
}

const TIME_FIELDS = new Set(['startTime', 'finishTime', 'lastReadyTime']);

function withoutTimes(state: Target['state']): string {
  return JSON.stringify(state, (k, v) => (TIME_FIELDS.has(k) ? undefined : v));
}

/**
 * A target whose state did not change keeps its previous times: times filled in from the clock
 * would otherwise change the status on every pass (and wake everything watching it).
 */
function keepTimes(prev: readonly Target[], next: Target[]): Target[] {
  const before = new Map(prev.map((t) => [t.name, t]));
  return next.map((t) => {
    const p = before.get(t.name);
    return p !== undefined && withoutTimes(p.state) === withoutTimes(t.state)
      ? { ...t, state: p.state }
      : t;
  });
}

/** Applies `ci`'s exit rules to `status`; returns when to look again for the timeout. */
function ciExit(session: Session, status: SessionStatus, clock: Clock): number | undefined {
  const waiting: string[] = [];
  const notReady: string[] = [];
  for (const t of status.targets) {
    const s = t.state;
    if (s.waiting === undefined && s.active === undefined && s.terminated === undefined) continue;
    if (s.terminated?.error !== undefined) {
      status.done = true;
      status.error = s.terminated.error;
      return undefined;
    }
    if (s.waiting !== undefined) waiting.push(`${t.name} ${s.waiting.waitReason}`);
    else if (s.active !== undefined && !s.active.ready) notReady.push(t.name);
  }
  if (waiting.length + notReady.length === 0 && status.targets.length > 1) {
    status.done = true;
    return undefined;
  }
  const timeout = session.spec.ci?.timeout;
  if (timeout === undefined) return undefined;
  const limit = parseGoDuration(timeout);
  const elapsed = clock.now().getTime() - Date.parse(status.startTime);
  if (elapsed > limit) {
    const parts: string[] = [];
    if (waiting.length > 0)
      parts.push(`${waiting.length} resources waiting (${waiting.join(',')})`);
    if (notReady.length > 0) {
      parts.push(`${notReady.length} resources not ready (${notReady.join(',')})`);
    }
    status.done = true;
    status.error = `Timeout after ${formatGoDuration(limit)}: ${parts.join(', ')}`;
    return undefined;
  }
  return limit - elapsed + 1;
}
