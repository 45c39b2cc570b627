// FileWatch: a recursive watch of paths that records batches of file changes.
import type { ApiVersion, MicroTime, ObjectMeta } from '../meta.ts';
import type { DisableSource, DisableStatus, IgnoreDef } from '../shared.ts';

export interface FileWatchSpec {
  /** Absolute paths of files or directories; directories are watched recursively. */
  watchedPaths: string[];
  ignores?: IgnoreDef[];
  disableSource?: DisableSource;
}

/** One coalesced batch of changes. */
export interface FileEvent {
  time: MicroTime;
  /** Absolute paths that changed. */
  seenFiles: string[];
}

export interface FileWatchStatus {
  monitorStartTime?: MicroTime;
  lastEventTime?: MicroTime;
  /** The most recent batches, oldest first (a bounded number is kept). */
  fileEvents?: FileEvent[];
  error?: string;
  disableStatus?: DisableStatus;
}

export interface FileWatch {
  apiVersion: ApiVersion;
  kind: 'FileWatch';
  metadata: ObjectMeta;
  spec: FileWatchSpec;
  status?: FileWatchStatus;
}
