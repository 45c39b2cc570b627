// Which resource updates next, and why the others wait (Tilt's buildcontrol.NextTargetToBuild):
// nothing while the Tiltfile has pending changes; one unparallelizable local resource at a time;
// an image shared with a resource that is building it now waits for that build (so a common base
// image is built once); resource_deps hold a resource's first update until its dependencies were ready once; resources
// never updated go first (local ones before cluster ones, then uncategorized YAML, then Tiltfile
// order); then manual triggers in queue order; then the earliest pending file change.
// Pure: the controller gathers the view, this decides.

/** Tilt's hold reasons, as the UI shows them in UIResource status.waiting.reason. */
export type HoldReason =
  | 'tiltfile-reload'
  | 'waiting-for-local'
  | 'is-unparallelizable-local'
  | 'waiting-for-uncategorized'
  | 'building-component'
  | 'waiting-for-dep'
  | 'waiting-for-cluster';

export interface Hold {
  readonly reason: HoldReason;
  /** Names held on: resources, or ImageMaps when `onKind` says so. */
  readonly on: readonly string[];
  readonly onKind?: 'ImageMap';
}

export interface ResourceView {
  readonly name: string;
  readonly type: 'k8s' | 'local' | 'docker-compose';
  readonly order: number;
  readonly resourceDeps: readonly string[];
  readonly disabled: boolean;
  readonly building: boolean;
  /** An update started at least once (since Slant started). */
  readonly startedFirstBuild: boolean;
  /** Ready or succeeded at least once: what its dependents wait for. */
  readonly everReady: boolean;
  /** Wants its first update without a user action (auto_init). */
  readonly autoInit: boolean;
  /** Updates on file changes by itself (TRIGGER_MODE_AUTO). */
  readonly autoOnChange: boolean;
  /** Time (ms) of the earliest file change or spec change not yet updated; undefined if none. */
  readonly pendingSince: number | undefined;
  readonly triggered: boolean;
  /** Local resources without allow_parallel run alone. */
  readonly unparallelizable: boolean;
  /** Deploys to or pushes for the cluster, so waits until Slant has connected to it. */
  readonly needsCluster: boolean;
  /** ImageMaps of its images that an update would build (no reusable result). */
  readonly staleImages: readonly string[];
  /** While building: the ImageMaps its running update builds. */
  readonly buildingImages: readonly string[];
}

export interface ScheduleInput {
  readonly resources: readonly ResourceView[];
  /** Some Tiltfile has changed files it has not re-run for yet, or is running. */
  readonly tiltfilePending: boolean;
  readonly maxParallelUpdates: number;
  /** Trigger queue order (resource names). */
  readonly triggerQueue: readonly string[];
  /** The cluster connection is still being set up (no status yet). */
  readonly clusterPending?: boolean;
}

export interface ScheduleDecision {
  /** Resources to start now, in order. */
  readonly start: readonly string[];
  readonly holds: ReadonlyMap<string, Hold>;
}

/** Wants an update now (trigger, first build, pending change), holds aside. */
export function needsBuild(r: ResourceView): boolean {
  if (r.disabled || r.building) return false;
  if (r.triggered) return true;
  // auto_init=False waits for a trigger, or (auto trigger mode) for a file change.
  if (!r.startedFirstBuild) return r.autoInit || (r.autoOnChange && r.pendingSince !== undefined);
  return r.autoOnChange && r.pendingSince !== undefined;
}

function initialRank(r: ResourceView): number {
  if (r.type === 'local') return 0;
  if (r.name === 'uncategorized') return 1;
  return 2;
}

/** One decision for the current view; the controller calls it again after each change. */
export function schedule(input: ScheduleInput): ScheduleDecision {
  const holds = new Map<string, Hold>();
  const byName = new Map(input.resources.map((r) => [r.name, r]));
  let candidates = input.resources.filter(needsBuild);
  if (candidates.length === 0) return { start: [], holds };
  if (input.tiltfilePending) {
    for (const r of candidates)
      holds.set(r.name, { reason: 'tiltfile-reload', on: ['(Tiltfile)'] });
    return { start: [], holds };
  }
  const building = input.resources.filter((r) => r.building);
  // Started in this decision: they count as building for the next picks.
  const started: ResourceView[] = [];
  const start: string[] = [];

  // Each pass picks one resource, as Tilt's loop does, until the parallel limit is reached.
  while (candidates.length > 0 && building.length + start.length < input.maxParallelUpdates) {
    const active = [...building, ...started];
    const loneLocal = active.find((r) => r.unparallelizable);
    if (loneLocal !== undefined) {
      for (const r of candidates) {
        holds.set(r.name, { reason: 'waiting-for-local', on: [loneLocal.name] });
      }
      break;
    }
    const eligible: ResourceView[] = [];
    for (const r of candidates) {
      if (active.length > 0 && r.unparallelizable) {
        holds.set(r.name, { reason: 'is-unparallelizable-local', on: [] });
        continue;
      }
      if (r.type === 'k8s' && active.some((a) => a.name === 'uncategorized')) {
        holds.set(r.name, { reason: 'waiting-for-uncategorized', on: ['uncategorized'] });
        continue;
      }
      // Tilt's HoldTargetsWithBuildingComponents: build a shared image once, then reuse it.
      const inProgress = new Set(
        active.flatMap((a) => (a.building ? a.buildingImages : a.staleImages)),
      );
      const shared = r.staleImages.filter((i) => inProgress.has(i));
      if (shared.length > 0) {
        holds.set(r.name, { reason: 'building-component', on: shared, onKind: 'ImageMap' });
        continue;
      }
      if (r.needsCluster && input.clusterPending === true) {
        holds.set(r.name, { reason: 'waiting-for-cluster', on: [] });
        continue;
      }
      if (!r.startedFirstBuild) {
        const waitingOn = r.resourceDeps.filter((d) => byName.get(d)?.everReady !== true);
        if (waitingOn.length > 0) {
          holds.set(r.name, { reason: 'waiting-for-dep', on: waitingOn });
          continue;
        }
      }
      holds.delete(r.name);
      eligible.push(r);
    }
    const next = pick(eligible, input.triggerQueue);
    if (next === undefined) break;
    start.push(next.name);
    started.push(next);
    candidates = candidates.filter((c) => c.name !== next.name);
  }
  return { start, holds };
}

function pick(
  eligible: readonly ResourceView[],
  queue: readonly string[],
): ResourceView | undefined {
  const unbuilt = eligible.filter((r) => !r.startedFirstBuild);
  if (unbuilt.length > 0) {
    return [...unbuilt].sort((a, b) => initialRank(a) - initialRank(b) || a.order - b.order)[0];
  }
  for (const name of queue) {
    const r = eligible.find((e) => e.name === name && e.triggered);
    if (r !== undefined) return r;
  }
  const pending = eligible.filter((r) => r.pendingSince !== undefined || r.triggered);
  return [...pending].sort(
    (a, b) => (a.pendingSince ?? Infinity) - (b.pendingSince ?? Infinity) || a.order - b.order,
  )[0];
}
