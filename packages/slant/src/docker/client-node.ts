// The real DockerClient: the engine API over dockerode. The daemon address is always given
// explicitly (docker-modem would otherwise read DOCKER_HOST itself). Builds use BuildKit when the
// daemon has it (API 1.39+, as Tilt decides) unless DOCKER_BUILDKIT says otherwise: BuildKit pulls
// the context (and docker_build's secrets and ssh agents) through a session (buildkit-session/);
// the legacy builder reads the context as a tar in the request body.
import type Docker from 'dockerode';
import { tarBuildContext } from './build-context.ts';
import { dial, type ModemError, readMessages, toDockerError } from './modem.ts';
import {
  type DockerBuildOptions,
  type DockerClient,
  DockerError,
  type DockerImageInspect,
  type DockerInfo,
  type JsonMessage,
} from './client.ts';

export interface NodeDockerClientOptions {
  /** `unix:///var/run/docker.sock`, `tcp://host:2375` or a socket path; the default socket when empty. */
  readonly host?: string;
  /** The DOCKER_BUILDKIT environment value, if set: a Go boolean choosing the builder. */
  readonly buildkitEnv?: string;
  /** Where build secrets' relative paths start (the session's working directory). */
  readonly cwd?: string;
  /** The environment build secrets and SSH_AUTH_SOCK are read from. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

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

function splitTag(ref: string): { repo: string; tag: string } {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: 'latest' };
}

// Anonymous registry auth: the daemon wants the header, the local registry wants nothing in it.
const ANONYMOUS_AUTH = { base64: Buffer.from('{}').toString('base64') };

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Tilt's SupportsBuildkit: API version 1.39 or newer. */
export function apiSupportsBuildkit(apiVersion: string): boolean {
  const m = /^v?(\d+)(?:\.(\d+))?/.exec(apiVersion.trim());
  if (m === null) return false;
  const major = Number(m[1]);
  return major > 1 || (major === 1 && Number(m[2] ?? 0) >= 39);
}

export class NodeDockerClient implements DockerClient {
  private readonly connect: () => Promise<Docker>;
  private readonly buildkitEnv: string;
  private readonly cwd: string;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private apiVersion: Promise<string> | undefined;

  constructor(opts: NodeDockerClientOptions = {}) {
    this.connect = lazyDockerode(opts.host);
    this.buildkitEnv = opts.buildkitEnv ?? '';
    this.cwd = opts.cwd ?? '.';
    this.env = opts.env ?? {};
  }

  /** The engine API's builder version: '2' is BuildKit, '1' the legacy builder. */
  private async builderVersion(): Promise<'1' | '2'> {
    const env = this.buildkitEnv;
    if (env !== '' && !GO_TRUE.has(env)) {
      if (GO_FALSE.has(env)) return '1';
      throw new DockerError(
        `DOCKER_BUILDKIT environment variable expects boolean value: strconv.ParseBool: parsing ${JSON.stringify(env)}: invalid syntax`,
      );
    }
    // An unreachable daemon fails the build call itself, with its own error; ask again next time.
    this.apiVersion ??= this.info().then(
      (i) => i.apiVersion,
      () => {
        this.apiVersion = undefined;
        return '';
      },
    );
    return apiSupportsBuildkit(await this.apiVersion) ? '2' : '1';
  }

  // dockerode's ping, version and inspect take no abort signal; they are short calls.
  async ping(): Promise<void> {
    try {
      await (await this.connect()).ping();
    } catch (err) {
      throw toDockerError(err);
    }
  }

  async info(): Promise<DockerInfo> {
    try {
      const v = (await (await this.connect()).version()) as {
        Version?: string;
        ApiVersion?: string;
        Os?: string;
        Arch?: string;
      };
      return {
        serverVersion: v.Version ?? '',
        apiVersion: v.ApiVersion ?? '',
        os: v.Os ?? '',
        arch: v.Arch ?? '',
      };
    } catch (err) {
      throw toDockerError(err);
    }
  }

