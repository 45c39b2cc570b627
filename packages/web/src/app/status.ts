// A resource's status as the UI shows it (Tilt's status.tsx): one combined word from its update
// and runtime status, its type, and its alert counts.
import type { UIResource } from '@slant/api';

export type Status =
  | 'building'
  | 'pending'
  | 'healthy'
  | 'unhealthy'
  | 'warning'
  | 'disabled'
  | 'none';

export function isDisabled(r: UIResource): boolean {
  return r.status?.disableStatus?.state === 'Disabled';
}

export function buildStatus(r: UIResource): Status {
  const s = r.status;
  if (s?.currentBuild?.startTime !== undefined) return 'building';
  switch (s?.updateStatus) {
    case 'in_progress':
      return 'building';
    case 'pending':
      return 'pending';
    case 'error':
      return 'unhealthy';
    case 'ok':
      return (s.buildHistory?.[0]?.warnings?.length ?? 0) > 0 ? 'warning' : 'healthy';
    default:
      return 'none';
  }
}

export function runtimeStatus(r: UIResource): Status {
  switch (r.status?.runtimeStatus) {
    case 'ok':
      return 'healthy';
    case 'pending':
      return 'pending';
    case 'error':
      return 'unhealthy';
    default:
      return 'none';
  }
}

export function combinedStatus(r: UIResource): Status {
  if (isDisabled(r)) return 'disabled';
  const b = buildStatus(r);
  const rt = runtimeStatus(r);
  if (b === 'unhealthy' || rt === 'unhealthy') return 'unhealthy';
  if (b === 'building') return 'building';
  if (b === 'pending' || rt === 'pending') return 'pending';
  if (b === 'warning') return 'warning';
  if (b === 'healthy' || rt === 'healthy') return 'healthy';
  return 'none';
}

export function resourceType(r: UIResource): string {
  if (r.metadata.name === '(Tiltfile)') return 'Tiltfile';
  const specs = r.status?.specs ?? [];
  if (specs.some((s) => s.type === 'k8s')) return 'K8s';
  if (specs.some((s) => s.type === 'docker-compose')) return 'DCS';
  if (specs.some((s) => s.type === 'local')) return 'Local';
  if (r.status?.k8sResourceInfo !== undefined) return 'K8s';
  if (r.status?.localResourceInfo !== undefined) return 'Local';
  return 'Unknown';
}

export interface Alerts {
  readonly errors: number;
  readonly warnings: number;
}

/** Where the alerts come from: the WARN and ERROR lines of a log span. */
export interface AlertSource {
  alertsOf(spanId: string | undefined): { warnings: number; errors: number };
}

/**
 * Tilt's alerts: the WARN and ERROR lines of the last finished update and of the current pod, so
 * they follow the logs (a new update starts with none).
 */
export function alertsOf(r: UIResource, logs: AlertSource): Alerts {
  if (isDisabled(r)) return { errors: 0, warnings: 0 };
  const build = logs.alertsOf(r.status?.buildHistory?.[0]?.spanID);
  const pod = logs.alertsOf(r.status?.k8sResourceInfo?.spanID);
  return { errors: build.errors + pod.errors, warnings: build.warnings + pod.warnings };
}

export interface Summary {
  error: number;
  warning: number;
  pending: number;
  healthy: number;
  disabled: number;
  total: number;
}

export function summarize(resources: readonly UIResource[]): Summary {
  const s: Summary = { error: 0, warning: 0, pending: 0, healthy: 0, disabled: 0, total: 0 };
  for (const r of resources) {
    s.total++;
    const st = combinedStatus(r);
    if (st === 'disabled') s.disabled++;
    else if (st === 'unhealthy') s.error++;
    else if (st === 'warning') s.warning++;
    else if (st === 'healthy') s.healthy++;
    else s.pending++;
  }
  return s;
}

/** Label groups of the overview: each label key names a group; no labels → `unlabeled`. */
export function groupByLabel(resources: readonly UIResource[]): [string, UIResource[]][] {
  const groups = new Map<string, UIResource[]>();
  const add = (g: string, r: UIResource) => {
    let list = groups.get(g);
    if (list === undefined) groups.set(g, (list = []));
    list.push(r);
  };
  for (const r of resources) {
    if (r.metadata.name === '(Tiltfile)') {
      add('Tiltfile', r);
      continue;
    }
    const labels = Object.keys(r.metadata.labels ?? {});
    if (labels.length === 0) add('unlabeled', r);
    for (const l of labels) add(l, r);
  }
  const rank = (g: string) => (g === 'Tiltfile' ? 2 : g === 'unlabeled' ? 1 : 0);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
