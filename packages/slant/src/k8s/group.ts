// Assembling k8s_yaml objects into resources, as Tilt's Tiltfile loader does after the Tiltfile
// has run: workloads get resources, Services follow the workloads whose pods they select, other
// pod-template objects get resources by name, and the rest is `uncategorized` until
// k8s_resource(objects=[...]) claims it. Pure: the Tiltfile layer supplies the inputs.
import { type ImageRef, refString } from '../container/ref.ts';
import type { RefSelector } from '../container/selector.ts';
import { entityKind, entityName, type K8sEntity } from './entity.ts';
import { findImages } from './image-inject.ts';
import { filterByHasPodTemplateSpec, filterByMatchesPodTemplateSpec } from './labels.ts';
import type { ImageLocator } from './locator.ts';
import {
  entityMeta,
  fragmentsToEntities,
  fullNameFromEntity,
  objectIdString,
  uniqueNames,
} from './names.ts';
import {
  newPartialMatchObjectSelector,
  type ObjectSelector,
  objectSelectorMatches,
  selectorFromString,
} from './object-selector.ts';

export type PodReadinessMode = '' | 'ignore' | 'wait' | 'succeeded';

/** A k8s_kind registration: which objects are workloads, where their images are. */
export interface KindInfo {
  readonly selector: ObjectSelector;
  readonly imageLocators: readonly ImageLocator[];
  readonly podReadinessMode: PodReadinessMode;
}

/** Jobs wait for success and CronJobs aren't waited on (Tilt's InitialKinds). */
export function initialKinds(): KindInfo[] {
  return [
    {
      selector: newPartialMatchObjectSelector('batch/v1', 'Job', '', ''),
      imageLocators: [],
      podReadinessMode: 'succeeded',
    },
    {
      selector: newPartialMatchObjectSelector('batch/v1', 'CronJob', '', ''),
      imageLocators: [],
      podReadinessMode: 'ignore',
    },
  ];
}

/** The grouping part of one k8s_resource() call. */
export interface ResourceGrouping {
  /** The workload (resource) name, or for a new resource its new_name. */
  readonly workload: string;
  readonly newName: string;
  readonly objects: readonly string[];
  /** No workload was given: a new resource made of `objects`. */
  readonly manuallyGrouped: boolean;
  /** Where the call is, e.g. `Tiltfile:12:1`; prefixes some errors. */
  readonly position: string;
}

export interface AssembleInput {
  readonly entities: readonly K8sEntity[];
  readonly kinds: readonly KindInfo[];
  /** Images of builds with match_in_env_vars=True. */
  readonly envVarImages: readonly RefSelector[];
  readonly groupings: readonly ResourceGrouping[];
  /** Names from workload_to_resource_function; default: uniqueNames(workloads, 1). */
  readonly workloadNames?: (workloads: readonly K8sEntity[]) => string[];
  /** An error text if a local/dc resource already has this name. */
  readonly otherResourceConflict?: (name: string) => string | undefined;
  /**
   * Resources that exist before grouping (k8s_custom_deploy's, made when the Tiltfile ran): they
   * come first, take part in name conflicts, and k8s_resource() can configure them.
   */
  readonly initialResources?: readonly string[];
}

export interface AssembledResource {
  name: string;
  entities: K8sEntity[];
  /** Images found in the resource's workloads (and attached Services), first-seen order. */
  imageRefs: ImageRef[];
  manuallyGrouped: boolean;
}

export interface AssembleResult {
  readonly resources: AssembledResource[];
  /** Objects no resource claimed: Slant's `uncategorized` resource. */
  readonly unresourced: K8sEntity[];
  /** For each grouping, the name of the resource it applied to (after its own rename). */
  readonly groupingTargets: string[];
  /** For each grouping, the resource it applied to (names may change with later renames). */
  readonly groupingResources: AssembledResource[];
}

export const UNRESOURCED_NAME = 'uncategorized';

function quotedList(list: readonly string[]): string {
  return list.map((s) => JSON.stringify(s)).join(', ');
}

interface State {
  readonly input: AssembleInput;
  readonly locators: ImageLocator[];
  readonly resources: AssembledResource[];
  readonly byName: Map<string, AssembledResource>;
  unresourced: K8sEntity[];
}

function checkConflict(s: State, name: string): void {
  if (s.byName.has(name))
    throw new Error(`k8s_resource named ${JSON.stringify(name)} already exists`);
  const other = s.input.otherResourceConflict?.(name);
  if (other !== undefined) throw new Error(other);
}

function makeResource(s: State, name: string): AssembledResource {
  checkConflict(s, name);
  const r: AssembledResource = { name, entities: [], imageRefs: [], manuallyGrouped: false };
  s.resources.push(r);
  s.byName.set(name, r);
  return r;
}

function addEntities(s: State, r: AssembledResource, entities: readonly K8sEntity[]): void {
  r.entities.push(...entities);
  for (const e of entities) {
    let images: ImageRef[];
    try {
      images = findImages(e, s.locators, s.input.envVarImages);
    } catch (err) {
      throw new Error(
        `finding image in ${entityKind(e)}/${entityName(e)}: ${(err as Error).message}`,
      );
    }
    for (const image of images) {
      if (!r.imageRefs.some((x) => refString(x) === refString(image))) r.imageRefs.push(image);
    }
  }
}

