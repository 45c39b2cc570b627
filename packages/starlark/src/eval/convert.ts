// Converting between Starlark values and plain JS data, for host code (YAML/JSON bridges,
// Tiltfile builtins). Starlark strings are binary (UTF-8 bytes); JS strings are UTF-16 text.
import type { Value } from '../values/index.ts';
import {
  Bytes,
  Dict,
  decodeUtf8,
  encodeUtf8,
  Float,
  List,
  None,
  repr,
  StarObject,
  StarSet,
  Struct,
  Tuple,
} from '../values/index.ts';

export interface ToJSOptions {
  /** How dicts convert: plain objects (string keys only; the default) or Maps. */
  readonly dicts?: 'object' | 'map';
}

/**
 * A Starlark value as plain JS: None → null, int → number (bigint beyond 2^53), float → number,
 * string → decoded text, bytes → Uint8Array, list/tuple → array, dict → object or Map,
 * set → Set, struct → object. Other values (functions, host types) are returned unchanged.
 */
export function toJS(v: Value, opts: ToJSOptions = {}): unknown {
  switch (typeof v) {
    case 'string':
      return decodeUtf8(v);
    case 'number':
    case 'bigint':
    case 'boolean':
      return v;
  }
  if (v === None) return null;
  if (v instanceof Float) return v.v;
  if (v instanceof Bytes) return Uint8Array.from(Buffer.from(v.s, 'latin1'));
  if (v instanceof List || v instanceof Tuple) return v.elems.map((e) => toJS(e, opts));
  if (v instanceof Dict) {
    if (opts.dicts === 'map') {
      const m = new Map<unknown, unknown>();
      for (const e of v.ht.entries()) m.set(toJS(e.k, opts), toJS(e.v, opts));
      return m;
    }
    const o: Record<string, unknown> = {};
    for (const e of v.ht.entries()) {
      if (typeof e.k !== 'string')
        throw new TypeError(`toJS: dict key ${repr(e.k)} is not a string`);
      o[decodeUtf8(e.k)] = toJS(e.v, opts);
    }
    return o;
  }
  if (v instanceof StarSet) return new Set(v.ht.keys().map((e) => toJS(e, opts)));
  if (v instanceof Struct) {
    const o: Record<string, unknown> = {};
    v.names.forEach((name, i) => {
      o[decodeUtf8(name)] = toJS(v.vals[i] as Value, opts);
    });
    return o;
  }
  return v;
}

/**
 * Plain JS data as a Starlark value: null/undefined → None, integral number → int, other
 * number → float, bigint → int, string → string (UTF-8 encoded), Uint8Array → bytes,
 * array → list, Map / plain object → dict. StarObjects pass through.
 */
export function fromJS(x: unknown): Value {
  switch (typeof x) {
    case 'undefined':
      return None;
    case 'boolean':
      return x;
    case 'string':
      return encodeUtf8(x);
    case 'number':
      return Number.isSafeInteger(x) ? x + 0 : new Float(x);
    case 'bigint':
      return x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(x)
        : x;
    case 'object': {
      if (x === null) return None;
      if (x instanceof StarObject) return x;
      if (x instanceof Uint8Array) return new Bytes(Buffer.from(x).toString('latin1'));
      if (Array.isArray(x)) return new List(x.map(fromJS));
      const d = new Dict();
      if (x instanceof Map) {
        for (const [k, v] of x) d.set(fromJS(k), fromJS(v));
      } else {
        for (const [k, v] of Object.entries(x)) d.set(encodeUtf8(k), fromJS(v));
      }
      return d;
    }
    default:
      throw new TypeError(`fromJS: cannot convert a ${typeof x}`);
  }
}
