// JSON merge patches computed on the client, as kubectl computes them for kinds it has no Go
// type for (every tilt.dev kind): `apply`'s three-way patch (last-applied, file, live object)
// and `edit`'s two-way patch. Lists are replaced whole; null deletes a key.
import { isDeepStrictEqual } from 'node:util';
import { applyMergePatch } from '../store/http/merge-patch.ts';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON type as Go's decoder sees it: a different type replaces the value whole. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * The merge patch that turns `from` into `to`: changed and added keys with their new values
 * (nested objects diffed key by key), removed keys as null.
 */
export function createMergePatch(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [key, value] of Object.entries(to)) {
    if (!Object.hasOwn(from, key)) {
      patch[key] = value;
      continue;
    }
    const old = from[key];
    if (jsonType(old) !== jsonType(value)) patch[key] = value;
    else if (isJsonObject(old) && isJsonObject(value)) {
      const sub = createMergePatch(old, value);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!isDeepStrictEqual(old, value)) patch[key] = value;
  }
  for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) patch[key] = null;
  return patch;
}

/**
 * Keeps only the deletions (`keepNull`) or only the additions and changes of a patch. A nested
 * object left empty by the filter drops out; an empty object that is itself the new value stays
 * as an addition.
 */
function filterNulls(patch: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (keepNull) out[key] = null;
    } else if (isJsonObject(value)) {
      if (Object.keys(value).length === 0) {
        if (!keepNull) out[key] = value;
        continue;
      }
      const sub = filterNulls(value, keepNull);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!keepNull) out[key] = value;
  }
  return out;
}

/**
 * kubectl apply's patch: what the file (`modified`) adds or changes relative to the live object
 * (`current`), plus the deletion of what the last applied configuration (`original`) had and the
 * file no longer has. Fields only the live object has (set by others) are left alone.
 *
 * kubectl also checks the two halves for conflicts; they cannot conflict here, since a key the
 * deletions remove is absent from `modified` and so never among the additions.
 */
export function threeWayMergePatch(
  original: JsonObject,
  modified: JsonObject,
  current: JsonObject,
): JsonObject {
  const additions = filterNulls(createMergePatch(current, modified), false);
  const deletions = filterNulls(createMergePatch(original, modified), true);
  return applyMergePatch(deletions, additions) as JsonObject;
}

/** The keys kubectl refuses to patch: a changed one means the file names another object. */
export function changesIdentity(patch: JsonObject): boolean {
  const meta = patch.metadata;
  return (
    Object.hasOwn(patch, 'apiVersion') ||
    Object.hasOwn(patch, 'kind') ||
    (isJsonObject(meta) && Object.hasOwn(meta, 'name'))
  );
}
