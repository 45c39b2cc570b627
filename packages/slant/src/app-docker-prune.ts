// `slant docker-prune` on this machine (Tilt's `tilt docker-prune`): runs the Tiltfile
// (config.tilt_subcommand == 'docker-prune'), then prunes once with its docker_prune_settings,
// whatever they say about pruning in `up`. Composition root: builds the real Docker and
// Kubernetes clients.
import { resolve } from 'node:path';
import type { RegistryHosting } from '@slant/api';
import { nodeTiltfileHost } from './app.ts';
import { systemClock } from './clock.ts';
import { selectorFamiliarString } from './container/selector.ts';
import { NodeDockerClient } from './docker/client-node.ts';
import { levelLogger, pruneDocker } from './engine/dockerprune/prune.ts';
import { tiltfileRefSelectors } from './engine/dockerprune/selectors.ts';
import { UserError } from './errors.ts';
import { createNodeKubeClient } from './k8s/client-node.ts';
import { LOCAL_REGISTRY_HOSTING_REF, registryFromConfigMap } from './k8s/registry-hosting.ts';
import { formatGoDurationPrecise } from './tiltfile/godur.ts';
import { loadTiltfile } from './tiltfile/loader.ts';

export interface DockerPruneOptions {
  /** The Tiltfile path as given (relative to cwd). */
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
  readonly executable: string;
  /**
   * Tilt's logger level: verbose by default (the counts show even when zero), debug with
   * `--debug` (the removed items and the image names too).
   */
  readonly level: 'verbose' | 'debug';
  /** stdout. */
  readonly write: (text: string) => void;
}

/** Throws the Tiltfile's error, or UserError when the cluster can't be asked for its registry. */
export async function runDockerPrune(opts: DockerPruneOptions): Promise<void> {
  const { host, kubeconfigPath } = nodeTiltfileHost({
    file: opts.file,
    subcommand: 'docker-prune',
    cwd: opts.cwd,
    env: opts.env,
    argv: opts.argv,
    executable: opts.executable,
    logWrite: opts.write,
  });
  const mainPath = resolve(opts.cwd, opts.file);
  // As Tilt: a missing Tiltfile is the error alone, without the loading line.
  if (host.fs.stat(mainPath)?.isFile === true) opts.write(`Loading Tiltfile at: ${mainPath}\n`);
  const result = loadTiltfile(host, {
    mainPath,
    args: opts.args,
    subcommand: 'docker-prune',
    ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }),
  });
  if (result.error !== undefined) throw result.error;
  opts.write(`Successfully loaded Tiltfile (${formatGoDurationPrecise(result.durationMs)})\n`);

  const k8s = result.objects.find((o) => o.kind === 'Cluster' && o.spec.connection?.kubernetes);
  const context = k8s?.kind === 'Cluster' ? k8s.spec.connection?.kubernetes?.context : undefined;
  const advertised =
    k8s === undefined ? undefined : await clusterRegistry(kubeconfigPath ?? '', context);
  const selectors = tiltfileRefSelectors(result.objects, advertised);
  const log = levelLogger(opts.level, opts.write);
  if (selectors.length > 0) {
    const list = selectors.map((s) => `  - ${selectorFamiliarString(s)}\n`).join('');
    log.debug(`Running Docker Prune for images:\n${list}`);
  }
  const settings = result.state.settings.dockerPrune;
  const docker = new NodeDockerClient(opts.env.DOCKER_HOST ? { host: opts.env.DOCKER_HOST } : {});
  await pruneDocker(
    { docker, clock: systemClock(), log },
    { maxAgeMs: settings.maxAgeMins * 60_000, keepRecent: settings.keepRecent, selectors },
  );
}

/** The local registry the cluster advertises; the cluster must answer, as Tilt requires. */
async function clusterRegistry(
  kubeconfigPath: string,
  context: string | undefined,
): Promise<RegistryHosting | undefined> {
  try {
    const kube = await createNodeKubeClient({
      kubeconfigPath,
      ...(context === undefined ? {} : { context }),
    });
    await kube.serverVersion();
    const cm = await kube.get(LOCAL_REGISTRY_HOSTING_REF).catch(() => undefined);
    return registryFromConfigMap(cm);
  } catch (err) {
    throw new UserError(
      'no-cluster',
      `determining local registry: ${err instanceof Error ? err.message : String(err)}`,
      'Check that the Kubernetes cluster of the Tiltfile is running and reachable.',
    );
  }
}
