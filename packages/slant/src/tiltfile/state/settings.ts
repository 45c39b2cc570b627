// The settings section of TiltfileState: update_settings, ci_settings, version_settings,
// secret_settings, watch_settings, docker_prune_settings, analytics_settings, features, team.
// Defaults are Tilt's.

export interface UpdateSettings {
  maxParallelUpdates: number;
  k8sUpsertTimeoutSecs: number;
  /** Image names whose "unused image" warning is suppressed; ['*'] suppresses all. */
  suppressUnusedImageWarnings: string[];
  k8sServerSideApply: 'auto' | 'true' | 'false';
}

export interface CiSettings {
  /** Go duration strings as given ('' = unset). */
  k8sGracePeriod: string;
  timeout: string;
  readinessTimeout: string;
}

export interface DockerPruneSettings {
  disable: boolean;
  maxAgeMins: number;
  numBuilds: number;
  intervalHrs: number;
  keepRecent: number;
}

export interface SettingsState {
  update: UpdateSettings;
  ci: CiSettings;
  version: { checkUpdates: boolean; constraint: string };
  secret: { disableScrub: boolean };
  /** watch_settings(ignore=...) patterns, accumulated over calls. */
  watchIgnores: string[];
  dockerPrune: DockerPruneSettings;
  /** analytics_settings(enable): undefined when never called. */
  analytics: boolean | undefined;
  /** enable_feature/disable_feature overrides. */
  features: Map<string, boolean>;
  team: string;
}

export function newSettingsState(): SettingsState {
  return {
    update: {
      maxParallelUpdates: 3,
      k8sUpsertTimeoutSecs: 30,
      suppressUnusedImageWarnings: [],
      k8sServerSideApply: 'auto',
    },
    ci: { k8sGracePeriod: '', timeout: '30m', readinessTimeout: '5m' },
    version: { checkUpdates: true, constraint: '' },
    secret: { disableScrub: false },
    watchIgnores: [],
    dockerPrune: { disable: false, maxAgeMins: 360, numBuilds: 0, intervalHrs: 1, keepRecent: 2 },
    analytics: undefined,
    features: new Map(),
    team: '',
  };
}
