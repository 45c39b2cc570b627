// Extension (one loaded extension) and ExtensionRepo (where extensions are fetched from).
import type { ApiVersion, ObjectMeta, Time } from '../meta.ts';

export interface ExtensionSpec {
  /** The ExtensionRepo it comes from. */
  repoName: string;
  /** Path of the extension inside the repository. */
  repoPath: string;
  /** Arguments passed to the extension's Tiltfile. */
  args?: string[];
}

export interface ExtensionStatus {
  error?: string;
  /** Absolute path of the extension's Tiltfile on disk. */
  path?: string;
}

export interface Extension {
  apiVersion: ApiVersion;
  kind: 'Extension';
  metadata: ObjectMeta;
  spec: ExtensionSpec;
  status?: ExtensionStatus;
}

export interface ExtensionRepoSpec {
  /** A git URL (`https://...`) or a local directory (`file:///...`). */
  url: string;
  /** Branch, tag or commit to sync to; when empty, the repository tracks its latest version. */
  ref?: string;
  /** Lets `load('ext://<loadHost>/<name>', ...)` register this repository's extensions. */
  loadHost?: string;
  /** Sub-directory of the repository that holds the extensions. */
  gitSubpath?: string;
}

export interface ExtensionRepoStatus {
  error?: string;
  lastFetchedAt?: Time;
  /** Absolute path of the checked-out repository. */
  path?: string;
  /** The commit checked out (empty for `file://` repositories). */
  checkoutRef?: string;
  /** Set when fetching failed and an older copy on disk is used instead. */
  staleReason?: string;
}

export interface ExtensionRepo {
  apiVersion: ApiVersion;
  kind: 'ExtensionRepo';
  metadata: ObjectMeta;
  spec: ExtensionRepoSpec;
  status?: ExtensionRepoStatus;
}
