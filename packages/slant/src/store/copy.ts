// Pure helpers for stored objects: freezing, JSON copies, and which parts a writer owns.
import type { ApiObject, ObjectMeta } from '@slant/api';

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A JSON copy: drops undefined fields so equality checks see what the HTTP API would. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Everything a writer declares outside metadata and status (spec, or data for ConfigMap). */
export function content(obj: ApiObject): Record<string, unknown> {
  const {
    metadata: _m,
    status: _s,
    kind: _k,
    apiVersion: _a,
    ...rest
  } = obj as ApiObject & {
    status?: unknown;
  };
  return rest;
}

/** The metadata fields a writer owns; the rest is assigned by the store. */
export function userMeta(m: ObjectMeta): Partial<ObjectMeta> {
  const out: Partial<ObjectMeta> = {};
  if (m.namespace !== undefined) out.namespace = m.namespace;
  if (m.labels !== undefined) out.labels = m.labels;
  if (m.annotations !== undefined) out.annotations = m.annotations;
  if (m.ownerReferences !== undefined) out.ownerReferences = m.ownerReferences;
  return out;
}

/** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
export function rfc3339(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
