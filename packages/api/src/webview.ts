// The web protocol: what the server sends the web UI over the websocket and the HTTP API.
import type { Cluster } from './kinds/cluster.ts';
import type { UIButton } from './kinds/uibutton.ts';
import type { TriggerMode, UIResource } from './kinds/uiresource.ts';
import type { TiltBuild, UISession, VersionSettings } from './kinds/uisession.ts';
import type { MicroTime } from './meta.ts';

export type LogLevel = 'NONE' | 'INFO' | 'VERBOSE' | 'DEBUG' | 'WARN' | 'ERROR';

/** A piece of log text; consecutive segments of one span join into lines. */
export interface LogSegment {
  /** The span the text belongs to; the global span when empty. */
  spanId?: string;
  time?: MicroTime;
  text?: string;
  /** INFO when empty. */
  level?: LogLevel;
  /** Marks the start of something worth jumping to, such as a build step. */
  anchor?: boolean;
  /** Structured extras, e.g. the build step or progress ID. */
  fields?: Record<string, string>;
}

/** A log span: a named stream of logs (a build, a pod, a command) owned by one resource. */
export interface LogSpan {
  /** The resource; empty for global logs. */
  manifestName?: string;
}

/**
 * A batch of logs. Checkpoints count segments since the session started: the batch holds
 * segments `[fromCheckpoint, toCheckpoint)`. A negative `fromCheckpoint` means no logs.
 */
export interface LogList {
  /** Spans referenced by the segments, by span ID. */
  spans?: Record<string, LogSpan>;
  segments?: LogSegment[];
  fromCheckpoint?: number;
  toCheckpoint?: number;
}

/**
 * The full view (`GET /api/view`, the first websocket message) or an update (later messages).
 * An update carries only the objects that changed; an object with
 * `metadata.deletionTimestamp` set means it was deleted.
 */
export interface View {
  uiSession?: UISession;
  uiResources?: UIResource[];
  uiButtons?: UIButton[];
  clusters?: Cluster[];
  logList?: LogList;
  /** True when this message is a complete view rather than an update. */
  isComplete?: boolean;
  /** The server's start time; the client resets its state when it changes. */
  tiltStartTime?: MicroTime;
  tiltfileKey?: string;
  featureFlags?: Record<string, boolean>;
  runningTiltBuild?: TiltBuild;
  suggestedTiltVersion?: string;
  versionSettings?: VersionSettings;
  fatalError?: string;
}

/** The client's acknowledgement after applying a message's logs (sent over the websocket). */
export interface AckWebsocketRequest {
  toCheckpoint?: number;
  tiltStartTime?: MicroTime;
}

/** A saved view, for the snapshot viewer and `snapshot create`. */
export interface Snapshot {
  view?: View;
  isSidebarClosed?: boolean;
  /** The UI path the snapshot was taken on. */
  path?: string;
  snapshotHighlight?: SnapshotHighlight;
  snapshotLink?: string;
  createdAt?: MicroTime;
}

/** A highlighted range of log lines in a snapshot. */
export interface SnapshotHighlight {
  beginningLogID?: string;
  endingLogID?: string;
  text?: string;
}

/** Bit flags saying why an update ran; a build reason is their OR. */
export const BUILD_REASONS = {
  none: 0,
  changedFiles: 1 << 0,
  config: 1 << 1,
  crash: 1 << 2,
  init: 1 << 3,
  triggerWeb: 1 << 4,
  triggerCli: 1 << 5,
  triggerHud: 1 << 6,
  triggerUnknown: 1 << 7,
  tiltfileArgs: 1 << 8,
  changedDeps: 1 << 9,
} as const;

/** Body of `POST /api/trigger`. */
export interface TriggerRequest {
  manifest_names: string[];
  /** A BUILD_REASONS value, usually `triggerWeb` or `triggerCli`. */
  build_reason: number;
}

/** Body of `POST /api/override/trigger_mode`. */
export interface OverrideTriggerModeRequest {
  manifest_names: string[];
  trigger_mode: TriggerMode;
}
