// The shape of Tilt's generated v1alpha1 helper types: a helper builtin (ui_text_input_spec, ...)
// returns a frozen dict of the arguments given, and object builtins unpack such dicts (or plain
// dicts with the same snake_case keys) into API fields, with the generated code's error texts.
import type { ObjectMeta } from '@slant/api';
import type { Value } from '@slant/starlark';
import { conv, Dict, List, None, StarlarkError, typeName, unpackArgs } from '@slant/starlark';
import type { TiltBuiltin } from '../registry.ts';
import { hostString } from '../run.ts';
import { stringList, stringStringMap, valueToAbsPath } from '../value.ts';

export type FieldKind =
  | 'string'
  | 'bool'
  | 'int32'
  | 'stringList'
  | 'stringMap'
  | 'localPath'
  | Schema
  | { readonly list: Schema };

/** Resolves a path value relative to the Tiltfile being executed (value.LocalPath). */
export type PathResolver = (v: Value) => string;

const NO_PATHS: PathResolver = () => {
  throw new Error('internal error: no path resolver');
};

/** snake_case Starlark key → [camelCase API field, kind]. */
export interface Schema {
  readonly fields: Readonly<Record<string, readonly [string, FieldKind]>>;
}

function unpackField(kind: FieldKind, key: string, val: Value, paths: PathResolver): unknown {
  if (kind === 'string') {
    if (typeof val !== 'string') throw new Error(`Expected string, actual: ${typeName(val)}`);
    return hostString(val);
  }
  if (kind === 'bool') {
    if (typeof val !== 'boolean') throw new Error(`Expected bool, got: ${typeName(val)}`);
    return val;
  }
  if (kind === 'int32') {
    // starlark.AsInt32's own error, wrapped.
    if (typeof val !== 'number' && typeof val !== 'bigint') {
      throw new Error(`Expected int, got: got ${typeName(val)}, want int`);
    }
    if (val < -(2 ** 31) || val > 2 ** 31 - 1)
      throw new Error(`Expected int, got: ${val} out of range`);
    return Number(val);
  }
  try {
    if (kind === 'stringList') return stringList(val).map(hostString);
    if (kind === 'stringMap') {
      return Object.fromEntries(
        [...stringStringMap(val)].map(([k, x]) => [hostString(k), hostString(x)]),
      );
    }
    if (kind === 'localPath') return paths(val);
    if ('list' in kind) return unpackList(kind.list, val, paths);
    return unpackSchema(kind, val, paths);
  } catch (e) {
    throw new Error(`unpacking ${key}: ${(e as Error).message}`);
  }
}

/** A dict (or helper value) → the API object; Tilt's generated Unpack. */
export function unpackSchema(
  schema: Schema,
  v: Value,
  paths: PathResolver = NO_PATHS,
): Record<string, unknown> {
  if (!(v instanceof Dict)) throw new Error(`expected dict, actual: ${typeName(v)}`);
  const out: Record<string, unknown> = {};
  for (const { k, v: val } of v.ht.entries()) {
    if (typeof k !== 'string') throw new Error(`key must be string. Got: ${typeName(k)}`);
    const key = hostString(k);
    const field = schema.fields[key];
    if (field === undefined) throw new Error(`Unexpected attribute name: ${key}`);
    out[field[0]] = unpackField(field[1], key, val, paths);
  }
  v.freeze();
  return out;
}

export function unpackList(
  schema: Schema,
  v: Value,
  paths: PathResolver = NO_PATHS,
): Record<string, unknown>[] {
  if (!(v instanceof List)) throw new Error(`expected list, actual: ${typeName(v)}`);
  const out = v.elems.map((item, i) => {
    try {
      return unpackSchema(schema, item, paths);
    } catch (e) {
      throw new Error(`at index ${i}: ${(e as Error).message}`);
    }
  });
  v.freeze();
  return out;
}

/** A converter for unpackArgs: errors become StarlarkErrors (unpackArgs adds the prefix). */
export function schemaConv(
  schema: Schema,
  paths?: PathResolver,
): (v: Value) => Record<string, unknown> {
  return (v) => {
    try {
      return unpackSchema(schema, v, paths);
    } catch (e) {
      throw new StarlarkError((e as Error).message);
    }
  };
}

export function schemaListConv(
  schema: Schema,
  paths?: PathResolver,
): (v: Value) => Record<string, unknown>[] {
  return (v) => {
    try {
      return unpackList(schema, v, paths);
    } catch (e) {
      throw new StarlarkError((e as Error).message);
    }
  };
}

/**
 * The helper builtin of a schema (e.g. `v1alpha1.ui_text_input_spec`): every parameter optional,
 * the given ones (None included, as in Tilt) put in a dict that must unpack. `keys` are the
 * parameters when they differ from the schema's fields (Tilt's start_on_spec takes start_after but
 * its Unpack rejects it).
 */
export function helperBuiltin(
  name: string,
  schema: Schema,
  keys: readonly string[] = Object.keys(schema.fields),
): TiltBuiltin {
  return {
    name,
    fn: (run, thread, args, kwargs) => {
      const params = keys.map((k) => [`${k}?`, conv.value] as const);
      const vals = unpackArgs(name, args, kwargs, ...params) as (Value | undefined)[];
      const d = new Dict();
      keys.forEach((k, i) => {
        const v = vals[i];
        if (v !== undefined) d.set(k, v);
      });
      try {
        unpackSchema(schema, d, (v) => valueToAbsPath(run, thread, v));
      } catch (e) {
        throw new StarlarkError((e as Error).message);
      }
      return d;
    },
  };
}

/** Drops undefined and None-like absent fields so objects serialize as Tilt's JSON. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === None) delete o[k];
  return o;
}

/** The metadata of an object a v1alpha1.* builtin declares (empty maps are left out). */
export function objectMeta(
  name: string,
  labels?: Map<string, string>,
  annotations?: Map<string, string>,
): ObjectMeta {
  const m: ObjectMeta = { name: hostString(name) };
  const rec = (x: Map<string, string>) =>
    Object.fromEntries([...x].map(([k, v]) => [hostString(k), hostString(v)]));
  if (labels !== undefined && labels.size > 0) m.labels = rec(labels);
  if (annotations !== undefined && annotations.size > 0) m.annotations = rec(annotations);
  return m;
}