  async build(opts: DockerBuildOptions, onMessage: (m: JsonMessage) => void): Promise<string> {
    const buildargs: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(opts.buildArgs ?? {})) buildargs[k] = v ?? null;
    const version = await this.builderVersion();
    const query: Record<string, unknown> = {
      dockerfile: opts.dockerfile,
      buildargs,
      labels: { ...(opts.labels ?? {}) },
      rm: true,
      version,
    };
    if ((opts.tags ?? []).length > 0) query.t = [...(opts.tags ?? [])];
    if (opts.target !== undefined && opts.target !== '') query.target = opts.target;
    if (opts.network !== undefined && opts.network !== '') query.networkmode = opts.network;
    if (opts.pull === true) query.pull = true;
    if ((opts.cacheFrom ?? []).length > 0) query.cachefrom = [...(opts.cacheFrom ?? [])];
    if (opts.platform !== undefined && opts.platform !== '') query.platform = opts.platform;
    if ((opts.extraHosts ?? []).length > 0) query.extrahosts = [...(opts.extraHosts ?? [])];
    const needsSession = (opts.secrets ?? []).length > 0 || (opts.ssh ?? []).length > 0;
    if (version === '1' && needsSession) {
      throw new DockerError(
        'Docker SSH secrets only work on Buildkit, but Buildkit has been disabled',
        undefined,
        true,
      );
    }
    const docker = await this.connect().catch((err: unknown) => {
      throw toDockerError(err);
    });
    const messages =
      version === '2'
        ? await this.buildInSession(docker, opts, query, onMessage)
        : await this.buildFromTar(docker, opts, query, onMessage);
    return this.builtImageId(messages);
  }

  // The legacy builder reads the context as a tar in the request body.
  private async buildFromTar(
    docker: Docker,
    opts: DockerBuildOptions,
    query: Record<string, unknown>,
    onMessage: (m: JsonMessage) => void,
  ): Promise<JsonMessage[]> {
    const context = tarBuildContext(opts.context);
    try {
      const stream = await docker.buildImage(context, {
        ...query,
        ...(opts.signal ? { abortSignal: opts.signal } : {}),
      } as Docker.ImageBuildOptions);
      return await readMessages(stream, opts.signal, onMessage);
    } catch (err) {
      throw toDockerError(err);
    } finally {
      context.destroy();
    }
  }

  // BuildKit pulls the context through a session, as Tilt has it do.
  private async buildInSession(
    docker: Docker,
    opts: DockerBuildOptions,
    query: Record<string, unknown>,
    onMessage: (m: JsonMessage) => void,
  ): Promise<JsonMessage[]> {
    // Loaded with dockerode (which loads gRPC too), not when the engine starts.
    const { startSessionBuild } = await import('./buildkit-session/session-build.ts');
    const started = await startSessionBuild(
      <T>(o: Record<string, unknown>) => dial<T>(docker, o),
      opts,
      query,
      { cwd: this.cwd, env: this.env },
    ).catch((err: unknown) => {
      throw toDockerError(err);
    });
    try {
      return await readMessages(started.response, opts.signal, onMessage);
    } finally {
      started.close();
    }
  }

  // The id is in the `aux` message; daemons before API 1.30 only print "Successfully built <id>".
  // A multi-stage build reports every stage's image: the last one is the result.
  private async builtImageId(messages: JsonMessage[]): Promise<string> {
    const last = [...messages].reverse();
    for (const m of last) {
      const id = (m.aux as { ID?: unknown } | undefined)?.ID;
      if (typeof id === 'string') return id;
    }
    for (const m of last) {
      const short = /^Successfully built ([0-9a-f]+)\s*$/.exec(m.stream ?? '')?.[1];
      if (short === undefined) continue;
      const img = await this.inspectImage(short);
      if (img !== undefined) return img.id;
    }
    throw new DockerError(
      'Docker is not responding. Maybe Docker is out of disk space? Try running `docker system prune`',
    );
  }

  async tag(source: string, target: string, signal?: AbortSignal): Promise<void> {
    const { repo, tag } = splitTag(target);
    try {
      await (await this.connect())
        .getImage(source)
        .tag({ repo, tag, ...(signal ? { abortSignal: signal } : {}) });
    } catch (err) {
      throw toDockerError(err);
    }
  }

  async push(
    ref: string,
    onMessage: (m: JsonMessage) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const { repo, tag } = splitTag(ref);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await (await this.connect()).getImage(repo).push({
        tag,
        authconfig: ANONYMOUS_AUTH,
        ...(signal ? { abortSignal: signal } : {}),
      } as Docker.ImagePushOptions);
    } catch (err) {
      throw toDockerError(err);
    }
    await readMessages(stream, signal, onMessage);
  }

  async inspectImage(ref: string): Promise<DockerImageInspect | undefined> {
    try {
      const i = await (await this.connect()).getImage(ref).inspect();
      return {
        id: i.Id,
        repoTags: i.RepoTags ?? [],
        repoDigests: i.RepoDigests ?? [],
        labels: i.Config?.Labels ?? {},
        architecture: i.Architecture,
        os: i.Os,
      };
    } catch (err) {
      if ((err as ModemError).statusCode === 404) return undefined;
      throw toDockerError(err);
    }
  }
}
