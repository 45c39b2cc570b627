// One Docker prune run, as Tilt's DockerPruner.Prune does it: stopped containers of Slant-built
// images (label dev.tilt.gc=true) older than max-age, then old builds of this Tiltfile's images
// (select.ts), then build cache older than max-age; a report line for each, in Tilt's words.
// `slant up`/`ci` run it from the pruner (pruner.ts), `slant docker-prune` once.
import type { Clock } from '../../clock.ts';
import type { RefSelector } from '../../container/selector.ts';
import type {
  DockerClient,
  DockerFilters,
  DockerImageDeleteItem,
  DockerPruneReport,
} from '../../docker/client.ts';
import { apiVersionBelow } from '../../docker/versions.ts';
import { formatGoDuration } from '../../tiltfile/godur.ts';
import { humanSize } from '../../docker/human-size.ts';
import { filterByMaxAge, filterOutMostRecent, lastTagMs, type PruneImage } from './select.ts';

/** Tilt's GCEnabledLabel, which Slant puts on every image it builds (docker/client.ts). */
const GC_ENABLED_SELECTOR = 'dev.tilt.gc=true';

/**
 * Where a prune reports, at Tilt's logger levels: info lines always show; the per-item lines are
 * Tilt's debug level; at verbose (or debug) level the counts show even when nothing was removed.
 */
export interface PruneLogger {
  readonly verbose: boolean;
  info(line: string): void;
  debug(line: string): void;
}

/** A PruneLogger that shows what a Tilt logger of that level shows. */
export function levelLogger(
  level: 'info' | 'verbose' | 'debug',
  write: (text: string) => void,
): PruneLogger {
  return {
    verbose: level !== 'info',
    info: (line) => write(`${line}\n`),
    debug: (line) => {
      if (level === 'debug') write(`${line}\n`);
    },
  };
}

export interface PruneDeps {
  readonly docker: DockerClient;
  readonly clock: Clock;
  readonly log: PruneLogger;
}

export interface PruneOptions {
  readonly maxAgeMs: number;
  readonly keepRecent: number;
  /** The image names this Tiltfile builds (selectors.ts); other images are never touched. */
  readonly selectors: readonly RefSelector[];
  readonly signal?: AbortSignal;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why the daemon can't prune by label (API before 1.30, or no answer), or undefined. */
export async function pruneVersionProblem(docker: DockerClient): Promise<string | undefined> {
  let apiVersion: string;
  try {
    apiVersion = (await docker.info()).apiVersion;
  } catch (err) {
    return errorText(err);
  }
  if (!apiVersionBelow(apiVersion, '1.30')) return undefined;
  return `"image | container prune with filter: label" requires API version 1.30, but the Docker daemon API version is ${apiVersion}`;
}

/** Prunes once; a failure is reported as a log line, as Tilt's Prune does. */
export async function pruneDocker(deps: PruneDeps, opts: PruneOptions): Promise<void> {
  try {
    await pruneOrThrow(deps, opts);
  } catch (err) {
    // Cut short by the session stopping: nothing went wrong worth a line.
    if (opts.signal?.aborted === true) return;
    deps.log.info(`[Docker Prune] error running docker prune: ${errorText(err)}`);
  }
}

export async function pruneOrThrow(deps: PruneDeps, opts: PruneOptions): Promise<void> {
  const { docker, log } = deps;
  const problem = await pruneVersionProblem(docker);
  if (problem !== undefined) {
    log.debug(`[Docker Prune] skipping Docker prune, Docker API version too low:\t${problem}`);
    return;
  }
  const filters: DockerFilters = {
    label: [GC_ENABLED_SELECTOR],
    until: [formatGoDuration(opts.maxAgeMs)],
  };
  const containers = await docker.pruneContainers(filters, opts.signal);
  report(log, 'containers', containers.deleted, containers.spaceReclaimed);

  const images = await deleteOldImages(deps, opts);
  report(log, 'images', images.deleted.map(deleteItemText), images.spaceReclaimed);

  let cache: DockerPruneReport;
  try {
    cache = await docker.pruneBuildCache(filters, opts.signal);
  } catch (err) {
    const text = errorText(err);
    if (!text.includes('"build prune" requires API version')) throw err;
    log.debug(`[Docker Prune] skipping build cache prune, Docker API version too low:\t${text}`);
    return;
  }
  report(log, 'caches', cache.deleted, cache.spaceReclaimed);
}

/** Removes the selected images (select.ts) with their untagged parents. */
export async function deleteOldImages(
  deps: PruneDeps,
  opts: PruneOptions,
): Promise<{ deleted: DockerImageDeleteItem[]; spaceReclaimed: number }> {
  const { docker, log } = deps;
  const ids = await docker.listImages({ label: [GC_ENABLED_SELECTOR] }, opts.signal);
  const images: PruneImage[] = [];
  for (const id of ids) {
    try {
      const img = await docker.inspectImage(id, opts.signal);
      if (img === undefined) throw new Error(`Error response from daemon: No such image: ${id}`);
      images.push({
        id: img.id,
        repoTags: img.repoTags,
        size: img.size ?? 0,
        lastTagTime: lastTagMs(img.lastTagTime),
      });
    } catch (err) {
      log.debug(`[Docker Prune] error inspecting image '${id}': ${errorText(err)}`);
    }
  }
  const now = deps.clock.now().getTime();
  const old = filterByMaxAge(images, opts.maxAgeMs, opts.selectors, now, log.debug);
  const toDelete = filterOutMostRecent(old, opts.keepRecent, opts.selectors, log.debug);

  const deleted: DockerImageDeleteItem[] = [];
  let spaceReclaimed = 0;
  for (const img of toDelete) {
    try {
      deleted.push(...(await docker.removeImage(img.id, opts.signal)));
      spaceReclaimed += img.size;
    } catch (err) {
      // Inspect can't tell an image in use; Docker refusing to remove it is expected, not news.
      const text = errorText(err);
      if (!text.includes('image is being used by running container')) {
        log.debug(`[Docker Prune] error removing image '${img.id}': ${text}`);
      }
    }
  }
  return { deleted, spaceReclaimed };
}

function deleteItemText(item: DockerImageDeleteItem): string {
  if (item.deleted !== undefined && item.deleted !== '') return `deleted: ${item.deleted}`;
  if (item.untagged !== undefined && item.untagged !== '') return `untagged: ${item.untagged}`;
  return '';
}

// Nothing removed is only worth a line when the logger is verbose (`slant docker-prune`).
function report(log: PruneLogger, what: string, items: readonly string[], bytes: number): void {
  if (items.length === 0 && !log.verbose) return;
  log.info(`[Docker Prune] removed ${items.length} ${what}, reclaimed ${humanSize(bytes)}`);
  if (items.length > 0) log.debug(`\t- ${items.join('\n\t- ')}`);
}
