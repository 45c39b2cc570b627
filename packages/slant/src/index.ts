// The public entry of the slant package; the CLI imports only this file.

/** `slant starlark [FILE]`: the interpreter is loaded when the command runs. */
export async function runStarlark(file: string | undefined): Promise<number> {
  const { runStarlark: run } = await import('./app-starlark.ts');
  return run(file);
}

export type { TiltfileRunRequest } from './app.ts';
// Tiltfile execution on this machine (app.ts wires the real adapters) and error formatting.
import type { TiltfileRunRequest } from './app.ts';
import type { TiltfileResult } from './tiltfile/loader.ts';

/** Runs a Tiltfile on this machine (`alpha tiltfile-result`); the loader is loaded on first use. */
export async function runTiltfileOnHost(req: TiltfileRunRequest): Promise<TiltfileResult> {
  const { runTiltfileOnHost: run } = await import('./app.ts');
  return run(req);
}
export { describeError, formatError, TiltfileError, UserError } from './errors.ts';
export { formatGoDurationPrecise, parseGoDuration } from './tiltfile/godur.ts';
export type { TiltfileResult } from './tiltfile/loader.ts';

// `slant up` / `slant ci` / `slant down`: the engine on this machine, loaded on first use so
// commands that don't need it (starlark, client commands) start fast.
import type { DoctorOptions } from './app-doctor.ts';
import type { DownOptions } from './app-down.ts';
import type { RunningSlant, SlantRunOptions } from './app-session.ts';
import type { SnapshotView, SnapshotViewOptions } from './app-snapshot-view.ts';
import type { StarterDeps, StarterResult } from './starter/generate.ts';

export type { DownOptions } from './app-down.ts';
export type {
  RunningSlant,
  SlantEnvironment,
  SlantRunOptions,
  TerminalSettings,
} from './app-session.ts';

export async function startSlant(opts: SlantRunOptions): Promise<RunningSlant> {
  const { startSlant: start } = await import('./app-session.ts');
  return start(opts);
}

export type { DoctorOptions } from './app-doctor.ts';

export async function runDoctor(opts: DoctorOptions): Promise<void> {
  const { runDoctor: doctor } = await import('./app-doctor.ts');
  return doctor(opts);
}

export type { SnapshotView, SnapshotViewOptions } from './app-snapshot-view.ts';
export type { StarterDeps, StarterResult } from './starter/generate.ts';

/** `slant up` without a Tiltfile, on a terminal: the offer to write a starter one. */
export async function maybeGenerateTiltfile(
  path: string,
  deps: StarterDeps,
): Promise<StarterResult> {
  const { maybeGenerateTiltfile: offer } = await import('./starter/generate.ts');
  return offer(path, deps);
}

export async function serveSnapshotView(opts: SnapshotViewOptions): Promise<SnapshotView> {
  const { serveSnapshotView: serve } = await import('./app-snapshot-view.ts');
  return serve(opts);
}

/** `slant dump image-deploy-ref REF`: the ref Slant deploys an image built as REF with. */
export async function dumpImageDeployRef(
  ref: string,
  env: Readonly<Record<string, string>>,
): Promise<string> {
  const { dumpImageDeployRef: dump } = await import('./app-docker.ts');
  return dump(ref, env);
}

export async function runDown(opts: DownOptions): Promise<number> {
  const { runDown: down } = await import('./app-down.ts');
  return down(opts);
}

// `slant docker-prune` and `slant docker`: the Docker client, loaded on first use.
import type { DockerCliOptions } from './app-docker.ts';
import type { DockerPruneOptions } from './app-docker-prune.ts';

export type { DockerCliOptions } from './app-docker.ts';
export type { DockerPruneOptions } from './app-docker-prune.ts';

export async function runDockerPrune(opts: DockerPruneOptions): Promise<void> {
  const { runDockerPrune: prune } = await import('./app-docker-prune.ts');
  return prune(opts);
}

export async function runDockerCli(opts: DockerCliOptions): Promise<number> {
  const { runDockerCli: run } = await import('./app-docker.ts');
  return run(opts);
}

// Client commands: a running session's HTTP API, without the engine.
export * from './client/index.ts';
export { SLANT_VERSION } from './version.ts';
