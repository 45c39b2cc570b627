// validateLiveUpdate (tiltfile_state.go): a live update only sees changes under the paths its
// image (and the images it builds on) watch, so sync sources and fall_back_on paths must lie
// under one of them.
import { posix } from 'node:path';
import { type ImageBuild, imageMapName } from '../state/build.ts';
import { unconsumedStepsError } from '../builtins/live-update.ts';
import { type AssembleContext, AssemblyError } from './index.ts';

function watchedPathsOf(img: ImageBuild): string[] {
  const paths =
    img.buildType === 'custom' ? img.customDeps : img.buildPath === '' ? [] : [img.buildPath];
  return [...new Set(paths)].sort();
}

/** ospath.IsChildOfOne: the path itself or anything below it. */
export function isChildOfOne(parents: readonly string[], child: string): boolean {
  return parents.some((p) => child === p || child.startsWith(p.endsWith('/') ? p : `${p}/`));
}

export function validateLiveUpdate(img: ImageBuild, targets: readonly ImageBuild[]): void {
  const decl = img.liveUpdate;
  if (decl === undefined) return;
  const byName = new Map(targets.map((t) => [imageMapName(t), t]));
  const watched: string[] = [];
  const seen = new Set<string>();
  const visit = (t: ImageBuild): void => {
    const n = imageMapName(t);
    if (seen.has(n)) return;
    for (const d of t.imageMapDeps) {
      const dt = byName.get(d);
      if (dt !== undefined) visit(dt);
    }
    seen.add(n);
    watched.push(...watchedPathsOf(t));
  };
  visit(img);
  const list = `[${watched.join(' ')}]`;
  for (const s of decl.syncs) {
    const local = posix.join(decl.basePath, s.localPath);
    if (!isChildOfOne(watched, local)) {
      throw new AssemblyError(
        `sync step source '${local}' is not a child of any watched filepaths (${list})`,
      );
    }
  }
  for (const p of decl.stopPaths) {
    const resolved = posix.isAbsolute(p) ? p : posix.join(decl.basePath, p);
    if (!isChildOfOne(watched, resolved)) {
      throw new AssemblyError(
        `fall_back_on paths '${resolved}' is not a child of any watched filepaths (${list})`,
      );
    }
  }
}

/** checkForUnconsumedLiveUpdateSteps: a step value never passed to a live_update is an error. */
export function assembleUnusedLiveUpdateSteps(ctx: AssembleContext): void {
  const msg = unconsumedStepsError(ctx.run.state.build);
  if (msg !== undefined) throw new AssemblyError(msg);
}
