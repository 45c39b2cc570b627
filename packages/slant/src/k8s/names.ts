// Resource names for YAML workloads: the shortest of `name`, `name:kind`, `name:kind:namespace`,
// `name:kind:namespace:group` that no other workload wants, lower-cased. The same fragments are
// what k8s_resource(objects=[...]) accepts.
import { entityGVK, entityName, entityNamespace, type K8sEntity } from './entity.ts';
import { selectorStringFromParts } from './object-selector.ts';

/** What names are computed from (an entity, or the K8sObjectID given to a naming function). */
export interface EntityMeta {
  readonly name: string;
  readonly kind: string;
  readonly namespace: string;
  /** The API group; '' is the core group. */
  readonly group: string;
}

export function entityMeta(e: K8sEntity): EntityMeta {
  const gvk = entityGVK(e);
  return { name: entityName(e), kind: gvk.kind, namespace: entityNamespace(e), group: gvk.group };
}

export function duplicateYAMLDetectedError(duplicatedYaml: string): string {
  return `Duplicate YAML Entity: ${duplicatedYaml} has been detected across one or more resources.  Only one specification per entity can be applied to the cluster; to ensure expected behavior, remove the duplicate specifications.`;
}

/** Candidate names in order of preference, starting with `minComponents` parts. */
export function potentialNames(m: EntityMeta, minComponents: number): string[] {
  // Kubernetes calls the empty group "core" in authorization attributes.
  const components = [m.name, m.kind, m.namespace, m.group || 'core'];
  const names: string[] = [];
  for (let i = minComponents - 1; i < components.length; i++) {
    names.push(selectorStringFromParts(components.slice(0, i + 1)).toLowerCase());
  }
  return names;
}

/**
 * The shortest name unique to each entity. Identical entities (k8s_yaml(allow_duplicates=True))
 * get their index appended to the longest form.
 */
export function uniqueNamesMeta(metas: readonly EntityMeta[], minComponents: number): string[] {
  const counts = new Map<string, number>();
  for (const m of metas) {
    for (const n of potentialNames(m, minComponents)) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return metas.map((m, i) => {
    const names = potentialNames(m, minComponents);
    const unique = names.find((n) => counts.get(n) === 1);
    return unique ?? `${names[names.length - 1] ?? ''}:${i}`;
  });
}

export function uniqueNames(entities: readonly K8sEntity[], minComponents: number): string[] {
  return uniqueNamesMeta(entities.map(entityMeta), minComponents);
}

/** Every fragment (foo, foo:secret, foo:secret:default, …) → the entities it names. */
export function fragmentsToEntities(entities: readonly K8sEntity[]): Map<string, K8sEntity[]> {
  const result = new Map<string, K8sEntity[]>();
  for (const e of entities) {
    for (const n of potentialNames(entityMeta(e), 1)) {
      const list = result.get(n);
      if (list === undefined) result.set(n, [e]);
      else list.push(e);
    }
  }
  return result;
}

/** `name:kind:namespace`, as error messages list objects (no group; see tiltfile_state.go). */
export function fullNameFromEntity(e: K8sEntity): string {
  const m = entityMeta(e);
  return selectorStringFromParts([m.name, m.kind, m.namespace]);
}

/** The K8sObjectID's string form given to workload_to_resource_function errors. */
export function objectIdString(m: EntityMeta): string {
  return `${m.name}:${m.kind}:${m.namespace}:${m.group}`.toLowerCase();
}
