// KubernetesApply: YAML (or an apply command) to deploy, with image injection and pod discovery.
import type {
  ApiVersion,
  Condition,
  Duration,
  LabelSelector,
  MicroTime,
  ObjectMeta,
} from '../meta.ts';
import type { DisableSource, DisableStatus, ObjectSelector, RestartOnSpec } from '../shared.ts';
import type { PodLogStreamTemplateSpec, PortForwardTemplateSpec } from './kubernetes-discovery.ts';

/** An image given as an object with separate repository and tag fields (common in CRDs). */
export interface KubernetesImageObjectDescriptor {
  repoField: string;
  tagField: string;
}

/** Where images live in objects that are not standard pod templates. */
export interface KubernetesImageLocator {
  /** Which objects to look in. */
  objectSelector: ObjectSelector;
  /** JSONPath to the field: a string, or an object described by `object`. */
  path: string;
  object?: KubernetesImageObjectDescriptor;
}

/** Extra ways to find the pods of applied objects, besides owner references. */
export interface KubernetesDiscoveryTemplateSpec {
  extraSelectors?: LabelSelector[];
}

/**
 * `default`: follow owner references from pods to applied objects, plus any extra selectors.
 * `selectors-only`: use only the label selectors.
 */
export type KubernetesDiscoveryStrategy = 'default' | 'selectors-only';

/** A command that applies (or deletes) objects; an apply command prints the applied YAML. */
export interface KubernetesApplyCmd {
  args: string[];
  dir: string;
  /** Extra environment variables as `KEY=value`. */
  env: string[];
}

/** Exactly one of `yaml` and `applyCmd` is set. */
export interface KubernetesApplySpec {
  yaml?: string;
  /** ImageMaps whose images are injected; a new image in any of them re-applies everything. */
  imageMaps?: string[];
  imageLocators?: KubernetesImageLocator[];
  /** Limit for one apply; defaults to `30s`. */
  timeout?: Duration;
  kubernetesDiscoveryTemplateSpec?: KubernetesDiscoveryTemplateSpec;
  /** Port forwards to set up on the best pod found. */
  portForwardTemplateSpec?: PortForwardTemplateSpec;
  /** Which pod logs to stream; without it all containers' logs are streamed. */
  podLogStreamTemplateSpec?: PodLogStreamTemplateSpec;
  discoveryStrategy?: KubernetesDiscoveryStrategy;
  disableSource?: DisableSource;
  applyCmd?: KubernetesApplyCmd;
  /** Re-apply when these fire. */
  restartOn?: RestartOnSpec;
  /** Cleans up what `applyCmd` created. */
  deleteCmd?: KubernetesApplyCmd;
  /** The Cluster to deploy to (`default` when empty). */
  cluster: string;
  serverSideApply?: boolean;
}

/** Condition type set when every applied Job has completed. */
export const APPLY_CONDITION_JOB_COMPLETE = 'JobComplete';

export interface KubernetesApplyStatus {
  /** The objects as the cluster returned them after the last successful apply. */
  resultYAML?: string;
  /** The last apply's error; empty when it succeeded. */
  error?: string;
  lastApplyTime?: MicroTime;
  lastApplyStartTime?: MicroTime;
  /** Hash of everything the last apply used, to tell whether a re-apply is needed. */
  appliedInputHash?: string;
  disableStatus?: DisableStatus;
  conditions?: Condition[];
}

export interface KubernetesApply {
  apiVersion: ApiVersion;
  kind: 'KubernetesApply';
  metadata: ObjectMeta;
  spec: KubernetesApplySpec;
  status?: KubernetesApplyStatus;
}
