// Which of the Slant-built images a prune removes (Tilt's deleteOldImages filters): only images
// of this Tiltfile's image names, last tagged (built) at least max-age ago, with a single tag (Docker
// refuses to remove a several-tagged image without --force), and not among the `keep_recent` most
// recently built of their name.
import { type ImageRef, parseNormalizedNamed } from '../../container/ref.ts';
import { anyMatch, type RefSelector, selectorMatchesAny } from '../../container/selector.ts';

/** An image as the prune sees it. */
export interface PruneImage {
  readonly id: string;
  readonly repoTags: readonly string[];
  /** Bytes, counted as reclaimed when the image goes. */
  readonly size: number;
  /** Last tag time in ms since the epoch (Go's zero time when never tagged). */
  readonly lastTagTime: number;
}

const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/** `LastTagTime` as ms; missing or unreadable ones count as Go's zero time, as Tilt's do. */
export function lastTagMs(lastTagTime: string | undefined): number {
  const ms = lastTagTime === undefined ? Number.NaN : Date.parse(lastTagTime);
  return Number.isNaN(ms) ? GO_ZERO_TIME : ms;
}

/** The repo tags as refs, or the parse error's text. */
function parseTags(img: PruneImage): ImageRef[] | string {
  try {
    return img.repoTags.map(parseNormalizedNamed);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Images old enough and of a selected name; several-tagged ones are left, with a debug line. */
export function filterByMaxAge(
  images: readonly PruneImage[],
  maxAgeMs: number,
  selectors: readonly RefSelector[],
  nowMs: number,
  debug: (line: string) => void,
): PruneImage[] {
  const out: PruneImage[] = [];
  for (const img of images) {
    const refs = parseTags(img);
    if (typeof refs === 'string') {
      debug(`[Docker Prune] error parsing repo tags for '${img.id}': ${refs}`);
      continue;
    }
    if (nowMs - img.lastTagTime < maxAgeMs || !anyMatch(refs, selectors)) continue;
    if (img.repoTags.length > 1) {
      debug(
        `[Docker Prune] cannot prune image ${img.id} (tags: ${img.repoTags.join(', ')}); ` +
          '`docker image remove --force` required to remove an image with multiple tags ' +
          '(Docker throws error: "image is referenced in one or more repositories")',
      );
      continue;
    }
    out.push(img);
  }
  return out;
}

/**
 * The images outside the `keepRecent` most recently tagged of each selector (an image counts
 * for the first selector that matches it), in their given order.
 */
export function filterOutMostRecent(
  images: readonly PruneImage[],
  keepRecent: number,
  selectors: readonly RefSelector[],
  debug: (line: string) => void,
): PruneImage[] {
  // Array.prototype.sort is stable: equal times keep their order, as Go's SliceStable.
  const recentFirst = [...images].sort((a, b) => b.lastTagTime - a.lastTagTime);
  const bySelector = new Map<number, PruneImage[]>();
  for (const img of recentFirst) {
    const refs = parseTags(img);
    if (typeof refs === 'string') {
      debug(`[Docker Prune] error parsing repo tags for '${img.id}': ${refs}`);
      continue;
    }
    const i = selectors.findIndex((s) => selectorMatchesAny(s, refs));
    if (i < 0) continue;
    bySelector.set(i, [...(bySelector.get(i) ?? []), img]);
  }
  const keep = new Set<string>();
  for (const list of bySelector.values()) {
    for (const img of list.slice(0, Math.max(0, keepRecent))) keep.add(img.id);
  }
  return images.filter((img) => !keep.has(img.id));
}
