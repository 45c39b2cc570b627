// The build controller: after every store change it gathers each resource's view (manifest,
// disable state, pending file changes, triggers), asks the scheduler what may start, runs those
// updates and writes the update side of each UIResource (build history, pending changes, holds).
// Runtime status (pods, serve processes) is the UIResource roll-up's job.
import type { ConfigMap, Tiltfile, UIResource } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import type { Manifest } from '../manifest.ts';
import { autoInit, autoOnChange, readManifest, triggerModeNumber } from '../manifest.ts';
import {
  namesInTriggerQueue,
  removeFromTriggerQueue,
  TRIGGER_QUEUE_NAME,
} from '../trigger-queue.ts';
import type { BuildExecutors, ImageRecord } from './run-update.ts';
import { restartServe, runUpdate, staleImages } from './run-update.ts';
import { type Hold, needsBuild, type ResourceView, schedule } from './scheduler.ts';
import { type BuiltImage, sharingResources, shareBuiltImages } from './shared-images.ts';
import { changedFilesText } from './changed-files.ts';
import { liveUpdateCoverage } from './live-update.ts';
import { changesSince, resourceTargets } from './targets.ts';
import { finishBuild, startBuild, writeIdleStatus } from './ui-status.ts';

/** What the controller tells after each pass. */
export interface BuildActivity {
  /** An update is running (an update that could start has been started by the pass). */
  readonly building: boolean;
  /** Updates finished this session, failed ones included (Tilt's CompletedBuildCount). */
  readonly completedBuilds: number;
}

export interface BuildControllerDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly logs: LogWriter;
  readonly executors: BuildExecutors;
  /** Changed files are shown relative to this directory when inside it (Tilt: the cwd). */
  readonly cwd: string;
  /** Told after each pass (the Docker pruner waits for no update running or startable). */
  readonly onPass?: (activity: BuildActivity) => void;
}

interface ResourceState {
  count: number;
  building: boolean;
  lastStart: number;
  everReady: boolean;
  /** The specs the last update started from. */
  specJson: string | undefined;
  images: Map<string, ImageRecord>;
  /** Wanted an update at the last pass; the ImageMaps its running update builds. */
  queued: boolean;
  buildingImages: string[];
  serveCount: number;
}

export class BuildController {
  private readonly deps: BuildControllerDeps;
  private readonly states = new Map<string, ResourceState>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private unsubscribe: (() => void) | undefined;
  private passQueued = false;
  private stopped = false;
  /** Updates finished, failed ones included (Tilt's CompletedBuildCount). */
  private completedBuilds = 0;

  constructor(deps: BuildControllerDeps) {
    this.deps = deps;
  }

  start(): void {
    this.unsubscribe = this.deps.store.watch(() => this.queuePass(), {});
    this.queuePass();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.abort.abort();
    await Promise.allSettled([...this.running]);
  }

  /** Resolves when no update is running (tests and `ci`). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private queuePass(): void {
    if (this.passQueued || this.stopped) return;
    this.passQueued = true;
    queueMicrotask(() => {
      this.passQueued = false;
      if (!this.stopped) this.pass();
    });
  }

  private state(name: string): ResourceState {
    let s = this.states.get(name);
    if (s === undefined) {
      s = {
        count: 0,
        building: false,
        lastStart: 0,
        everReady: false,
        specJson: undefined,
        images: new Map(),
        queued: false,
        buildingImages: [],
        serveCount: 0,
      };
      this.states.set(name, s);
    }
    return s;
  }

  private tiltfilePending(): boolean {
    const { store } = this.deps;
    for (const tf of store.list('Tiltfile') as Tiltfile[]) {
      if (tf.status?.running !== undefined) return true;
      if (tf.status?.terminated === undefined) return true;
      const started = Date.parse(tf.status.terminated.startedAt ?? '');
      const watches = tf.spec.restartOn?.fileWatches ?? [];
      if (changesSince(store, watches, started).earliest !== undefined) return true;
    }
    return false;
  }

  /** Tilt holds cluster work until the Cluster object has a connection (or an error). */
  private clusterPending(): boolean {
    const c = this.deps.store.get('Cluster', 'default');
    if (c === undefined) return false;
    return c.status?.connection === undefined && (c.status?.error ?? '') === '';
  }

