// The real DockerContainers: container inspect, logs and events over dockerode.
import { PassThrough, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { lazyDockerode, type NodeDockerClientOptions } from './client-node.ts';
import type {
  ContainerEvent,
  ContainerInfo,
  ContainerPortBinding,
  DockerContainers,
  LogFollowOptions,
} from './containers.ts';

// The engine writes the zero time for a container that never started or stopped.
const ZERO_TIME = '0001-01-01T00:00:00Z';
const timeOrEmpty = (t: unknown) => (typeof t === 'string' && t !== ZERO_TIME ? t : '');

function portBindings(ports: Docker.PortMap | undefined): ContainerPortBinding[] {
  const out: ContainerPortBinding[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const containerPort = Number.parseInt(key, 10);
    for (const b of (bindings as Docker.PortBinding[] | null) ?? []) {
      const hostPort = Number.parseInt(b.HostPort ?? '', 10);
      if (!Number.isFinite(hostPort) || hostPort === 0) continue;
      out.push({ containerPort, hostIP: b.HostIp ?? '', hostPort });
    }
  }
  // A map has no order: sort as Tilt does, by host port then host IP.
  return out.sort((a, b) => a.hostPort - b.hostPort || a.hostIP.localeCompare(b.hostIP));
}

export function toContainerInfo(raw: Docker.ContainerInspectInfo): ContainerInfo {
  const st = raw.State as Docker.ContainerInspectInfo['State'] & {
    Health?: { Status?: string; Log?: { Output?: string }[] };
  };
  const health = st?.Health;
  const healthStatus = health?.Status ?? '';
  const lastLog = health?.Log?.at(-1)?.Output ?? '';
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    tty: raw.Config?.Tty === true,
    state: {
      status: st?.Status ?? '',
      running: st?.Running === true,
      exitCode: st?.ExitCode ?? 0,
      error: st?.Error ?? '',
      startedAt: timeOrEmpty(st?.StartedAt),
      finishedAt: timeOrEmpty(st?.FinishedAt),
      healthStatus,
      healthOutput: healthStatus === 'unhealthy' ? lastLog : '',
    },
    ports: portBindings(raw.NetworkSettings?.Ports),
  };
}

// Resolves when a followed stream ends, fails or is closed; aborting the signal closes it.
async function untilEnded(stream: Readable, signal: AbortSignal): Promise<void> {
  const onAbort = () => stream.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  signal.removeEventListener('abort', onAbort);
}

export class NodeDockerContainers implements DockerContainers {
  private readonly docker: () => Promise<Docker>;

  constructor(opts: NodeDockerClientOptions = {}) {
    this.docker = lazyDockerode(opts.host);
  }

  async inspect(idOrName: string, signal?: AbortSignal): Promise<ContainerInfo | undefined> {
    try {
      const raw = await (await this.docker())
        .getContainer(idOrName)
        .inspect(signal === undefined ? {} : { abortSignal: signal });
      return toContainerInfo(raw);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  async followLogs(id: string, opts: LogFollowOptions): Promise<void> {
    const since = opts.since === undefined ? 0 : Math.floor(Date.parse(opts.since) / 1000);
    let stream: Readable;
    try {
      stream = (await (await this.docker()).getContainer(id).logs({
        follow: true,
        stdout: true,
        stderr: true,
        since: Number.isFinite(since) ? since : 0,
        abortSignal: opts.signal,
      })) as unknown as Readable;
    } catch (err) {
      if (opts.signal.aborted) return;
      throw err;
    }
    const ended = untilEnded(stream, opts.signal);
    if (opts.tty) {
      stream.on('data', (b: Buffer) => opts.onOutput(b.toString('utf8'), 'stdout'));
    } else {
      const out = new PassThrough();
      const err = new PassThrough();
      out.on('data', (b: Buffer) => opts.onOutput(b.toString('utf8'), 'stdout'));
      err.on('data', (b: Buffer) => opts.onOutput(b.toString('utf8'), 'stderr'));
      (await this.docker()).modem.demuxStream(stream, out, err);
    }
    await ended;
  }

  async watchEvents(
    labels: Readonly<Record<string, string>>,
    onEvent: (e: ContainerEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const filters = {
      type: ['container'],
      label: Object.entries(labels).map(([k, v]) => `${k}=${v}`),
    };
    let stream: Readable;
    try {
      stream = (await (
        await this.docker()
      ).getEvents({
        filters,
        abortSignal: signal,
      } as Docker.GetEventsOptions)) as unknown as Readable;
    } catch (err) {
      if (signal.aborted) return;
      throw err;
    }
    const ended = untilEnded(stream, signal);
    let buf = '';
    stream.on('data', (b: Buffer) => {
      buf += b.toString('utf8');
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        nl = buf.indexOf('\n');
        if (line === '') continue;
        const m = JSON.parse(line) as {
          Action?: string;
          id?: string;
          Actor?: { ID?: string; Attributes?: Record<string, string> };
        };
        onEvent({
          action: m.Action ?? '',
          containerId: m.Actor?.ID ?? m.id ?? '',
          labels: m.Actor?.Attributes ?? {},
        });
      }
    });
    await ended;
  }
}
