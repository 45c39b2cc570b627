// Apply order (Tilt's use of Kustomize's kind ordering): namespaces and CRDs before what lives in
// them, Services before workloads; unknown kinds keep their order, after the known ones.
import { entityKind, type K8sEntity, objectAddress, objectAddressKey } from './entity.ts';

const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'ConfigMap',
  'Secret',
  'Service',
  'LimitRange',
  'PriorityClass',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];

/** Negative for the listed kinds, in list order; 0 for every other kind. */
export function typeOrder(kind: string): number {
  const i = ORDER_FIRST.indexOf(kind);
  return i < 0 ? 0 : i - ORDER_FIRST.length;
}

/** Entities in apply order; stable, so equal kinds keep their input order. */
export function sortedEntities(entities: readonly K8sEntity[]): K8sEntity[] {
  return entities
    .map((e, i) => ({ e, i, order: typeOrder(entityKind(e)) }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .map((x) => x.e);
}

/** Entities in delete order: the apply order reversed. */
export function reverseSortedEntities(entities: readonly K8sEntity[]): K8sEntity[] {
  return sortedEntities(entities).reverse();
}

/**
 * Splits sorted entities into batches that can be applied in parallel: a batch holds one kind
 * order and never the same object twice.
 */
export function toParallelizableBatches(sorted: readonly K8sEntity[]): K8sEntity[][] {
  const batches: K8sEntity[][] = [];
  let batch: K8sEntity[] = [];
  let ids = new Set<string>();
  sorted.forEach((e, i) => {
    const id = objectAddressKey(objectAddress(e));
    const prev = sorted[i - 1];
    const sameOrder =
      prev === undefined || typeOrder(entityKind(prev)) === typeOrder(entityKind(e));
    if (sameOrder && !ids.has(id)) {
      batch.push(e);
      ids.add(id);
    } else {
      batches.push(batch);
      batch = [e];
      ids = new Set([id]);
    }
  });
  if (batch.length > 0) batches.push(batch);
  return batches;
}
