// A resource's build targets as the store has them: its images (DockerImage/CmdImage named
// `<resource>:<image map>`, in dependency order), its deploy (KubernetesApply `<name>` or the
// local update Cmd) and the FileWatches whose changes concern it.
import type { CmdImage, DockerImage, FileWatch } from '@slant/api';
import { ANNOTATIONS } from '@slant/api';
import type { ObjectStore } from '../../store/store.ts';
import type { Manifest } from '../manifest.ts';

export interface ImageTarget {
  readonly kind: 'DockerImage' | 'CmdImage';
  readonly name: string;
  /** The ImageMap this build writes. */
  readonly imageMap: string;
  /** ImageMaps of images this one is built on. */
  readonly deps: readonly string[];
  readonly fileWatch: string;
  readonly specJson: string;
}

export interface ResourceTargets {
  readonly images: readonly ImageTarget[];
  readonly fileWatches: readonly string[];
  /** JSON of every spec that shapes an update: a change means the resource is out of date. */
  readonly specJson: string;
}

function imageMapOf(obj: DockerImage | CmdImage): string {
  const n = obj.metadata.name;
  return n.slice(n.indexOf(':') + 1);
}

/** Images in build order: each after the images it is built on (stable otherwise). */
function ordered(images: ImageTarget[]): ImageTarget[] {
  const out: ImageTarget[] = [];
  const done = new Set<string>();
  const visit = (t: ImageTarget, seen: Set<string>) => {
    if (done.has(t.imageMap) || seen.has(t.imageMap)) return;
    seen.add(t.imageMap);
    for (const d of t.deps) {
      const dep = images.find((i) => i.imageMap === d);
      if (dep !== undefined) visit(dep, seen);
    }
    done.add(t.imageMap);
    out.push(t);
  };
  for (const t of images) visit(t, new Set());
  return out;
}

export function resourceTargets(store: ObjectStore, name: string, m: Manifest): ResourceTargets {
  const mine = (o: { metadata: { annotations?: Record<string, string> } }) =>
    o.metadata.annotations?.[ANNOTATIONS.resource] === name;
  const images: ImageTarget[] = [];
  for (const kind of ['DockerImage', 'CmdImage'] as const) {
    for (const obj of store.list(kind) as (DockerImage | CmdImage)[]) {
      if (!mine(obj)) continue;
      const imageMap = imageMapOf(obj);
      images.push({
        kind,
        name: obj.metadata.name,
        imageMap,
        deps: obj.spec.imageMaps ?? [],
        fileWatch: `image:${imageMap}`,
        specJson: JSON.stringify(obj.spec),
      });
    }
  }
  const watches = new Set(images.map((i) => i.fileWatch));
  for (const fw of store.list('FileWatch') as FileWatch[]) {
    if (mine(fw)) watches.add(fw.metadata.name);
  }
  const parts: unknown[] = images.map((i) => i.specJson);
  if (m.type === 'k8s') parts.push(store.get('KubernetesApply', name)?.spec);
  if (m.local !== undefined) {
    parts.push(store.get('Cmd', m.local.updateCmdName)?.spec, m.local.serveCmd);
  }
  return {
    images: ordered(images),
    fileWatches: [...watches].filter((w) => store.get('FileWatch', w) !== undefined).sort(),
    specJson: JSON.stringify(parts),
  };
}

/** File changes seen by the given watches after `sinceMs`: the earliest time and the paths. */
export function changesSince(
  store: ObjectStore,
  watches: readonly string[],
  sinceMs: number,
): { earliest: number | undefined; files: string[] } {
  let earliest: number | undefined;
  const files = new Set<string>();
  for (const w of watches) {
    const fw = store.get('FileWatch', w) as FileWatch | undefined;
    for (const ev of fw?.status?.fileEvents ?? []) {
      const t = Date.parse(ev.time);
      if (t <= sinceMs) continue;
      earliest = earliest === undefined ? t : Math.min(earliest, t);
      for (const f of ev.seenFiles ?? []) files.add(f);
    }
  }
  return { earliest, files: [...files].sort() };
}
