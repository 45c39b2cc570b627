// Which containers of a pod a PodLogStream follows, and its per-container status (Tilt's
// filterContainers, shouldStreamContainerLogs and ensureStatusActive).
import type {
  Container,
  ContainerLogStreamStatus,
  Pod,
  PodLogStreamSpec,
  PodLogStreamStatus,
} from '@slant/api';

/** onlyContainers wins over ignoreContainers, as in Tilt. */
export function filterContainers(spec: PodLogStreamSpec, containers: readonly Container[]) {
  const only = spec.onlyContainers ?? [];
  if (only.length > 0) return containers.filter((c) => only.includes(c.name));
  const ignore = spec.ignoreContainers ?? [];
  if (ignore.length > 0) return containers.filter((c) => !ignore.includes(c.name));
  return [...containers];
}

/**
 * Whether a container has output to stream: it has started (an id, and running or terminated)
 * and, when it is finishing, its stream has not already run to the end once.
 */
export function shouldStream(pod: Pod, co: Container, hasClosedStream: boolean): boolean {
  if (co.id === '') return false;
  const terminating = co.state.terminated !== undefined || pod.deleting;
  if (terminating && hasClosedStream) return false;
  return co.state.running !== undefined || co.state.terminated !== undefined;
}

/** The controller's view of one container's stream; published without the false/'' fields. */
export interface ContainerState {
  name: string;
  active: boolean;
  terminated: boolean;
  error: string;
}

export interface StreamStatus {
  containers: ContainerState[];
  error: string;
}

/** Resets the per-container entries when the set of container names changed. */
export function ensureContainers(status: StreamStatus, names: readonly string[]): void {
  const same =
    names.length === status.containers.length &&
    status.containers.every((cs, i) => cs.name === names[i]);
  if (same) return;
  status.containers = names.map((name) => ({ name, active: false, terminated: false, error: '' }));
  status.error = '';
}

export function mutateContainer(
  status: StreamStatus,
  name: string,
  fn: (cs: ContainerState) => void,
): void {
  for (const cs of status.containers) if (cs.name === name) fn(cs);
}

/** The API form: Tilt's JSON omits empty fields (omitempty). */
export function toApiStatus(status: StreamStatus): PodLogStreamStatus {
  const out: PodLogStreamStatus = {};
  if (status.containers.length > 0) {
    out.containerStatuses = status.containers.map((cs) => {
      const s: ContainerLogStreamStatus = { name: cs.name };
      if (cs.active) s.active = true;
      if (cs.terminated) s.terminated = true;
      if (cs.error !== '') s.error = cs.error;
      return s;
    });
  }
  if (status.error !== '') out.error = status.error;
  return out;
}
