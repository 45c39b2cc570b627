// A DockerClient for unit tests: an in-memory image store. Builds read the context as the legacy
// builder's tar (so tests can see what was sent) and answer with scripted output; pushes record what was pushed.
import * as tar from 'tar-stream';
import { parseNormalizedNamed, refString, tagNameOnly } from '../container/ref.ts';
import { tarBuildContext } from './build-context.ts';
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

export interface FakeBuild {
  /** The options, without the context stream. */
  readonly opts: Omit<DockerBuildOptions, 'context' | 'signal'>;
  /** The context tar's entries: name → contents ('' for directories). */
  readonly files: ReadonlyMap<string, string>;
}

/** What the next build does: succeed with an image id, or fail with Docker's message. */
export type FakeBuildResult =
  | { readonly imageId: string; readonly output?: readonly JsonMessage[] }
  | { readonly error: string; readonly output?: readonly JsonMessage[] };

// Docker finds `app:v1` as `docker.io/library/app:v1`, and `app` as `app:latest`.
function key(ref: string): string {
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref)) return ref;
  try {
    return refString(tagNameOnly(parseNormalizedNamed(ref)));
  } catch {
    return ref;
  }
}

async function readTar(context: NodeJS.ReadableStream): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        files.set(header.name, Buffer.concat(chunks).toString('utf8'));
        next();
      });
      stream.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  context.pipe(extract);
  await done;
  return files;
}

export class FakeDockerClient implements DockerClient {
  readonly images = new Map<string, DockerImageInspect>();
  readonly builds: FakeBuild[] = [];
  readonly tags: { source: string; target: string }[] = [];
  readonly pushes: string[] = [];
  /** Scripted results of the next builds, in order; a default success when empty. */
  readonly buildResults: FakeBuildResult[] = [];
  /** Output and error of the next pushes, by ref. */
  readonly pushResults = new Map<string, { output?: JsonMessage[]; error?: string }>();
  /** Set to make every call fail as an unreachable daemon does. */
  down: string | undefined;
  builder: '1' | '2' = '2';
  /** What the next container and build cache prunes answer. */
  containerPrune: DockerPruneReport = { deleted: [], spaceReclaimed: 0 };
  buildCachePrune: DockerPruneReport | { readonly error: string } = {
    deleted: [],
    spaceReclaimed: 0,
  };
  /** Removal errors by image id (Docker's words). */
  readonly removeErrors = new Map<string, string>();
  /** Every prune-side call, in order, with its filters or image id. */
  readonly pruneCalls: { call: string; filters?: DockerFilters; id?: string }[] = [];
  info_: DockerInfo = { serverVersion: '20.10.24', apiVersion: '1.41', os: 'linux', arch: 'amd64' };
  private nextId = 1;

  private check(): void {
    if (this.down !== undefined) throw new DockerError(this.down);
  }

  async ping(): Promise<void> {
    this.check();
  }

  async info(): Promise<DockerInfo> {
    this.check();
    return this.info_;
  }

  /** Adds an image as if built or pulled; returns its id. */
  addImage(refs: readonly string[], id?: string): string {
    const imageId = id ?? `sha256:${(this.nextId++).toString(16).padStart(64, 'a')}`;
    const img: DockerImageInspect = {
      id: imageId,
      repoTags: [...refs],
      repoDigests: [],
      labels: {},
    };
    this.images.set(imageId, img);
    for (const r of refs) this.images.set(key(r), img);
    return imageId;
  }

  async build(opts: DockerBuildOptions, onMessage: (m: JsonMessage) => void): Promise<string> {
    this.check();
    const { context, signal: _signal, ...rest } = opts;
    // The legacy builder's tar, which holds exactly what a session would offer.
    const files = await readTar(tarBuildContext(context));
    this.builds.push({ opts: rest, files });
    const result = this.buildResults.shift() ?? { imageId: '' };
    for (const m of result.output ?? []) onMessage(m);
    if ('error' in result) {
      onMessage({ errorDetail: { message: result.error }, error: result.error });
      throw new DockerError(result.error);
    }
    const id = this.addImage(
      [...(opts.tags ?? [])],
      result.imageId === '' ? undefined : result.imageId,
    );
    onMessage({ aux: { ID: id } });
    onMessage({ stream: `Successfully built ${id.slice(7, 19)}\n` });
    return id;
  }

  async tag(source: string, target: string): Promise<void> {
    this.check();
    const img = this.images.get(key(source));
    if (img === undefined) {
      throw new DockerError(`Error response from daemon: No such image: ${source}`, 404);
    }
    const tagged = { ...img, repoTags: [...img.repoTags, target] };
    this.images.set(img.id, tagged);
    this.images.set(key(target), tagged);
    this.tags.push({ source, target });
  }

  async push(ref: string, onMessage: (m: JsonMessage) => void): Promise<void> {
    this.check();
    if (!this.images.has(key(ref))) {
      throw new DockerError(
        `Error response from daemon: An image does not exist locally with the tag: ${ref}`,
        404,
      );
    }
    const r = this.pushResults.get(ref) ?? {};
    for (const m of r.output ?? []) onMessage(m);
    if (r.error !== undefined) throw new DockerError(r.error);
    this.pushes.push(ref);
  }

  async inspectImage(ref: string): Promise<DockerImageInspect | undefined> {
    this.check();
    return this.images.get(key(ref));
  }

  /** Adds an image with all its fields given (labels, size, lastTagTime). */
  putImage(img: DockerImageInspect): void {
    this.images.set(img.id, img);
    for (const r of img.repoTags) this.images.set(key(r), img);
  }

  async builderVersion(): Promise<'1' | '2'> {
    this.check();
    return this.builder;
  }

  async pruneContainers(filters: DockerFilters): Promise<DockerPruneReport> {
    this.check();
    this.pruneCalls.push({ call: 'pruneContainers', filters });
    return this.containerPrune;
  }

  // Only label filters (`key` or `key=value`), which are all Slant uses.
  async listImages(filters: DockerFilters): Promise<string[]> {
    this.check();
    this.pruneCalls.push({ call: 'listImages', filters });
    const ids = new Set<string>();
    for (const img of this.images.values()) {
      const labelsMatch = (filters.label ?? []).every((l) => {
        const [k, v] = l.split('=', 2) as [string, string | undefined];
        return v === undefined ? k in img.labels : img.labels[k] === v;
      });
      if (labelsMatch) ids.add(img.id);
    }
    return [...ids];
  }

  async removeImage(id: string): Promise<DockerImageDeleteItem[]> {
    this.check();
    this.pruneCalls.push({ call: 'removeImage', id });
    const error = this.removeErrors.get(id);
    if (error !== undefined) throw new DockerError(error, 409);
    const img = this.images.get(id);
    if (img === undefined)
      throw new DockerError(`Error response from daemon: No such image: ${id}`, 404);
    for (const [k, v] of [...this.images]) if (v.id === img.id) this.images.delete(k);
    return [...img.repoTags.map((t) => ({ untagged: t })), { deleted: img.id }];
  }

  async pruneBuildCache(filters: DockerFilters): Promise<DockerPruneReport> {
    this.check();
    this.pruneCalls.push({ call: 'pruneBuildCache', filters });
    const r = this.buildCachePrune;
    if ('error' in r) throw new DockerError(r.error);
    return r;
  }
}
