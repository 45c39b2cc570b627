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
  type DockerFilters,
  type DockerImageDeleteItem,
  type DockerImageInspect,
  type DockerInfo,
  type DockerPruneReport,
  type JsonMessage,
} from './client.ts';
import { lazyDockerode } from './connect-node.ts';
import * as prune from './prune-node.ts';
import { apiSupportsBuildkit, buildkitChoice } from './versions.ts';

// Kept importable from here, where they used to be.
export { connectionOptions, lazyDockerode } from './connect-node.ts';
export { apiSupportsBuildkit } from './versions.ts';

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

function splitTag(ref: string): { repo: string; tag: string } {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: 'latest' };
}

// Anonymous registry auth: the daemon wants the header, the local registry wants nothing in it.
const ANONYMOUS_AUTH = { base64: Buffer.from('{}').toString('base64') };

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

  /** The builder of a build: '2' is BuildKit, '1' the legacy builder. */
  private async buildBuilder(): Promise<'1' | '2'> {
    if (buildkitChoice(this.buildkitEnv) === false) return '1';
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

  // Tilt asks the daemon first, so an unreachable one is the error even with DOCKER_BUILDKIT set.
  async builderVersion(): Promise<'1' | '2'> {
    const { apiVersion } = await this.info();
    if (buildkitChoice(this.buildkitEnv) === false) return '1';
    return apiSupportsBuildkit(apiVersion) ? '2' : '1';
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
    const version = await this.buildBuilder();
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
    const docker = await this.dockerode();
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
      // Metadata (LastTagTime) is in the engine's answer but not in dockerode's type.
      const i = (await (
        await this.connect()
      )
        .getImage(ref)
        .inspect()) as Docker.ImageInspectInfo & {
        Metadata?: { LastTagTime?: string };
      };
      return {
        id: i.Id,
        repoTags: i.RepoTags ?? [],
        repoDigests: i.RepoDigests ?? [],
        labels: i.Config?.Labels ?? {},
        architecture: i.Architecture,
        os: i.Os,
        size: i.Size,
        ...(i.Metadata?.LastTagTime ? { lastTagTime: i.Metadata.LastTagTime } : {}),
      };
    } catch (err) {
      if ((err as ModemError).statusCode === 404) return undefined;
      throw toDockerError(err);
    }
  }

  async pruneContainers(filters: DockerFilters, signal?: AbortSignal): Promise<DockerPruneReport> {
    return prune.pruneContainers(await this.dockerode(), filters, signal);
  }

  async listImages(filters: DockerFilters, signal?: AbortSignal): Promise<string[]> {
    return prune.listImageIds(await this.dockerode(), filters, signal);
  }

  async removeImage(id: string, signal?: AbortSignal): Promise<DockerImageDeleteItem[]> {
    return prune.removeImage(await this.dockerode(), id, signal);
  }

  async pruneBuildCache(filters: DockerFilters, signal?: AbortSignal): Promise<DockerPruneReport> {
    const { apiVersion } = await this.info();
    return prune.pruneBuildCache(await this.dockerode(), filters, apiVersion, signal);
  }

  private dockerode(): Promise<Docker> {
    return this.connect().catch((err: unknown) => {
      throw toDockerError(err);
    });
  }
}
