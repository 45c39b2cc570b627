// Container restarts between two statuses of one discovery (Tilt's ContainerRestartDetector):
// a container whose restart count went up in a pod that was already there. New pods are not
// compared (nothing to compare with); containers are matched by position and name.
import type { Container, Pod } from '@slant/api';

export interface Restart {
  readonly pod: string;
  readonly container: string;
}

function restarted(prev: readonly Container[] = [], cur: readonly Container[] = []): string[] {
  const out: string[] = [];
  cur.forEach((c, i) => {
    const before = prev[i];
    if (before === undefined || before.name !== c.name) return;
    if ((c.restarts ?? 0) > (before.restarts ?? 0)) out.push(c.name);
  });
  return out;
}

export function containerRestarts(prev: readonly Pod[] = [], cur: readonly Pod[] = []): Restart[] {
  const before = new Map(prev.map((p) => [p.uid, p]));
  const out: Restart[] = [];
  for (const pod of cur) {
    const old = before.get(pod.uid);
    if (old === undefined) continue;
    for (const name of [
      ...restarted(old.initContainers, pod.initContainers),
      ...restarted(old.containers, pod.containers),
    ]) {
      out.push({ pod: pod.name, container: name });
    }
  }
  return out;
}

/** Tilt's warning line for one restart. */
export function restartLine(r: Restart): string {
  return `Detected container restart. Pod: ${r.pod}. Container: ${r.container}.\n`;
}
