// The Docker containers seam: what Compose services need of the engine once `docker compose up`
// has run — inspect a container, follow its logs, hear about container events. The real adapter
// (containers-node.ts) speaks the engine API through dockerode; the fake (containers-fake.ts) is
// scripted by tests.

/** A container's state, as the engine's inspect reports it (times are RFC 3339, or ''). */
export interface ContainerStateInfo {
  readonly status: string;
  readonly running: boolean;
  readonly exitCode: number;
  readonly error: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** `starting`, `healthy`, `unhealthy`, or '' without a health check. */
  readonly healthStatus: string;
  /** The last health check's output when unhealthy. */
  readonly healthOutput: string;
}

export interface ContainerPortBinding {
  readonly containerPort: number;
  readonly hostIP: string;
  readonly hostPort: number;
}

export interface ContainerInfo {
  readonly id: string;
  /** Without the engine's leading `/`. */
  readonly name: string;
  readonly tty: boolean;
  readonly state: ContainerStateInfo;
  readonly ports: readonly ContainerPortBinding[];
}

/** A container event (`start`, `die`, `health_status: healthy`, ...). */
export interface ContainerEvent {
  readonly action: string;
  readonly containerId: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface LogFollowOptions {
  /** Only lines written at or after this time (RFC 3339). */
  readonly since?: string;
  /** A TTY container's output is one raw stream; otherwise the engine multiplexes two. */
  readonly tty: boolean;
  readonly onOutput: (text: string, stream: 'stdout' | 'stderr') => void;
  readonly signal: AbortSignal;
}

export interface DockerContainers {
  /** The container, or undefined when the engine has none by that id or name. */
  inspect(idOrName: string, signal?: AbortSignal): Promise<ContainerInfo | undefined>;
  /** Follows the logs; resolves when the stream ends (the container stopped) or on abort. */
  followLogs(id: string, opts: LogFollowOptions): Promise<void>;
  /**
   * Container events whose labels include all of `labels`, until the signal aborts. Resolves when
   * the stream ends (the engine went away or the signal aborted).
   */
  watchEvents(
    labels: Readonly<Record<string, string>>,
    onEvent: (e: ContainerEvent) => void,
    signal: AbortSignal,
  ): Promise<void>;
}

/** Compose's labels on the containers it creates. */
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
