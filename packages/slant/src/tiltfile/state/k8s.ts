// The k8s section of TiltfileState: what k8s_yaml, k8s_resource, k8s_kind, k8s_image_json_path,
// workload_to_resource_function, k8s_custom_deploy and allow_k8s_contexts declared. Assembly
// (assemble/k8s*.ts) turns it into resources after the Tiltfile ran.
import type { StarObject } from '@slant/starlark';
import type { ImageRef } from '../../container/ref.ts';
import type { K8sEntity } from '../../k8s/entity.ts';
import type { PodReadinessMode } from '../../k8s/group.ts';
import type { ImageLocator } from '../../k8s/locator.ts';
import { newObjectIndex, type ObjectIndex } from '../../k8s/object-index.ts';
import { newPartialMatchObjectSelector, type ObjectSelector } from '../../k8s/object-selector.ts';
import type { DiscoveryStrategy } from '../builtins/k8s-args.ts';
import type { ResourceLink } from '../builtins/link.ts';
import type { PortForward } from '../builtins/port-forward.ts';
import type { Cmd } from '../cmd.ts';
import type { TriggerMode } from './build.ts';

/** One k8s_resource() call, kept until assembly (calls on one resource aggregate). */
export interface K8sResourceOptions {
  /** The workload name, or new_name when no workload was given. */
  readonly workload: string;
  readonly newName: string;
  readonly portForwards: readonly PortForward[];
  readonly extraPodSelectors: readonly Record<string, string>[];
  /** undefined: the Tiltfile's trigger_mode() default. */
  readonly triggerMode: TriggerMode | undefined;
  /** undefined when auto_init was not passed. */
  readonly autoInit: boolean | undefined;
  /** `Tiltfile:12:1`, the call's position, prefixing assembly errors. */
  readonly position: string;
  readonly resourceDeps: readonly string[];
  readonly objects: readonly string[];
  readonly manuallyGrouped: boolean;
  readonly podReadinessMode: PodReadinessMode;
  readonly discoveryStrategy: DiscoveryStrategy;
  readonly links: readonly ResourceLink[];
  readonly labels: Readonly<Record<string, string>>;
}

/** A k8s_kind / k8s_image_json_path registration (Tilt's KindInfo), keyed by its selector. */
export interface K8sKindEntry {
  readonly selector: ObjectSelector;
  imageLocators: ImageLocator[];
  podReadinessMode: PodReadinessMode;
}

/** A k8s_custom_deploy() resource. */
export interface K8sCustomDeploy {
  readonly name: string;
  readonly applyCmd: Cmd;
  readonly deleteCmd: Cmd;
  /** Absolute paths whose changes re-run apply_cmd. */
  readonly deps: readonly string[];
  /** Live-update sync sources and fall_back_on paths, ignored by the deps watch. */
  readonly ignores: readonly { basePath: string; patterns: string[] }[];
  /** image_deps (required) and the live-update image (optional), in call order. */
  readonly imageDeps: readonly { ref: ImageRef; required: boolean }[];
}

export interface WorkloadToResourceFunction {
  readonly fn: StarObject;
  /** The function's definition position, prefixing its errors. */
  readonly position: string;
}

export interface K8sState {
  /** Objects from k8s_yaml, in registration order, with the stack of each registration. */
  readonly objects: ObjectIndex;
  /** Selector key (its spec as JSON) → kind registration; starts with Job and CronJob. */
  readonly kinds: Map<string, K8sKindEntry>;
  readonly resourceOptions: K8sResourceOptions[];
  readonly customDeploys: K8sCustomDeploy[];
  workloadToResourceFunction: WorkloadToResourceFunction | undefined;
  /** allow_k8s_contexts(), newest first as in Tilt. */
  readonly allowedContexts: string[];
  /** Set by assembly: the objects no resource claimed (the `uncategorized` resource). */
  unresourced: K8sEntity[];
}

export function selectorKey(sel: ObjectSelector): string {
  const s = sel.spec;
  return JSON.stringify([
    s.apiVersionRegexp ?? '',
    s.kindRegexp ?? '',
    s.nameRegexp ?? '',
    s.namespaceRegexp ?? '',
  ]);
}

/** The kind entry for sel, created empty if it is new. */
export function kindEntry(state: K8sState, sel: ObjectSelector): K8sKindEntry {
  const key = selectorKey(sel);
  let entry = state.kinds.get(key);
  if (entry === undefined) {
    entry = { selector: sel, imageLocators: [], podReadinessMode: '' };
    state.kinds.set(key, entry);
  }
  return entry;
}

export function newK8sState(): K8sState {
  const state: K8sState = {
    objects: newObjectIndex(),
    kinds: new Map(),
    resourceOptions: [],
    customDeploys: [],
    workloadToResourceFunction: undefined,
    allowedContexts: [],
    unresourced: [],
  };
  // Tilt's InitialKinds: Jobs wait for success, CronJobs aren't waited on.
  kindEntry(state, newPartialMatchObjectSelector('batch/v1', 'Job', '', '')).podReadinessMode =
    'succeeded';
  kindEntry(state, newPartialMatchObjectSelector('batch/v1', 'CronJob', '', '')).podReadinessMode =
    'ignore';
  return state;
}
