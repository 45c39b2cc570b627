// Running a command in a Docker container through the engine API (`docker exec`), and restarting
// the container (`docker restart`): what live_update needs for Docker Compose services. It has the
// same shape as the Kubernetes exec seam (k8s/exec.ts), so live update's transports — a plain exec
// per command, or the receiver kept open in the container — work on either runtime.
import type { ContainerExec } from '../k8s/exec.ts';

export type { ExecResult, ExecStream, ExecStreamHandlers } from '../k8s/exec.ts';
export { ExecError } from '../k8s/exec.ts';

export interface DockerExecTarget {
  /** The container's id (or name). */
  readonly containerId: string;
}

/**
 * Seconds Docker waits for the container to stop before killing it on restart: Tilt restarts
 * without waiting (its ContainerRestartNoWait), as the files are already in place.
 */
export const RESTART_TIMEOUT_SECONDS = 0;

export interface DockerContainerExec extends ContainerExec<DockerExecTarget> {
  /** `docker restart`; throws ExecError with the daemon's words when it fails. */
  restart(target: DockerExecTarget, signal?: AbortSignal): Promise<void>;
}
