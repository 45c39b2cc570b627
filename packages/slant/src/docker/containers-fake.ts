// A DockerContainers for unit tests: containers set by the test, logs and events pushed by it.
import type {
  ContainerEvent,
  ContainerInfo,
  DockerContainers,
  LogFollowOptions,
} from './containers.ts';

/** A running container as inspect reports it, for tests. */
export function runningContainer(
  id: string,
  name: string,
  startedAt: string,
  ports: ContainerInfo['ports'] = [],
): ContainerInfo {
  return {
    id,
    name,
    tty: false,
    state: {
      status: 'running',
      running: true,
      exitCode: 0,
      error: '',
      startedAt,
      finishedAt: '',
      healthStatus: '',
      healthOutput: '',
    },
    ports,
  };
}

interface Follower {
  readonly id: string;
  readonly opts: LogFollowOptions;
  readonly end: () => void;
}

export class FakeDockerContainers implements DockerContainers {
  readonly containers = new Map<string, ContainerInfo>();
  readonly followers: Follower[] = [];
  private readonly watchers: {
    labels: Readonly<Record<string, string>>;
    onEvent: (e: ContainerEvent) => void;
  }[] = [];

  set(info: ContainerInfo): void {
    this.containers.set(info.id, info);
  }

  async inspect(idOrName: string): Promise<ContainerInfo | undefined> {
    return (
      this.containers.get(idOrName) ??
      [...this.containers.values()].find((c) => c.name === idOrName)
    );
  }

  followLogs(id: string, opts: LogFollowOptions): Promise<void> {
    return new Promise((resolve) => {
      const f: Follower = {
        id,
        opts,
        end: () => {
          const i = this.followers.indexOf(f);
          if (i >= 0) this.followers.splice(i, 1);
          resolve();
        },
      };
      this.followers.push(f);
      opts.signal.addEventListener('abort', () => f.end(), { once: true });
    });
  }

  /** Writes to every follower of the container. */
  log(id: string, text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    for (const f of this.followers) if (f.id === id) f.opts.onOutput(text, stream);
  }

  /** Ends the log streams of the container (it stopped). */
  endLogs(id: string): void {
    for (const f of [...this.followers]) if (f.id === id) f.end();
  }

  watchEvents(
    labels: Readonly<Record<string, string>>,
    onEvent: (e: ContainerEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const w = { labels, onEvent };
    this.watchers.push(w);
    return new Promise((resolve) => {
      signal.addEventListener(
        'abort',
        () => {
          this.watchers.splice(this.watchers.indexOf(w), 1);
          resolve();
        },
        { once: true },
      );
    });
  }

  emit(e: ContainerEvent): void {
    for (const w of this.watchers) {
      if (Object.entries(w.labels).every(([k, v]) => e.labels[k] === v)) w.onEvent(e);
    }
  }
}
