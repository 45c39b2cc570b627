// The settings section of TiltfileState: update_settings, ci_settings, version_settings,
// secret_settings, watch_settings, docker_prune_settings, analytics_settings, feature flags,
// set_team. Defaults are Tilt's.

export interface UpdateSettings {
  maxParallelUpdates: number;
  k8sUpsertTimeoutSecs: number;
  /** Image names whose "unused image" warning is suppressed; '*' suppresses all. */
  suppressUnusedImageWarnings: string[];
  k8sServerSideApply: 'auto' | 'true' | 'false';
}

/** Session CI spec durations, in milliseconds (undefined = unset). */
export interface CiSettings {
  k8sGracePeriodMs: number | undefined;
  timeoutMs: number;
  readinessTimeoutMs: number;
}

export interface DockerPruneSettings {
  enabled: boolean;
  maxAgeMins: number;
  numBuilds: number;
  intervalHrs: number;
  keepRecent: number;
}

/** Tilt's feature flags that still exist; obsolete ones only warn. */
export const FEATURE_DEFAULTS: Readonly<Record<string, { enabled: boolean; obsolete: boolean }>> = {
  multiple_containers_per_pod: { enabled: true, obsolete: true },
  events: { enabled: true, obsolete: true },
  snapshots: { enabled: true, obsolete: false },
  update_history: { enabled: false, obsolete: true },
  facets: { enabled: true, obsolete: true },
  labels: { enabled: true, obsolete: true },
  live_update_v2: { enabled: true, obsolete: true },
  disable_resources: { enabled: true, obsolete: true },
  bulk_disable_resources: { enabled: false, obsolete: true },
  cluster_refresh: { enabled: false, obsolete: false },
  offline_snapshot_creation: { enabled: true, obsolete: true },
};

export interface SettingsState {
  update: UpdateSettings;
  ci: CiSettings;
  version: { checkUpdates: boolean; constraint: string };
  secret: { scrubSecrets: boolean };
  /**
   * watch_settings(ignore=...) patterns, all calls together. Tilt roots each call's patterns at
   * the calling file's directory; kept relative to the main Tiltfile's directory here.
   */
  watchIgnores: string[];
  dockerPrune: DockerPruneSettings;
  /** analytics_settings(enable): 'default' until called. */
  analytics: 'default' | 'in' | 'out';
  analyticsTags: Map<string, string>;
  /** Feature flag values (defaults, then enable_feature/disable_feature). */
  features: Map<string, boolean>;
  teamID: string;
  telemetry: { argv: string[]; dir: string; periodMs: number } | undefined;
}

export function newSettingsState(): SettingsState {
  return {
    update: {
      maxParallelUpdates: 3,
      k8sUpsertTimeoutSecs: 30,
      suppressUnusedImageWarnings: [],
      k8sServerSideApply: 'auto',
    },
    ci: { k8sGracePeriodMs: undefined, timeoutMs: 30 * 60_000, readinessTimeoutMs: 5 * 60_000 },
    version: { checkUpdates: true, constraint: '' },
    secret: { scrubSecrets: true },
    watchIgnores: [],
    dockerPrune: { enabled: true, maxAgeMins: 360, numBuilds: 0, intervalHrs: 1, keepRecent: 2 },
    analytics: 'default',
    analyticsTags: new Map(),
    features: new Map(Object.entries(FEATURE_DEFAULTS).map(([k, v]) => [k, v.enabled])),
    teamID: '',
    telemetry: undefined,
  };
}
