// The four kinds of config settings (Tilt's config/string.go, bool.go, string_list.go,
// object.go): how each is set from a flag or from tilt_config.json, and its Starlark value.
import type { Value } from '@slant/starlark';
import { List, None, repr } from '@slant/starlark';
import type { ConfigValue } from '../state/config.ts';
import { JsFloat, plainToStarlark } from '../structured.ts';
import { starString } from '../run.ts';

/** Go's %T of a value decoded from JSON into interface{}. */
export function goJSONType(x: unknown): string {
  if (x === null || x === undefined) return '<nil>';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'number') return 'float64';
  if (typeof x === 'string') return 'string';
  if (Array.isArray(x)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** encoding/json into interface{}: every number is a float64. */
function floatsEverywhere(x: unknown): unknown {
  if (typeof x === 'number') return new JsFloat(x);
  if (Array.isArray(x)) return x.map(floatsEverywhere);
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, floatsEverywhere(v)]));
  }
  return x;
}

export function stringSetting(): ConfigValue {
  let value = '';
  let isSet = false;
  return {
    type: 'string',
    get isSet() {
      return isSet;
    },
    set(v) {
      if (isSet) {
        throw new Error(
          `string settings can only be specified once. multiple values found (last value: ${v})`,
        );
      }
      value = v;
      isSet = true;
    },
    setFromJSON(x) {
      if (x === null) return;
      if (typeof x !== 'string') throw new Error(`expected string, found ${goJSONType(x)}`);
      value = x;
      isSet = true;
    },
    starlark: () => starString(value),
  };
}

const GO_BOOLS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

export function boolSetting(): ConfigValue {
  let value = false;
  let isSet = false;
  return {
    type: 'bool',
    get isSet() {
      return isSet;
    },
    set(v) {
      if (isSet) {
        throw new Error(
          `bool settings can only be specified once. multiple values found (last value: ${v})`,
        );
      }
      const b = GO_BOOLS[v];
      if (b === undefined) {
        throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
      }
      value = b;
      isSet = true;
    },
    setFromJSON(x) {
      if (x === null) return;
      if (typeof x !== 'boolean') throw new Error(`expected bool, found ${goJSONType(x)}`);
      value = x;
      isSet = true;
    },
    starlark: () => value,
  };
}

export function stringListSetting(): ConfigValue {
  let values: string[] = [];
  let isSet = false;
  return {
    type: 'list[string]',
    get isSet() {
      return isSet;
    },
    set(v) {
      values.push(v);
      isSet = true;
    },
    setFromJSON(x) {
      if (x === null) {
        values = [];
        return;
      }
      if (!Array.isArray(x)) throw new Error('expected array');
      values = [];
      for (const e of x) {
        if (typeof e !== 'string') throw new Error(`expected string, got ${goJSONType(e)}`);
        values.push(e);
      }
      isSet = true;
    },
    starlark: () => new List(values.map(starString)),
  };
}

export function objectSetting(): ConfigValue {
  let value: Value = None;
  let isSet = false;
  return {
    type: 'object',
    get isSet() {
      return isSet;
    },
    set(str) {
      if (isSet) {
        throw new Error(
          `object settings can only be specified once. multiple values found (last value: ${repr(value)})`,
        );
      }
      let decoded: unknown;
      try {
        decoded = JSON.parse(str);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new Error(`decoding JSON, got ${JSON.stringify(str)}: ${msg}`);
      }
      value = plainToStarlark(floatsEverywhere(decoded));
      isSet = true;
    },
    setFromJSON(x) {
      if (x === null) return;
      value = plainToStarlark(floatsEverywhere(x));
      isSet = true;
    },
    starlark: () => value,
  };
}
