// UISession: global state of the session shown by the UIs.
import type { ApiVersion, ObjectMeta, Time } from '../meta.ts';

/** Has no fields: a UISession is written by Slant, never configured. */
export type UISessionSpec = Record<string, never>;

export interface UIFeatureFlag {
  name?: string;
  value?: boolean;
}

/** Identifies the running build of Slant. */
export interface TiltBuild {
  version?: string;
  commitSHA?: string;
  /** Build date, `YYYY-MM-DD`. */
  date?: string;
  /** True for a development build. */
  dev?: boolean;
}

export interface VersionSettings {
  checkUpdates?: boolean;
}

export interface UISessionStatus {
  featureFlags?: UIFeatureFlag[];
  needsAnalyticsNudge?: boolean;
  runningTiltBuild?: TiltBuild;
  /** A newer version the user could upgrade to. */
  suggestedTiltVersion?: string;
  versionSettings?: VersionSettings;
  /** An error that stopped the session; the UI shows it in a modal. */
  fatalError?: string;
  tiltStartTime?: Time;
  /** Identifies the Tiltfile, so the UI can keep per-project settings apart. */
  tiltfileKey?: string;
}

export interface UISession {
  apiVersion: ApiVersion;
  kind: 'UISession';
  metadata: ObjectMeta;
  spec: UISessionSpec;
  status?: UISessionStatus;
}
