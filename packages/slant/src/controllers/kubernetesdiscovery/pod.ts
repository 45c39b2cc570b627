// A Kubernetes pod (raw JSON) → the API's Pod (Tilt's k8sconv.Pod): containers, conditions, the
// `kubectl get pods` status word, and the error messages worth showing.
import type { Container, ContainerState, Pod, PodCondition } from '@slant/api';
import type { K8sEntity } from '../../k8s/entity.ts';

interface StateJSON {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    startedAt?: string;
    finishedAt?: string;
    reason?: string;
    message?: string;
    exitCode?: number;
    signal?: number;
  };
}

interface ContainerStatusJSON {
  name?: string;
  containerID?: string;
  ready?: boolean;
  image?: string;
  restartCount?: number;
  state?: StateJSON;
  lastState?: StateJSON;
}

/** The fields of a v1.Pod that are read here. */
export interface PodJSON {
  metadata?: {
    uid?: string;
    name?: string;
    namespace?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string }[];
  };
  spec?: {
    initContainers?: { name?: string }[];
    containers?: { name?: string; ports?: { containerPort?: number }[] }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: {
      type?: string;
      status?: string;
      lastTransitionTime?: string;
      reason?: string;
      message?: string;
    }[];
    initContainerStatuses?: ContainerStatusJSON[];
    containerStatuses?: ContainerStatusJSON[];
  };
}

/** Waiting reasons that mean the container is failing, not just starting. */
export const ERROR_WAITING_REASONS: ReadonlySet<string> = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'RunContainerError',
  'StartError',
  'Error',
]);

export function asPod(e: K8sEntity): PodJSON {
  return e as PodJSON;
}

function containerOf(pod: PodJSON, s: ContainerStatusJSON): Container | undefined {
  const name = s.name ?? '';
  if (name === '') return undefined;
  const spec = (pod.spec?.containers ?? []).find((c) => c.name === name);
  const id = s.containerID ?? '';
  // `containerd://abc` → `abc`; a malformed id is skipped, as Tilt does.
  const sep = id.indexOf('://');
  if (id !== '' && sep < 0) return undefined;
  const state: ContainerState = {};
  const st = s.state ?? {};
  if (st.waiting !== undefined) state.waiting = { reason: st.waiting.reason ?? '' };
  else if (st.running !== undefined) state.running = { startedAt: st.running.startedAt ?? '' };
  else if (st.terminated !== undefined) {
    const t = st.terminated;
    state.terminated = {
      startedAt: t.startedAt ?? '',
      finishedAt: t.finishedAt ?? '',
      exitCode: t.exitCode ?? 0,
      ...(t.reason ? { reason: t.reason } : {}),
    };
  }
  return {
    name,
    id: id === '' ? '' : id.slice(sep + 3),
    ready: s.ready === true,
    image: s.image ?? '',
    restarts: s.restartCount ?? 0,
    state,
    ports: (spec?.ports ?? []).map((p) => p.containerPort ?? 0),
  };
}

function containers(
  pod: PodJSON,
  statuses: readonly ContainerStatusJSON[] | undefined,
): Container[] {
  return (statuses ?? []).flatMap((s) => containerOf(pod, s) ?? []);
}

function stillInitializing(pod: PodJSON): boolean {
  return (pod.status?.initContainerStatuses ?? []).some((c) => {
    const t = c.state?.terminated;
    return !(t !== undefined && (t.exitCode ?? 0) === 0);
  });
}

/** The STATUS column of `kubectl get pods`. */
export function podStatusToString(pod: PodJSON): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || '';
  const inits = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const st = inits[i]?.state ?? {};
    const t = st.terminated;
    if (t !== undefined && (t.exitCode ?? 0) === 0) continue;
    if (t !== undefined) {
      if (t.reason) reason = `Init:${t.reason}`;
      else if (t.signal) reason = `Init:Signal:${t.signal}`;
      else reason = `Init:ExitCode:${t.exitCode ?? 0}`;
    } else if (st.waiting?.reason && st.waiting.reason !== 'PodInitializing') {
      reason = `Init:${st.waiting.reason}`;
    } else {
      reason = `Init:${i}/${(pod.spec?.initContainers ?? []).length}`;
    }
    break;
  }
  if (stillInitializing(pod)) return reason;
  const cs = status.containerStatuses ?? [];
  for (let i = cs.length - 1; i >= 0; i--) {
    const st = cs[i]?.state ?? {};
    if (st.waiting?.reason) reason = st.waiting.reason;
    else if (st.terminated?.reason) reason = st.terminated.reason;
    else if (st.terminated !== undefined) {
      reason = st.terminated.signal
        ? `Signal:${st.terminated.signal}`
        : `ExitCode:${st.terminated.exitCode ?? 0}`;
    }
  }
  return reason;
}

function containerErrors(c: ContainerStatusJSON): string[] {
  const st = c.state ?? {};
  const out: string[] = [];
  if (st.waiting !== undefined) {
    const last = c.lastState?.terminated;
    if (last !== undefined && (last.exitCode ?? 0) !== 0 && last.message) out.push(last.message);
    // Error modes often say what happens next (e.g. when the pull is retried).
    if (st.waiting.message && ERROR_WAITING_REASONS.has(st.waiting.reason ?? ''))
      out.push(st.waiting.message);
  } else if (
    st.terminated !== undefined &&
    (st.terminated.exitCode ?? 0) !== 0 &&
    st.terminated.message
  ) {
    out.push(st.terminated.message);
  }
  return out;
}

export function podErrors(pod: PodJSON): string[] {
  const out: string[] = [];
  if (stillInitializing(pod))
    for (const c of pod.status?.initContainerStatuses ?? []) out.push(...containerErrors(c));
  const cs = pod.status?.containerStatuses ?? [];
  for (let i = cs.length - 1; i >= 0; i--) out.push(...containerErrors(cs[i] ?? {}));
  return out;
}

function conditions(pod: PodJSON): PodCondition[] {
  return (pod.status?.conditions ?? []).map((c) => ({
    type: c.type ?? '',
    status: c.status ?? '',
    ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
  }));
}

/** The API Pod; `ownerCreatedAt` is the direct owner's creation time when known. */
export function toApiPod(
  pod: PodJSON,
  ancestorUID: string,
  ownerCreatedAt: string | undefined,
): Pod {
  const m = pod.metadata ?? {};
  const result: Pod = {
    uid: m.uid ?? '',
    name: m.name ?? '',
    namespace: m.namespace ?? '',
    createdAt: m.creationTimestamp ?? '',
    phase: pod.status?.phase ?? '',
    deleting: (m.deletionTimestamp ?? '') !== '',
    conditions: conditions(pod),
    initContainers: containers(pod, pod.status?.initContainerStatuses),
    containers: containers(pod, pod.status?.containerStatuses),
    status: podStatusToString(pod),
    errors: podErrors(pod),
  };
  if (ancestorUID !== '') result.ancestorUID = ancestorUID;
  const hash = m.labels?.['tilt.dev/pod-template-hash'];
  if (hash) result.podTemplateSpecHash = hash;
  const owner = m.ownerReferences?.[0];
  if (owner !== undefined) {
    result.owner = {
      name: owner.name,
      apiVersion: owner.apiVersion,
      kind: owner.kind,
      ...(ownerCreatedAt ? { creationTimestamp: ownerCreatedAt } : {}),
    };
  }
  return result;
}
