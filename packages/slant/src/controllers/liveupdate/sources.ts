// The file changes a LiveUpdate still has to deliver: per source (a FileWatch, and the ImageMap
// of the image it feeds), the newest change time of each path, minus what the image already
// contains (changes before the image's build started). FileWatch status keeps only its latest
// events, so changes are accumulated here.
import type { FileWatch, ImageMap, LiveUpdate } from '@slant/api';
import type { ObjectStore } from '../../store/store.ts';

export interface SourceChanges {
  readonly modTimeByPath: Map<string, number>;
}

/** Updates `sources`; returns the newest build start of the sources' images (ms, 0 if none). */
export function collectChanges(
  store: ObjectStore,
  lu: LiveUpdate,
  sources: Map<string, SourceChanges>,
): number {
  let newestBuild = 0;
  for (const src of lu.spec.sources ?? []) {
    const key = src.fileWatch ?? '';
    if (key === '') continue;
    let s = sources.get(key);
    if (s === undefined) {
      s = { modTimeByPath: new Map() };
      sources.set(key, s);
    }
    const fw = store.get('FileWatch', key) as FileWatch | undefined;
    for (const ev of fw?.status?.fileEvents ?? []) {
      const t = Date.parse(ev.time);
      for (const f of ev.seenFiles) {
        if (t > (s.modTimeByPath.get(f) ?? 0)) s.modTimeByPath.set(f, t);
      }
    }
    const im =
      src.imageMap === undefined
        ? undefined
        : (store.get('ImageMap', src.imageMap) as ImageMap | undefined);
    const built = Date.parse(im?.status?.buildStartTime ?? '');
    if (Number.isFinite(built)) {
      newestBuild = Math.max(newestBuild, built);
      for (const [f, t] of s.modTimeByPath) if (t <= built) s.modTimeByPath.delete(f);
    }
  }
  return newestBuild;
}

/** Paths changed after `since`, sorted, with the newest and oldest change times. */
export function changedAfter(
  sources: ReadonlyMap<string, SourceChanges>,
  since: number,
): { files: string[]; newest: number; oldest: number } {
  const files = new Set<string>();
  let newest = since;
  let oldest = Number.POSITIVE_INFINITY;
  for (const s of sources.values()) {
    for (const [f, t] of s.modTimeByPath) {
      if (t <= since) continue;
      files.add(f);
      newest = Math.max(newest, t);
      oldest = Math.min(oldest, t);
    }
  }
  return { files: [...files].sort(), newest, oldest };
}