/** A workload: its kind is registered with k8s_kind, or it has any image at all. */
export function isWorkload(
  e: K8sEntity,
  kinds: readonly KindInfo[],
  envVarImages: readonly RefSelector[],
): boolean {
  if (kinds.some((k) => objectSelectorMatches(k.selector, e))) return true;
  const locators = kinds.flatMap((k) => k.imageLocators);
  try {
    return findImages(e, locators, envVarImages).length > 0;
  } catch (err) {
    throw new Error(`finding images in ${entityName(e)}: ${(err as Error).message}`);
  }
}

function assembleByWorkload(s: State): void {
  const workloads: K8sEntity[] = [];
  const rest: K8sEntity[] = [];
  for (const e of s.unresourced) {
    (isWorkload(e, s.input.kinds, s.input.envVarImages) ? workloads : rest).push(e);
  }
  s.unresourced = rest;
  const names = s.input.workloadNames?.(workloads) ?? uniqueNames(workloads, 1);
  workloads.forEach((workload, i) => {
    let r: AssembledResource;
    try {
      r = makeResource(s, names[i] ?? '');
    } catch (err) {
      const id = objectIdString(entityMeta(workload));
      throw new Error(`error making resource for workload ${id}: ${(err as Error).message}`);
    }
    addEntities(s, r, [workload]);
    // Services selecting this workload's pods join its resource.
    const [match, remaining] = filterByMatchesPodTemplateSpec(workload, s.unresourced);
    addEntities(s, r, match);
    s.unresourced = remaining;
  });
}

// Pod-creating objects without images get a resource named after them (joining a resource of
// the same name if there is one), with the Services that select them.
function assembleUnresourced(s: State): void {
  let [withPodSpec, rest] = filterByHasPodTemplateSpec(s.unresourced);
  for (const e of withPodSpec) {
    const r = s.byName.get(entityName(e)) ?? makeResource(s, entityName(e));
    r.entities.push(e);
    const [match, remaining] = filterByMatchesPodTemplateSpec(e, rest);
    r.entities.push(...match);
    rest = remaining;
  }
  s.unresourced = rest;
}

// Fragment lookups over every object, made once per assembly and only if some call claims objects.
interface Fragments {
  readonly byFragment: Map<string, K8sEntity[]>;
  readonly fullNames: string[];
}

function claimObjects(
  s: State,
  r: AssembledResource,
  g: ResourceGrouping,
  fragmentsOf: () => Fragments,
): void {
  if (g.objects.length === 0) return;
  const { byFragment, fullNames } = fragmentsOf();
  const selectors = g.objects.map((o) => {
    try {
      return selectorFromString(o);
    } catch (err) {
      throw new Error(
        `Error making selector from string ${JSON.stringify(o)}: ${(err as Error).message}`,
      );
    }
  });
  g.objects.forEach((o, i) => {
    const entities = byFragment.get(o.toLowerCase()) ?? [];
    if (entities.length === 0) {
      throw new Error(
        `No object identified by the fragment ${JSON.stringify(o)} could be found. Possible objects are: ${quotedList(fullNames)}`,
      );
    }
    if (entities.length > 1) {
      throw new Error(
        `${JSON.stringify(o)} is not a unique fragment. Objects that match ${JSON.stringify(o)} are ${quotedList(entities.map(fullNameFromEntity))}`,
      );
    }
    const selector = selectors[i];
    const toMove =
      selector === undefined ? [] : s.unresourced.filter((e) => objectSelectorMatches(selector, e));
    const entity = toMove[0];
    if (entity === undefined) {
      throw new Error(
        `No object identified by the fragment ${JSON.stringify(o)} could be found in remaining YAML. Valid remaining fragments are: ${quotedList(s.unresourced.map(fullNameFromEntity))}`,
      );
    }
    r.entities.push(entity);
    s.unresourced = s.unresourced.filter((e) => e !== entity);
  });
}

/** Groups entities into resources and applies k8s_resource renames and object claims. */
export function assembleK8s(input: AssembleInput): AssembleResult {
  const s: State = {
    input,
    locators: input.kinds.flatMap((k) => k.imageLocators),
    resources: [],
    byName: new Map(),
    unresourced: [...input.entities],
  };
  for (const name of input.initialResources ?? []) makeResource(s, name);
  assembleByWorkload(s);
  assembleUnresourced(s);

  // Fragments are computed once, over every object, before any claims move them.
  const all = [...s.resources.flatMap((r) => r.entities), ...s.unresourced];
  let fragments: Fragments | undefined;
  const fragmentsOf = (): Fragments => {
    fragments ??= { byFragment: fragmentsToEntities(all), fullNames: all.map(fullNameFromEntity) };
    return fragments;
  };
  const groupingTargets: string[] = [];
  const groupingResources: AssembledResource[] = [];
  for (const g of input.groupings) {
    if (g.manuallyGrouped) makeResource(s, g.newName).manuallyGrouped = true;
    const r = s.byName.get(g.workload);
    if (r === undefined) {
      throw new Error(
        `${g.position}: k8s_resource specified unknown resource ${JSON.stringify(g.workload)}. known k8s resources: ${[...s.byName.keys()].join(', ')}`,
      );
    }
    if (g.newName !== '' && g.newName !== r.name) {
      try {
        checkConflict(s, g.newName);
      } catch (err) {
        throw new Error(
          `${g.position}: k8s_resource specified to rename ${JSON.stringify(r.name)} to ${JSON.stringify(g.newName)}: ${(err as Error).message}`,
        );
      }
      s.byName.delete(r.name);
      r.name = g.newName;
      s.byName.set(r.name, r);
    }
    claimObjects(s, r, g, fragmentsOf);
    groupingTargets.push(r.name);
    groupingResources.push(r);
  }
  return { resources: s.resources, unresourced: s.unresourced, groupingTargets, groupingResources };
}
