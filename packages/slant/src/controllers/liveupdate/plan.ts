// What one set of changed files means for a container (Tilt's NewLiveUpdatePlan + BoilRuns):
// each file maps to a container path through the first sync that contains it; a file outside
// every sync, or under a fall_back_on path, stops live update (a full rebuild takes over); the
// run steps whose trigger paths match (or that have none) run after the sync.
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { LiveUpdateExec, LiveUpdateSpec } from '@slant/api';

export interface PathMapping {
  readonly localPath: string;
  readonly containerPath: string;
}

export interface LiveUpdatePlan {
  readonly syncPaths: readonly PathMapping[];
  readonly noMatchPaths: readonly string[];
  readonly stopPaths: readonly string[];
}

/** `path` is `dir` or inside it. */
export function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function abs(spec: LiveUpdateSpec, p: string): string {
  return resolve(spec.basePath, p);
}

export function livePlan(spec: LiveUpdateSpec, files: readonly string[]): LiveUpdatePlan {
  const syncs = (spec.syncs ?? []).map((s) => ({
    local: abs(spec, s.localPath),
    container: s.containerPath,
  }));
  const syncPaths: PathMapping[] = [];
  const noMatchPaths: string[] = [];
  for (const f of files) {
    const s = syncs.find((x) => isWithin(x.local, f));
    if (s === undefined) noMatchPaths.push(f);
    else syncPaths.push({ localPath: f, containerPath: join(s.container, relative(s.local, f)) });
  }
  const stops = (spec.stopPaths ?? []).map((p) => abs(spec, p));
  const stopPaths = files.filter((f) => stops.some((s) => isWithin(s, f)));
  return { syncPaths, noMatchPaths, stopPaths };
}

/** The run steps for these synced files, in order. */
export function runsFor(spec: LiveUpdateSpec, synced: readonly PathMapping[]): LiveUpdateExec[] {
  return (spec.execs ?? []).filter((e) => {
    if (e.triggerPaths.length === 0) return true;
    const triggers = e.triggerPaths.map((p) => abs(spec, p));
    return synced.some((m) => triggers.some((t) => isWithin(t, m.localPath)));
  });
}

/** Why live update must stop for this plan (Tilt's texts), or undefined. */
export function stopReason(
  plan: LiveUpdatePlan,
  display: (files: readonly string[]) => string,
): string | undefined {
  if (plan.noMatchPaths.length > 0) {
    return `Found file(s) not matching any sync (files: ${display(plan.noMatchPaths)})`;
  }
  if (plan.stopPaths.length > 0) {
    return `Detected change to stop file ${JSON.stringify(plan.stopPaths[0])}`;
  }
  return undefined;
}
