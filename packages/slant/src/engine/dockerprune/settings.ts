// docker_prune_settings() as the engine reads them: the Tiltfile reconciler keeps the last good
// run's settings as an annotation on the main Tiltfile object (the store stays the one model), and
// the pruner reads them there. No annotation (no successful run yet) means pruning is off, as
// Tilt's engine state starts with it off.
import type { Tiltfile } from '@slant/api';
import type { DockerPruneSettings } from '../../tiltfile/state/settings.ts';

export const DOCKER_PRUNE_ANNOTATION = 'slant.dev/docker-prune-settings';

/** Tilt's DockerPruneDefaultInterval, for an interval of 0. */
export const DEFAULT_INTERVAL_HRS = 1;

export function dockerPruneAnnotation(settings: DockerPruneSettings): string {
  const { enabled, maxAgeMins, numBuilds, intervalHrs, keepRecent } = settings;
  return JSON.stringify({ enabled, maxAgeMins, numBuilds, intervalHrs, keepRecent });
}

export function readDockerPruneSettings(tf: Tiltfile | undefined): DockerPruneSettings | undefined {
  const raw = tf?.metadata.annotations?.[DOCKER_PRUNE_ANNOTATION];
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<DockerPruneSettings>;
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
    return {
      enabled: v.enabled === true,
      maxAgeMins: num(v.maxAgeMins),
      numBuilds: num(v.numBuilds),
      intervalHrs: num(v.intervalHrs),
      keepRecent: num(v.keepRecent),
    };
  } catch {
    return undefined;
  }
}
