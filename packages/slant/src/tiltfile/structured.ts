// Starlark values ⇄ plain data (Tilt's encoding/starlark.go), for the JSON and YAML builtins.
// Plain data: null, boolean, string (host form), number (an integer) or bigint, JsFloat, arrays
// and objects. Keys keep the order of the document.
import type { Value } from '@slant/starlark';
import {
  Dict,
  Float,
  List,
  None,
  StarlarkError,
  decodeUtf8,
  encodeUtf8,
  repr,
} from '@slant/starlark';
import { goTypeName } from './value.ts';

/** A number that must stay a float (Go's float64 / a JSON number written with a '.'). */
export class JsFloat {
  readonly v: number;
  constructor(v: number) {
    this.v = v;
  }
}

export type Plain =
  | null
  | boolean
  | string
  | number
  | bigint
  | JsFloat
  | Plain[]
  | { [k: string]: Plain };

/** ConvertStructuredDataToStarlark. A JS number is an int when integral, else a float. */
export function plainToStarlark(x: unknown): Value {
  if (x === null || x === undefined) return None;
  if (typeof x === 'boolean') return x;
  if (typeof x === 'string') return encodeUtf8(x);
  if (typeof x === 'bigint') return x >= -(2n ** 53n) && x <= 2n ** 53n ? Number(x) : x;
  if (typeof x === 'number') return Number.isInteger(x) ? (Object.is(x, -0) ? 0 : x) : new Float(x);
  if (x instanceof JsFloat) return new Float(x.v);
  if (Array.isArray(x)) return new List(x.map(plainToStarlark));
  if (typeof x === 'object') {
    const d = new Dict();
    for (const [k, v] of Object.entries(x)) d.set(encodeUtf8(k), plainToStarlark(v));
    return d;
  }
  throw new StarlarkError(`Unable to convert to starlark value, unexpected type ${typeof x}`);
}

/** Go %T of the plain value converted from a dict key, for the "only string keys" error. */
function goPlainType(x: Plain): string {
  if (x === null) return '<nil>';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'number' || typeof x === 'bigint') return 'int64';
  if (x instanceof JsFloat) return 'float64';
  if (Array.isArray(x)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** convertStarlarkToStructuredData: bool, string, int, float, list, dict, None. */
export function starlarkToPlain(v: Value): Plain {
  if (v === None) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return decodeUtf8(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return BigInt.asIntN(64, v);
  if (v instanceof Float) return new JsFloat(v.v);
  if (v instanceof List) return v.elems.map(starlarkToPlain);
  if (v instanceof Dict) {
    const out: { [k: string]: Plain } = {};
    for (const { k, v: x } of v.ht.entries()) {
      const kk = starlarkToPlain(k);
      if (typeof kk !== 'string') {
        throw new StarlarkError(
          `only string keys are supported in maps. found key '${repr(k)}' of type ${goPlainType(kk)}`,
        );
      }
      out[kk] = starlarkToPlain(x);
    }
    return out;
  }
  throw new StarlarkError(
    `unable to convert from starlark value, unsupported type ${goTypeName(v)}`,
  );
}

/** Plain data as JS for a serializer: floats become numbers, keys sorted as Go's maps are. */
export function plainToJS(x: Plain): unknown {
  if (x instanceof JsFloat) return x.v;
  if (Array.isArray(x)) return x.map(plainToJS);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) out[k] = plainToJS(x[k] as Plain);
    return out;
  }
  return x;
}

/** Go's json.Encoder with SetIndent("", "  "): sorted keys, HTML-safe escapes, final newline. */
export function goJSONIndent(x: Plain): string {
  return `${goJSONValue(x, '')}\n`;
}

function goJSONValue(x: Plain, indent: string): string {
  if (x === null) return 'null';
  if (typeof x === 'boolean' || typeof x === 'number' || typeof x === 'bigint') return String(x);
  if (x instanceof JsFloat) return String(x.v);
  if (typeof x === 'string') return goJSONString(x);
  const inner = `${indent}  `;
  if (Array.isArray(x)) {
    if (x.length === 0) return '[]';
    return `[\n${x.map((e) => inner + goJSONValue(e, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(x).sort();
  if (keys.length === 0) return '{}';
  const fields = keys.map(
    (k) => `${inner}${goJSONString(k)}: ${goJSONValue(x[k] as Plain, inner)}`,
  );
  return `{\n${fields.join(',\n')}\n${indent}}`;
}

/** encoding/json's string escaping (HTMLEscape on, as json.Encoder's default). */
export function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}
