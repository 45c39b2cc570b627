// Container facts → DockerComposeService status (Tilt's dockercompose.ToServiceStatus), and the
// runtime status Tilt derives from them (dockercompose.State.RuntimeStatus).
import type { DockerComposeServiceStatus, RuntimeStatus } from '@slant/api';
import type { ContainerInfo } from '../../docker/containers.ts';

export function serviceStatus(info: ContainerInfo): DockerComposeServiceStatus {
  const s = info.state;
  return {
    containerID: info.id,
    containerName: info.name,
    containerState: {
      status: s.status,
      running: s.running,
      ...(s.error === '' ? {} : { error: s.error }),
      ...(s.exitCode === 0 ? {} : { exitCode: s.exitCode }),
      ...(s.startedAt === '' ? {} : { startedAt: s.startedAt }),
      ...(s.finishedAt === '' ? {} : { finishedAt: s.finishedAt }),
      ...(s.healthStatus === '' ? {} : { healthStatus: s.healthStatus }),
    },
    ...(info.ports.length === 0
      ? {}
      : {
          portBindings: info.ports.map((p) => ({
            containerPort: p.containerPort,
            hostPort: p.hostPort,
            ...(p.hostIP === '' ? {} : { hostIP: p.hostIP }),
          })),
        }),
  };
}

/**
 * Tilt's rule: an error or a non-zero exit is an error; running or exited (0) is ok; no state is
 * unknown; anything else pending. Beyond Tilt: a health check that is still `starting` keeps the
 * service pending and an `unhealthy` one is an error, so resource_deps wait for a healthy service.
 */
export function composeRuntime(status: DockerComposeServiceStatus | undefined): RuntimeStatus {
  const st = status?.containerState;
  if (st === undefined) return 'unknown';
  if ((st.error ?? '') !== '' || (st.exitCode ?? 0) !== 0) return 'error';
  if (st.healthStatus === 'unhealthy') return 'error';
  if (st.running === true || st.status === 'running' || st.status === 'exited') {
    return st.healthStatus === 'starting' ? 'pending' : 'ok';
  }
  if ((st.status ?? '') === '') return 'unknown';
  return 'pending';
}
