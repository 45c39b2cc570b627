// Declaring API objects from the Tiltfile (Tilt's v1alpha1 plugin register / apiset.ObjectSet).
import type { ApiObject, Kind } from '@slant/api';
import { KIND_PLURALS } from '@slant/api';
import type { ObjectsState } from './state/objects.ts';

export const ANNOTATION_MANAGED_BY = 'tilt.dev/managed-by';

export function typedSet(state: ObjectsState, kind: Kind): Map<string, ApiObject> {
  let set = state.sets.get(kind);
  if (set === undefined) {
    set = new Map();
    state.sets.set(kind, set);
  }
  return set;
}

/** Structural equality of plain JSON-like data (apicmp.DeepEqual for declared objects). */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * Adds obj to the set. Declaring the same object twice is fine; a different object with the same
 * name fails as in Tilt (`extensionrepos "x" already registered`). An object registered by the
 * loader (managed-by annotation) may be replaced by the Tiltfile's own declaration.
 */
export function registerObject(state: ObjectsState, obj: ApiObject): void {
  const set = typedSet(state, obj.kind);
  const name = obj.metadata.name;
  const existing = set.get(name);
  if (existing !== undefined) {
    const ann = existing.metadata.annotations;
    if (ann !== undefined) {
      delete ann[ANNOTATION_MANAGED_BY];
      if (Object.keys(ann).length === 0) delete existing.metadata.annotations;
    }
    if (!deepEqual(obj, existing)) {
      throw new Error(`${KIND_PLURALS[obj.kind]} ${JSON.stringify(name)} already registered`);
    }
  }
  set.set(name, obj);
}

/** All declared objects, kinds in first-declared order, names in declaration order. */
export function declaredObjects(state: ObjectsState): ApiObject[] {
  return [...state.sets.values()].flatMap((s) => [...s.values()]);
}
