// The objects k8s_yaml() registered, in order, with duplicate detection (Tilt's
// tiltfile/k8s/state.go). The Tiltfile layer keeps one per load and passes its stack traces.
import { type K8sEntity, objectAddress, objectAddressKey } from './entity.ts';

interface Registered {
  entity: K8sEntity;
  stackTrace: string;
}

export interface ObjectIndex {
  readonly order: string[];
  readonly byAddress: Map<string, Registered>;
}

export function newObjectIndex(): ObjectIndex {
  return { order: [], byAddress: new Map() };
}

export function duplicateYAMLError(id: string, stackTrace: string): Error {
  const indented = stackTrace.split('\n').join('\n  ');
  return new Error(
    `Duplicate YAML: ${id}\nIgnore this error with k8s_yaml(..., allow_duplicates=True)\nYAML originally registered at: ${indented}`,
  );
}

/**
 * Registers entities; a second object with the same apiVersion, kind, namespace and name is an
 * error unless duplicates are allowed, in which case the later one replaces it in place.
 */
export function appendObjects(
  index: ObjectIndex,
  entities: readonly K8sEntity[],
  stackTrace: string,
  allowDuplicates: boolean,
): void {
  for (const entity of entities) {
    const address = objectAddress(entity);
    const key = objectAddressKey(address);
    const old = index.byAddress.get(key);
    if (old !== undefined && !allowDuplicates) {
      const id =
        address.namespace === ''
          ? `${address.kind} ${address.name}`
          : `${address.kind} ${address.name} (Namespace: ${address.namespace})`;
      throw duplicateYAMLError(id, old.stackTrace);
    }
    if (old === undefined) index.order.push(key);
    index.byAddress.set(key, { entity, stackTrace });
  }
}

export function indexedEntities(index: ObjectIndex): K8sEntity[] {
  return index.order.flatMap((key) => {
    const r = index.byAddress.get(key);
    return r === undefined ? [] : [r.entity];
  });
}
