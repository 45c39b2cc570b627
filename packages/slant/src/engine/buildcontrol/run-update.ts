// One update of one resource (Tilt's BuildAndDeployer pipeline): build the images that are out of
// date, in dependency order, then deploy — apply the KubernetesApply, `docker compose up` the
// Compose service, or run the local update command and (re)start its serve command. Each step is a `STEP i/n — …` line in the resource's
// build log, as in Tilt.
import type { Cmd, ImageMap } from '@slant/api';
import { ANNOTATIONS, API_VERSION } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { cmdString } from '../../tiltfile/cmd.ts';
import type { Manifest } from '../manifest.ts';
import type { ImageTarget, ResourceTargets } from './targets.ts';
import { changesSince } from './targets.ts';

export type StepResult = { ok: true } | { ok: false; error: string };

/** What the update steps call; app.ts wires the real controllers' functions in. */
export interface BuildExecutors {
  /** Builds (and pushes) one image; the builder may open more steps (`Pushing …`) on `pipeline`. */
  buildImage(
    kind: 'DockerImage' | 'CmdImage',
    name: string,
    signal: AbortSignal,
    pipeline: BuildPipeline,
  ): Promise<StepResult>;
  applyK8s(name: string, signal: AbortSignal): Promise<StepResult>;
  /**
   * `docker compose up` of the resource's DockerComposeService, its output in `spanId`; `build`
   * says Compose builds the image itself (no Tilt build for it).
   */
  applyCompose(name: string, signal: AbortSignal, spanId: string): Promise<StepResult>;
  /** Runs a Cmd object once (local_resource cmd), its output in `spanId`; resolves when it exits. */
  runCmd(
    name: string,
    signal: AbortSignal,
    spanId: string,
  ): Promise<{ exitCode: number | null; error?: string }>;
}

/** Numbered build steps (Tilt's PipelineState): starting one ends the previous. */
export interface BuildPipeline {
  startStep(name: string): void;
  endStep(): void;
}

/** Per image: the last build start, and the spec it was built from. */
export interface ImageRecord {
  lastStart: number;
  specJson: string;
}

export interface UpdateContext {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly logs: LogWriter;
  readonly executors: BuildExecutors;
  readonly resource: string;
  readonly manifest: Manifest;
  readonly targets: ResourceTargets;
  readonly spanId: string;
  /** Rebuild every image (a manual trigger or a changed spec). */
  readonly force: boolean;
  readonly images: Map<string, ImageRecord>;
  /** Told of each image built successfully (so other resources sharing it can reuse it). */
  readonly onImageBuilt?: (t: ImageTarget, rec: ImageRecord) => void;
  /** Sequence for serve Cmd names (`<resource>-serve-<n>`). */
  readonly nextServe: () => number;
  readonly signal: AbortSignal;
}

const STEP_PREFIX = '     ';

/**
 * Whether an image's last build still holds: same spec, no file change since it started, and
 * every image it is built on unchanged since (rebuilt in this update, or by another resource that
 * shares it after this image was built).
 */
export function imageIsCurrent(
  store: ObjectStore,
  images: ReadonlyMap<string, ImageRecord>,
  all: readonly ImageTarget[],
  t: ImageTarget,
  rebuilt: ReadonlySet<string>,
): boolean {
  const rec = images.get(t.name);
  const map = store.get('ImageMap', t.imageMap) as ImageMap | undefined;
  if (rec === undefined || map?.status?.image === undefined) return false;
  if (rec.specJson !== t.specJson) return false;
  for (const d of t.deps) {
    if (rebuilt.has(d)) return false;
    const dep = all.find((i) => i.imageMap === d);
    const depRec = dep === undefined ? undefined : images.get(dep.name);
    if (depRec !== undefined && depRec.lastStart > rec.lastStart) return false;
  }
  return changesSince(store, [t.fileWatch], rec.lastStart).earliest === undefined;
}

/** The images an update would build, in build order. */
export function staleImages(
  store: ObjectStore,
  images: ReadonlyMap<string, ImageRecord>,
  all: readonly ImageTarget[],
  force: boolean,
): ImageTarget[] {
  // Images are in dependency order, so an image built on a rebuilt one is marked in time.
  const rebuilt = new Set<string>();
  return all.filter((t) => {
    if (!force && imageIsCurrent(store, images, all, t, rebuilt)) return false;
    rebuilt.add(t.imageMap);
    return true;
  });
}

function stepName(t: ImageTarget, ctx: UpdateContext): string {
  const ref =
    (ctx.store.get(t.kind, t.name)?.spec as { ref?: string } | undefined)?.ref ?? t.imageMap;
  return t.kind === 'DockerImage'
    ? `Building Dockerfile: [${ref}]`
    : `Building Custom Build: [${ref}]`;
}

