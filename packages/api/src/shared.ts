// Pieces several kinds embed: disabling, triggers, selectors, ignores, registries, status words.
import type { Time } from './meta.ts';

/** Names a ConfigMap key whose value (`true`/`false`) says whether an object is disabled. */
export interface ConfigMapDisableSource {
  name: string;
  key: string;
}

/**
 * Where an object learns whether it is disabled. Set `configMap`, or `everyConfigMap` when an
 * object is shared by several resources and is disabled only when all of them are.
 */
export interface DisableSource {
  configMap?: ConfigMapDisableSource;
  everyConfigMap?: ConfigMapDisableSource[];
}

/** `''` means the disable source has not been read yet. */
export type DisableState = '' | 'Pending' | 'Enabled' | 'Disabled' | 'Error';

/** Whether an object is currently disabled, and why. */
export interface DisableStatus {
  disabled: boolean;
  lastUpdateTime: Time;
  reason: string;
  state: DisableState;
}

/** Restart (or re-run) an object when any of these FileWatches or UIButtons fire. */
export interface RestartOnSpec {
  /** FileWatch names. */
  fileWatches?: string[];
  /** UIButton names. */
  uiButtons?: string[];
}

/** Start an object on a button click that happens after `startAfter`. */
export interface StartOnSpec {
  /** Clicks at or before this time are ignored. */
  startAfter?: Time;
  /** UIButton names. */
  uiButtons: string[];
}

/** Stop an object when any of these UIButtons is clicked. */
export interface StopOnSpec {
  uiButtons: string[];
}

/** Matches Kubernetes objects by regular expressions on their identity; empty matches all. */
export interface ObjectSelector {
  apiVersionRegexp?: string;
  kindRegexp?: string;
  nameRegexp?: string;
  namespaceRegexp?: string;
}

/** Files to ignore under a directory. With no patterns, the whole directory is ignored. */
export interface IgnoreDef {
  basePath: string;
  /** Dockerignore-style patterns, relative to basePath. */
  patterns?: string[];
}

/** How to reach a container registry hosted for (or by) a cluster. */
export interface RegistryHosting {
  /** Host (and port) from the machine running Slant. */
  host: string;
  /** Host as seen from inside the cluster's network, when different. */
  hostFromClusterNetwork?: string;
  /** Host as the container runtime sees it, when different. */
  hostFromContainerRuntime?: string;
  /** A URL with instructions for setting up the registry. */
  help?: string;
  /** Push every image into this one repository, telling images apart by tag. */
  singleName?: string;
}

/** What a cluster needs done with a built image: push it, or nothing (a base image). */
export type ClusterImageNeeds = 'push' | 'base-image';

/** Health of a resource's running workload. */
export type RuntimeStatus = 'unknown' | 'ok' | 'pending' | 'error' | 'not_applicable' | 'none';

/** Health of a resource's most recent update (build and deploy). */
export type UpdateStatus = 'none' | 'in_progress' | 'ok' | 'pending' | 'error' | 'not_applicable';
