// The runtime half of a UIResource (Tilt's uiresource + k8sconv/runtime state): pods of a
// Kubernetes resource, the serve process of a local one, endpoint links, disable state. Pure
// functions of the objects; the reconciler writes the result.
import type {
  Cmd,
  ConfigMap,
  DockerComposeService,
  KubernetesApply,
  KubernetesDiscovery,
  Pod,
  PortForward,
  RuntimeStatus,
  UIResourceKubernetes,
  UIResourceLink,
  UIResourceStatus,
} from '@slant/api';
import type { Manifest } from '../../engine/manifest.ts';
import { currentPods } from './apply-filter.ts';
import { compareStrings } from '../common/compare.ts';
import { composeRuntimeStatus } from './runtime-compose.ts';

/** Container waiting reasons Tilt treats as a failed runtime. */
const ERROR_REASONS = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'RunContainerError',
  'StartError',
  'Error',
  'CreateContainerConfigError',
  'InvalidImageName',
]);

/** The pod Tilt shows: the newest one not being deleted (else the newest). */
export function mostRecentPod(pods: readonly Pod[]): Pod | undefined {
  const sorted = [...pods].sort(
    (a, b) =>
      Number(a.deleting) - Number(b.deleting) ||
      Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
      compareStrings(a.name, b.name),
  );
  return sorted[0];
}

function podStatusText(pod: Pod): string {
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    const reason = c.state.waiting?.reason ?? c.state.terminated?.reason;
    if (reason !== undefined && reason !== 'Completed' && reason !== 'ContainerCreating') {
      if (c.state.waiting !== undefined || (c.state.terminated?.exitCode ?? 0) !== 0) return reason;
    }
  }
  return pod.status !== '' ? pod.status : pod.phase;
}

export function podRuntime(pod: Pod | undefined, m: Manifest, applied: boolean): RuntimeStatus {
  if (!applied) return 'pending';
  if (m.podReadinessMode === 'ignore') return 'ok';
  if (pod === undefined) return 'pending';
  if (pod.phase === 'Succeeded') return 'ok';
  if (pod.phase === 'Failed') return 'error';
  const containers = [...(pod.initContainers ?? []), ...pod.containers];
  if (containers.some((c) => ERROR_REASONS.has(c.state.waiting?.reason ?? ''))) return 'error';
  if (m.podReadinessMode === 'succeeded') return 'pending';
  if (pod.containers.length > 0 && pod.containers.every((c) => c.ready)) return 'ok';
  return 'pending';
}

export function k8sInfo(pod: Pod | undefined, resource: string): UIResourceKubernetes {
  if (pod === undefined) return {};
  return {
    podName: pod.name,
    podCreationTime: pod.createdAt,
    podStatus: podStatusText(pod),
    podRestarts: pod.containers.reduce((n, c) => n + c.restarts, 0),
    allContainersReady: pod.containers.length > 0 && pod.containers.every((c) => c.ready),
    spanID: `pod:${resource}:${pod.name}`,
  };
}

export function serveRuntime(cmd: Cmd | undefined): RuntimeStatus {
  if (cmd === undefined) return 'pending';
  const st = cmd.status;
  if (st?.terminated !== undefined) return st.terminated.exitCode === 0 ? 'ok' : 'error';
  if (st?.running !== undefined) {
    if (cmd.spec.readinessProbe === undefined || st.ready === true) return 'ok';
    return 'pending';
  }
  return 'pending';
}

export interface RuntimeInputs {
  readonly name: string;
  readonly manifest: Manifest;
  readonly apply: KubernetesApply | undefined;
  readonly discovery: KubernetesDiscovery | undefined;
  readonly serve: Cmd | undefined;
  readonly compose?: DockerComposeService | undefined;
  readonly forwards: readonly PortForward[];
  readonly disable: ConfigMap | undefined;
  readonly now: string;
}

function links(inp: RuntimeInputs): UIResourceLink[] {
  const out: UIResourceLink[] = [];
  for (const pf of inp.forwards) {
    for (const f of pf.spec.forwards) {
      const host = f.host === '' || f.host === undefined ? 'localhost' : f.host;
      const path = (f.path ?? '').replace(/^\/?/, '/');
      out.push({
        url: `http://${host}:${f.localPort ?? f.containerPort}${path}`,
        ...(f.name === undefined ? {} : { name: f.name }),
      });
    }
  }
  for (const l of inp.manifest.links) {
    out.push({ url: l.url, ...(l.name === undefined ? {} : { name: l.name }) });
  }
  return out;
}

/** The runtime fields of the UIResource status. */
export function runtimeStatus(inp: RuntimeInputs): Partial<UIResourceStatus> {
  const disabled = inp.disable?.data?.isDisabled === 'true';
  const out: Partial<UIResourceStatus> = {
    endpointLinks: links(inp),
    disableStatus: {
      enabledCount: disabled ? 0 : 1,
      disabledCount: disabled ? 1 : 0,
      state: disabled ? 'Disabled' : 'Enabled',
      sources: [{ configMap: { name: `${inp.name}-disable`, key: 'isDisabled' } }],
    },
  };
  if (disabled) return { ...out, runtimeStatus: 'none' };
  if (inp.manifest.type === 'k8s') {
    const pod = mostRecentPod(currentPods(inp.apply, inp.discovery?.status?.pods ?? []));
    const applied = inp.apply?.status?.lastApplyTime !== undefined;
    return {
      ...out,
      runtimeStatus: podRuntime(pod, inp.manifest, applied),
      k8sResourceInfo: k8sInfo(pod, inp.name),
    };
  }
  if (inp.manifest.type === 'docker-compose') {
    return { ...out, ...composeRuntimeStatus(inp.manifest, inp.compose) };
  }
  if (inp.manifest.type === 'local') {
    const isTest = inp.manifest.local?.isTest === true;
    if (inp.manifest.local?.serveCmd === undefined) {
      return { ...out, runtimeStatus: 'not_applicable', localResourceInfo: { isTest } };
    }
    const pid = inp.serve?.status?.running?.pid;
    return {
      ...out,
      runtimeStatus: serveRuntime(inp.serve),
      localResourceInfo: { isTest, ...(pid === undefined ? {} : { pid }) },
    };
  }
  return out;
}
