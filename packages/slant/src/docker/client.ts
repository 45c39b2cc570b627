// The Docker engine seam: what image builds need from a Docker daemon. The real adapter
// (client-node.ts) speaks the engine API through dockerode; the fake (client-fake.ts) is
// scripted by tests. Errors are thrown as DockerError with the daemon's words.
import type { BuildContextOptions } from './build-context.ts';

/** One message of Docker's streamed JSON output (build, push), as the engine sends it. */
export interface JsonMessage {
  stream?: string;
  status?: string;
  id?: string;
  /** The daemon's own rendering of the progress bar. */
  progress?: string;
  progressDetail?: { current?: number; total?: number; start?: number; units?: string };
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: unknown;
}

export interface DockerBuildOptions {
  /** The build context directory, its filter and the Dockerfile to build it with. */
  readonly context: BuildContextOptions;
  /** The name the Dockerfile is sent under (beside the context, not in it). */
  readonly dockerfile: string;
  /** Build arguments; an undefined value passes the variable through from the environment. */
  readonly buildArgs?: Readonly<Record<string, string | undefined>>;
  readonly target?: string;
  readonly network?: string;
  /** Always try to pull a newer version of the base images. */
  readonly pull?: boolean;
  readonly cacheFrom?: readonly string[];
  /** `os/arch[/variant]`, e.g. `linux/amd64`. */
  readonly platform?: string;
  /** `host:ip` entries for /etc/hosts. */
  readonly extraHosts?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  /** Tags applied by the daemon when the build succeeds. */
  readonly tags?: readonly string[];
  /** docker_build(secret=…): Docker `--secret` specs, served to BuildKit through the session. */
  readonly secrets?: readonly string[];
  /** docker_build(ssh=…): Docker `--ssh` specs (`default`, `id=socket-path`). */
  readonly ssh?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface DockerImageInspect {
  /** The image id, `sha256:<hex>`. */
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly architecture?: string;
  readonly os?: string;
  /** The image's size in bytes. */
  readonly size?: number;
  /**
   * When the image was last tagged (`Metadata.LastTagTime`, RFC 3339): the last build, for
   * built images. Go's zero time (`0001-01-01T00:00:00Z`) when it never was.
   */
  readonly lastTagTime?: string;
}

/**
 * The engine API's filters, e.g. `{ label: ['dev.tilt.gc=true'], until: ['6h0m0s'] }`: each key
 * matches when any of its values does.
 */
export type DockerFilters = Readonly<Record<string, readonly string[]>>;

/** What a container or build cache prune removed, and the bytes it gave back. */
export interface DockerPruneReport {
  readonly deleted: readonly string[];
  readonly spaceReclaimed: number;
}

/** One line of an image removal: a tag removed, or an image (layer) deleted. */
export interface DockerImageDeleteItem {
  readonly untagged?: string;
  readonly deleted?: string;
}

export interface DockerInfo {
  readonly serverVersion: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
}

export interface DockerClient {
  /** Resolves when the daemon answers `/_ping`; throws DockerError otherwise. */
  ping(signal?: AbortSignal): Promise<void>;
  info(signal?: AbortSignal): Promise<DockerInfo>;
  /**
   * Builds an image; every output message goes to onMessage. Resolves to the built image id
   * (`sha256:<hex>`); throws DockerError with the daemon's message when the build fails.
   */
  build(opts: DockerBuildOptions, onMessage: (m: JsonMessage) => void): Promise<string>;
  /** Tags `source` (an id or ref) as `target` (a full ref with tag). */
  tag(source: string, target: string, signal?: AbortSignal): Promise<void>;
  /** Pushes a tagged ref; progress messages go to onMessage; failures throw DockerError. */
  push(ref: string, onMessage: (m: JsonMessage) => void, signal?: AbortSignal): Promise<void>;
  /** The image, or undefined when the daemon does not have it. */
  inspectImage(ref: string, signal?: AbortSignal): Promise<DockerImageInspect | undefined>;
  /**
   * The builder `docker` would use here (Tilt's BuilderVersion): '2' is BuildKit, '1' the legacy
   * builder. Throws DockerError when the daemon can't be asked or DOCKER_BUILDKIT is no boolean.
   */
  builderVersion(): Promise<'1' | '2'>;
  /** Removes the stopped containers the filters select. */
  pruneContainers(filters: DockerFilters, signal?: AbortSignal): Promise<DockerPruneReport>;
  /** Ids of the images the filters select. */
  listImages(filters: DockerFilters, signal?: AbortSignal): Promise<string[]>;
  /** Removes an image (not forced) and its untagged parents, as `docker rmi` does. */
  removeImage(id: string, signal?: AbortSignal): Promise<DockerImageDeleteItem[]>;
  /** Removes the build cache the filters select. */
  pruneBuildCache(filters: DockerFilters, signal?: AbortSignal): Promise<DockerPruneReport>;
}

/** A failure reported by the Docker daemon (or reaching it), in its own words. */
export class DockerError extends Error {
  /** The HTTP status of the API call, when the failure was an HTTP error. */
  readonly statusCode: number | undefined;
  /** A failure before the build started (bad options), worded in full: shown as it is. */
  readonly beforeBuild: boolean;

  constructor(message: string, statusCode?: number, beforeBuild = false) {
    super(message);
    this.name = 'DockerError';
    this.statusCode = statusCode;
    this.beforeBuild = beforeBuild;
  }
}

/** Labels Slant puts on every image it builds (Tilt's BuiltLabelSet). */
export const BUILT_LABELS: Readonly<Record<string, string>> = {
  'dev.tilt.built': 'true',
  'dev.tilt.gc': 'true',
};

/** Docker's `KEY=value` / bare `KEY` build args as a map (docker/cli ConvertKVStringsToMapWithNil). */
export function buildArgsMap(args: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const a of args) {
    const i = a.indexOf('=');
    if (i < 0) out[a] = undefined;
    else out[a.slice(0, i)] = a.slice(i + 1);
  }
  return out;
}
