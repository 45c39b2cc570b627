// Reaching a Docker daemon through dockerode: the DOCKER_HOST-style address, and dockerode loaded
// only when first needed.
import type Docker from 'dockerode';

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** dockerode connection options for a DOCKER_HOST-style address. */
export function connectionOptions(host: string | undefined): Docker.DockerOptions {
  const h = host ?? '';
  if (h === '') return { socketPath: DEFAULT_SOCKET };
  if (h.startsWith('unix://')) return { socketPath: h.slice('unix://'.length) || DEFAULT_SOCKET };
  if (h.startsWith('/')) return { socketPath: h };
  const m = /^(tcp|http|https):\/\/([^:/]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(h);
  if (m === null) throw new Error(`unsupported Docker host ${JSON.stringify(h)}`);
  const protocol = m[1] === 'https' ? 'https' : 'http';
  return { protocol, host: m[2] ?? '', port: Number(m[3] ?? (protocol === 'https' ? 2376 : 2375)) };
}

/**
 * dockerode for a Docker host, loaded on the first call: with gRPC, protobufjs and ssh2 behind
 * it, it costs ~25 MB of memory, which a session that never talks to Docker does not pay. A bad
 * address is still reported at once.
 */
export function lazyDockerode(host: string | undefined): () => Promise<Docker> {
  const options = connectionOptions(host);
  let made: Promise<Docker> | undefined;
  return () => {
    made ??= import('dockerode').then(({ default: Docker }) => new Docker(options));
    return made;
  };
}
