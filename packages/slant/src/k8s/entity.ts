// Kubernetes objects as parsed from YAML, and the questions Tilt asks of them: identity, where the
// pod templates and containers are, which Services select a workload's pods.
//
// Tilt decodes built-in kinds into typed Go structs and finds containers by reflection; custom
// kinds stay unstructured and are only searched through image locators. The table below is the
// typed part that matters: which (apiVersion, kind) pairs hold pod specs and where.

/** A Kubernetes object: the decoded YAML document. Mutated only through copies. */
export type K8sEntity = Record<string, unknown>;

export const DEFAULT_NAMESPACE = 'default';

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** Identity used to spot duplicate objects (Tilt's ObjectAddress); namespace as written. */
export interface ObjectAddress {
  readonly name: string;
  readonly namespace: string;
  readonly kind: string;
  readonly apiVersion: string;
}

interface PodSpecLocation {
  readonly apiVersions: readonly string[];
  /** Path to the PodTemplateSpec, or to the PodSpec itself for Pods. */
  readonly path: readonly string[];
  readonly isTemplate: boolean;
  /** Go value fields exist even when the YAML leaves them out; pointer fields don't. */
  readonly alwaysPresent: boolean;
}

const APPS = ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'];
const TEMPLATE = ['spec', 'template'];
const POD_SPEC_LOCATIONS: Readonly<Record<string, PodSpecLocation>> = {
  Deployment: {
    apiVersions: [...APPS, 'apps/v1beta1'],
    path: TEMPLATE,
    isTemplate: true,
    alwaysPresent: true,
  },
  ReplicaSet: { apiVersions: APPS, path: TEMPLATE, isTemplate: true, alwaysPresent: true },
  DaemonSet: { apiVersions: APPS, path: TEMPLATE, isTemplate: true, alwaysPresent: true },
  StatefulSet: {
    apiVersions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2'],
    path: TEMPLATE,
    isTemplate: true,
    alwaysPresent: true,
  },
  Job: { apiVersions: ['batch/v1'], path: TEMPLATE, isTemplate: true, alwaysPresent: true },
  CronJob: {
    apiVersions: ['batch/v1', 'batch/v1beta1'],
    path: ['spec', 'jobTemplate', 'spec', 'template'],
    isTemplate: true,
    alwaysPresent: true,
  },
  ReplicationController: {
    apiVersions: ['v1'],
    path: TEMPLATE,
    isTemplate: true,
    alwaysPresent: false,
  },
  PodTemplate: { apiVersions: ['v1'], path: ['template'], isTemplate: true, alwaysPresent: true },
  Pod: { apiVersions: ['v1'], path: ['spec'], isTemplate: false, alwaysPresent: true },
};

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function metadata(e: K8sEntity): Record<string, unknown> {
  return isObject(e.metadata) ? e.metadata : {};
}

export function entityApiVersion(e: K8sEntity): string {
  return str(e.apiVersion);
}

export function entityKind(e: K8sEntity): string {
  return str(e.kind);
}

export function entityName(e: K8sEntity): string {
  return str(metadata(e).name);
}

/** The namespace as written ('' when absent). */
export function entityNamespaceRaw(e: K8sEntity): string {
  return str(metadata(e).namespace);
}

/** The namespace, `default` when absent (Tilt's Namespace()). */
export function entityNamespace(e: K8sEntity): string {
  return entityNamespaceRaw(e) || DEFAULT_NAMESPACE;
}

export function entityGVK(e: K8sEntity): GroupVersionKind {
  const apiVersion = entityApiVersion(e);
  const slash = apiVersion.indexOf('/');
  const kind = entityKind(e);
  if (slash < 0) return { group: '', version: apiVersion, kind };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

export function entityLabels(e: K8sEntity): Record<string, string> {
  return stringMap(metadata(e).labels);
}

export function entityAnnotations(e: K8sEntity): Record<string, string> {
  return stringMap(metadata(e).annotations);
}

export function objectAddress(e: K8sEntity): ObjectAddress {
  return {
    name: entityName(e),
    namespace: entityNamespaceRaw(e),
    kind: entityKind(e),
    apiVersion: entityApiVersion(e),
  };
}

/** A string key for an ObjectAddress, for maps and sets. */
export function objectAddressKey(a: ObjectAddress): string {
  return JSON.stringify([a.apiVersion, a.kind, a.namespace, a.name]);
}

export function hasName(e: K8sEntity, name: string): boolean {
  return entityName(e) === name;
}

/** An empty `ns` asks for the default namespace. */
export function hasNamespace(e: K8sEntity, ns: string): boolean {
  return entityNamespace(e) === (ns || DEFAULT_NAMESPACE);
}

export function hasKind(e: K8sEntity, kind: string): boolean {
  return entityKind(e).toLowerCase() === kind.toLowerCase();
}

/** Jobs and Pods can't be updated in place once created. */
export function immutableOnceCreated(e: K8sEntity): boolean {
  const kind = entityKind(e);
  return kind === 'Job' || kind === 'Pod';
}

export function copyEntity<T extends K8sEntity>(e: T): T {
  return structuredClone(e);
}

export function withNamespace(e: K8sEntity, ns: string): K8sEntity {
  const copy = copyEntity(e);
  copy.metadata = { ...metadata(copy), namespace: ns };
  return copy;
}

export function newNamespaceEntity(name: string): K8sEntity {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function podSpecLocation(e: K8sEntity): PodSpecLocation | undefined {
  const loc = POD_SPEC_LOCATIONS[entityKind(e)];
  return loc?.apiVersions.includes(entityApiVersion(e)) ? loc : undefined;
}

function lookup(root: unknown, path: readonly string[]): Record<string, unknown> | undefined {
  let cur = root;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return isObject(cur) ? cur : undefined;
}

/** Whether this is a built-in kind Tilt decodes with a schema (so containers are found). */
export function isTypedWorkloadKind(e: K8sEntity): boolean {
  return podSpecLocation(e) !== undefined;
}

/**
 * The entity's PodTemplateSpecs (live objects inside `e`). A built-in kind whose Go type holds
 * the template by value has one even when the YAML omits it; that one is a detached `{}`.
 */
export function podTemplateSpecs(e: K8sEntity): Record<string, unknown>[] {
  const loc = podSpecLocation(e);
  if (loc === undefined || !loc.isTemplate) return [];
  const found = lookup(e, loc.path);
  if (found !== undefined) return [found];
  return loc.alwaysPresent ? [{}] : [];
}

/** The entity's PodSpecs: a Pod's spec, or each template's spec. */
export function podSpecs(e: K8sEntity): Record<string, unknown>[] {
  const loc = podSpecLocation(e);
  if (loc === undefined) return [];
  if (!loc.isTemplate) {
    const spec = lookup(e, loc.path);
    return spec === undefined ? [] : [spec];
  }
  return podTemplateSpecs(e).flatMap((t) => (isObject(t.spec) ? [t.spec] : []));
}

function objectsIn(parent: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const list = parent[key];
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/**
 * Every v1.Container of each pod spec (not ephemeral), in PodSpec field order as Tilt's
 * reflection walk finds them: `initContainers` before `containers`.
 */
export function containers(e: K8sEntity): Record<string, unknown>[] {
  return podSpecs(e).flatMap((s) => [
    ...objectsIn(s, 'initContainers'),
    ...objectsIn(s, 'containers'),
  ]);
}

/** Every v1.EnvVar, including those of ephemeral containers, in PodSpec field order. */
export function envVars(e: K8sEntity): Record<string, unknown>[] {
  return podSpecs(e).flatMap((s) =>
    ['initContainers', 'containers', 'ephemeralContainers'].flatMap((key) =>
      objectsIn(s, key).flatMap((c) => objectsIn(c, 'env')),
    ),
  );
}

/** Every ImageVolumeSource (`volumes[].image`). */
export function imageVolumeSources(e: K8sEntity): Record<string, unknown>[] {
  return podSpecs(e).flatMap((s) =>
    objectsIn(s, 'volumes').flatMap((v) => (isObject(v.image) ? [v.image] : [])),
  );
}

export function podTemplateLabels(template: Record<string, unknown>): Record<string, string> {
  return stringMap(lookup(template, ['metadata'])?.labels);
}