  private pass(): void {
    const { store } = this.deps;
    const queue = namesInTriggerQueue(store.get('ConfigMap', TRIGGER_QUEUE_NAME));
    const views: ResourceView[] = [];
    const manifests = new Map<string, Manifest>();
    for (const ui of store.list('UIResource') as UIResource[]) {
      const m = readManifest(ui);
      if (m === undefined) continue;
      const name = ui.metadata.name;
      manifests.set(name, m);
      const cm = store.get('ConfigMap', `${name}-disable`) as ConfigMap | undefined;
      const disabled = cm?.data?.isDisabled === 'true';
      // Tilt forgets a disabled resource's builds (its file watches were off, so nothing about
      // them can be trusted): enabled again, it starts over with an initial build.
      if (disabled && this.states.get(name)?.building === false) this.states.delete(name);
      if (disabled && queue.includes(name)) removeFromTriggerQueue(store, name);
      const s = this.state(name);
      const rt = ui.status?.runtimeStatus;
      const updated = ui.status?.updateStatus === 'ok';
      const noRuntime = m.type === 'local' && m.local?.serveCmd === undefined;
      const readyRuntime = rt === 'ok' || noRuntime || m.podReadinessMode === 'ignore';
      if (updated && readyRuntime) {
        s.everReady = true;
      }
      const targets = resourceTargets(store, name, m);
      const lu = liveUpdateCoverage(store, name);
      const buildWatches = targets.fileWatches.filter((w) => !lu.handled.has(w));
      // Before the first update every change counts (auto_init=False starts on one).
      const changes = changesSince(store, buildWatches, s.lastStart).earliest;
      const liveChanges =
        s.count === 0 || lu.handled.size === 0
          ? undefined
          : changesSince(store, [...lu.handled], s.lastStart).earliest;
      // A manual trigger with only live-updatable changes is the live update's to apply.
      const triggerForLiveUpdate =
        lu.manual && !autoOnChange(m) && changes === undefined && liveChanges !== undefined;
      const specChanged = s.specJson !== undefined && s.specJson !== targets.specJson;
      const view: ResourceView = {
        name,
        type: m.type,
        order: m.order,
        resourceDeps: m.resourceDeps,
        disabled,
        building: s.building,
        startedFirstBuild: s.count > 0,
        everReady: s.everReady,
        autoInit: autoInit(m),
        autoOnChange: autoOnChange(m),
        pendingSince: specChanged ? Math.min(changes ?? Infinity, s.lastStart + 1) : changes,
        triggered: queue.includes(name) && !triggerForLiveUpdate,
        unparallelizable: m.type === 'local' && m.local?.allowParallel !== true,
        needsCluster: m.type === 'k8s' || targets.images.length > 0,
        staleImages: staleImages(store, s.images, targets.images, false).map((t) => t.imageMap),
        buildingImages: s.buildingImages,
      };
      s.queued = needsBuild(view);
      views.push(view);
    }
    const maxParallel = Number(
      (store.list('Tiltfile') as Tiltfile[])[0]?.metadata.annotations?.[
        'slant.dev/max-parallel-updates'
      ] ?? 3,
    );
    const decision = schedule({
      resources: views,
      tiltfilePending: this.tiltfilePending(),
      maxParallelUpdates: Number.isFinite(maxParallel) && maxParallel > 0 ? maxParallel : 3,
      triggerQueue: queue,
      clusterPending: this.clusterPending(),
    });
    for (const v of views) {
      const m = manifests.get(v.name) as Manifest;
      if (decision.start.includes(v.name) || v.building) continue;
      writeIdleStatus(
        store,
        v,
        m,
        triggerModeNumber(m),
        decision.holds.get(v.name) as Hold | undefined,
      );
    }
    for (const name of decision.start) {
      const view = views.find((v) => v.name === name) as ResourceView;
      this.launch(name, manifests.get(name) as Manifest, view);
    }
    const building = [...this.states.values()].some((s) => s.building);
    this.deps.onPass?.({ building, completedBuilds: this.completedBuilds });
  }

  private launch(name: string, m: Manifest, view: ResourceView): void {
    const { store, clock, logs } = this.deps;
    const s = this.state(name);
    const targets = resourceTargets(store, name, m);
    const first = s.count === 0;
    const changed = first ? [] : changesSince(store, targets.fileWatches, s.lastStart).files;
    const specChanged = s.specJson !== undefined && s.specJson !== targets.specJson;
    s.count++;
    s.building = true;
    s.lastStart = clock.now().getTime();
    s.specJson = targets.specJson;
    if (view.triggered) removeFromTriggerQueue(store, name);
    const spanId = `build:${name}:${s.count}`;
    const startTime = clock.now().toISOString();
    startBuild(store, name, spanId, startTime, triggerModeNumber(m));
    const log = (text: string) => logs.write({ resource: name, spanId, text });
    log(`\n${this.reasonLine(first, changed, view.triggered, specChanged)}\n`);

    const force = view.triggered || specChanged;
    s.buildingImages = staleImages(store, s.images, targets.images, force).map((t) => t.imageMap);
    const built: BuiltImage[] = [];
    const run = runUpdate({
      store,
      clock,
      logs,
      executors: this.deps.executors,
      resource: name,
      manifest: m,
      targets,
      spanId,
      force,
      images: s.images,
      onImageBuilt: (target, rec) => built.push({ target, rec }),
      nextServe: () => ++s.serveCount,
      signal: this.abort.signal,
    })
      .catch((err: unknown) => (err instanceof Error ? err.message : String(err)))
      .then((error) => {
        [s.building, s.buildingImages] = [false, []];
        this.completedBuilds++;
        shareBuiltImages(built, sharingResources(store, this.states, name));
        if (error !== undefined) {
          logs.write({ resource: name, spanId, text: `Build Failed: ${error}\n`, level: 'ERROR' });
        }
        if (store.get('UIResource', name) !== undefined) {
          finishBuild(store, name, {
            spanID: spanId,
            startTime,
            finishTime: clock.now().toISOString(),
            ...(error === undefined ? {} : { error }),
          });
        }
        this.queuePass();
      });
    const tracked = run.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  private reasonLine(first: boolean, files: string[], triggered: boolean, spec: boolean): string {
    if (first) return 'Initial Build';
    if (files.length > 0) {
      const list = changedFilesText(files, this.deps.cwd);
      return `${files.length} ${files.length === 1 ? 'File' : 'Files'} Changed: ${list}`;
    }
    if (triggered) return 'Unknown Trigger';
    return spec ? 'Config Changed' : 'Unknown Trigger';
  }

  /** Restarts a local resource's serve command without an update (the UI's restart). */
  restartServe(name: string): void {
    const ui = this.deps.store.get('UIResource', name) as UIResource | undefined;
    const m = readManifest(ui);
    if (m === undefined) return;
    const s = this.state(name);
    restartServe({
      store: this.deps.store,
      clock: this.deps.clock,
      logs: this.deps.logs,
      executors: this.deps.executors,
      resource: name,
      manifest: m,
      targets: resourceTargets(this.deps.store, name, m),
      spanId: '',
      force: false,
      images: s.images,
      nextServe: () => ++s.serveCount,
      signal: this.abort.signal,
    });
  }
}