/** Runs the update; resolves with the error text of the failed step, or undefined on success. */
export async function runUpdate(ctx: UpdateContext): Promise<string | undefined> {
  const log = (text: string) =>
    ctx.logs.write({ resource: ctx.resource, spanId: ctx.spanId, text });
  const toBuild = staleImages(ctx.store, ctx.images, ctx.targets.images, ctx.force);
  // A local resource's command is not a pipeline step in Tilt: only its own output shows.
  const deploySteps = ctx.manifest.type === 'local' ? 0 : 1;
  // Tilt counts a push step for every image the cluster pulls from a registry (Compose runs
  // images from the local engine: never).
  const pushes = toBuild.filter(
    (t) =>
      ctx.manifest.type !== 'docker-compose' &&
      (ctx.store.get(t.kind, t.name)?.spec as { clusterNeeds?: string })?.clusterNeeds === 'push',
  ).length;
  const total = toBuild.length + pushes + deploySteps;
  const steps: { name: string; ms: number }[] = [];
  const started = ctx.clock.now().getTime();
  let index = 0;
  let open: { name: string; t0: number } | undefined;
  const pipeline: BuildPipeline = {
    startStep(name) {
      pipeline.endStep();
      index++;
      log(`STEP ${index}/${total} — ${name}\n`);
      open = { name, t0: ctx.clock.now().getTime() };
    },
    endStep() {
      if (open === undefined) return;
      steps.push({ name: open.name, ms: ctx.clock.now().getTime() - open.t0 });
      open = undefined;
      log('\n');
    },
  };
  const step = async (name: string, fn: () => Promise<string | undefined>) => {
    pipeline.startStep(name);
    const err = await fn();
    pipeline.endStep();
    return err;
  };

  for (const t of toBuild) {
    const err = await step(stepName(t, ctx), async () => {
      const rec = { lastStart: ctx.clock.now().getTime(), specJson: t.specJson };
      ctx.images.set(t.name, rec);
      const r = await ctx.executors.buildImage(t.kind, t.name, ctx.signal, pipeline);
      if (r.ok) ctx.onImageBuilt?.(t, rec);
      return r.ok ? undefined : r.error;
    });
    if (err !== undefined) return err;
  }

  if (ctx.manifest.type === 'k8s') {
    const err = await step('Deploying', async () => {
      const r = await ctx.executors.applyK8s(ctx.resource, ctx.signal);
      return r.ok ? undefined : r.error;
    });
    if (err !== undefined) return err;
  }
  if (ctx.manifest.type === 'docker-compose') {
    // Compose builds images Tilt doesn't: Tilt names that step "Building & deploying".
    const composeBuilds = ctx.manifest.imageMapDeps.some(
      (im) => !ctx.targets.images.some((t) => t.imageMap === im),
    );
    const err = await step(composeBuilds ? 'Building & deploying' : 'Deploying', async () => {
      const r = await ctx.executors.applyCompose(ctx.resource, ctx.signal, ctx.spanId);
      return r.ok ? undefined : r.error;
    });
    if (err !== undefined) return err;
  }
  const local = ctx.manifest.local;
  if (local !== undefined && local.updateCmdName !== '') {
    const cmd = ctx.store.get('Cmd', local.updateCmdName) as Cmd | undefined;
    const shown = cmdString({ argv: cmd?.spec.args ?? [], dir: '', env: [] });
    const r = await ctx.executors.runCmd(local.updateCmdName, ctx.signal, ctx.spanId);
    const reason = r.error ?? (r.exitCode === 0 ? undefined : `exit status ${r.exitCode ?? 1}`);
    if (reason !== undefined) return `Command ${JSON.stringify(shown)} failed: ${reason}`;
  }
  if (local?.serveCmd !== undefined) restartServe(ctx);

  if (total > 0) {
    steps.forEach((s, i) => {
      log(`${STEP_PREFIX}Step ${i + 1} - ${(s.ms / 1000).toFixed(2)}s (${s.name})\n`);
    });
    log(
      `${STEP_PREFIX}DONE IN: ${((ctx.clock.now().getTime() - started) / 1000).toFixed(2)}s \n\n`,
    );
  }
  return undefined;
}

/** Replaces the resource's serve Cmd with a fresh one (Tilt's `<name>-serve-<n>`). */
export function restartServe(ctx: UpdateContext): void {
  const serve = ctx.manifest.local?.serveCmd;
  for (const old of ctx.store.list('Cmd') as Cmd[]) {
    if (old.metadata.annotations?.[SERVE_OWNER_ANNOTATION] === ctx.resource) {
      ctx.store.delete('Cmd', old.metadata.name);
    }
  }
  if (serve === undefined) return;
  const n = ctx.nextServe();
  const cmd: Cmd = {
    apiVersion: API_VERSION,
    kind: 'Cmd',
    metadata: {
      name: `${ctx.resource}-serve-${n}`,
      annotations: {
        [ANNOTATIONS.resource]: ctx.resource,
        [ANNOTATIONS.logSpanId]: `localserve:${n}`,
        [SERVE_OWNER_ANNOTATION]: ctx.resource,
        'tilt.dev/owner-kind': 'CmdServer',
      },
    },
    spec: serve,
  };
  ctx.store.create(cmd);
}

/** Marks the serve Cmds of a resource (Tilt's owner-name annotation for CmdServer). */
export const SERVE_OWNER_ANNOTATION = 'tilt.dev/owner-name';
