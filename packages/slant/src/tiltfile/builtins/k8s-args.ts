// Converters for k8s builtin arguments, with Tilt's messages (internal/tiltfile/value and
// internal/tiltfile/k8s unpackers). Pure: they throw StarlarkError, which unpackArgs prefixes
// with `<fn>: for parameter <name>: `.
import {
  Dict,
  iterate,
  List,
  None,
  repr,
  StarlarkError,
  StarObject,
  str,
  Tuple,
  typeName,
  type Value,
} from '@slant/starlark';
import type { PodReadinessMode } from '../../k8s/group.ts';

/** Go's `%T` of a starlark-go value, which some Tilt messages print. */
export function goTypeName(v: Value): string {
  switch (typeName(v)) {
    case 'string':
      return 'starlark.String';
    case 'int':
      return 'starlark.Int';
    case 'float':
      return 'starlark.Float';
    case 'bool':
      return 'starlark.Bool';
    case 'NoneType':
      return 'starlark.NoneType';
    case 'bytes':
      return 'starlark.Bytes';
    case 'list':
      return '*starlark.List';
    case 'dict':
      return '*starlark.Dict';
    case 'set':
      return '*starlark.Set';
    case 'tuple':
      return 'starlark.Tuple';
    case 'function':
      return '*starlark.Function';
    case 'builtin_function_or_method':
      return '*starlark.Builtin';
    case 'struct':
      return '*starlarkstruct.Struct';
    case 'module':
      return '*starlarkstruct.Module';
    case 'range':
      return 'starlark.rangeValue';
    default:
      return typeName(v);
  }
}

/** starlark.Sequence: iterable with a length (list, tuple, dict, set, range). */
export function isSequence(v: Value): v is StarObject {
  return v instanceof StarObject && v.len() >= 0 && v.iterate !== StarObject.prototype.iterate;
}

/** Tilt's value.ValueOrSequenceToSlice: None → [], a sequence → its items, else [v]. */
export function valueOrSequenceToSlice(v: Value | undefined): Value[] {
  if (v === undefined || v === None) return [];
  if (v instanceof List || v instanceof Tuple) return [...v.elems];
  if (isSequence(v)) {
    const out: Value[] = [];
    const it = iterate(v);
    try {
      for (let x = it.next(); x !== undefined; x = it.next()) out.push(x);
    } finally {
      it.done();
    }
    return out;
  }
  return [v];
}

/** value.SequenceToStringSlice: a list/tuple of strings. */
export function stringsFromSequence(v: Value | undefined): string[] {
  if (v === undefined) return [];
  const out: string[] = [];
  for (const x of valueOrSequenceToSlice(v)) {
    if (typeof x !== 'string')
      throw new StarlarkError(`'${str(x)}' is a ${goTypeName(x)}, not a string`);
    out.push(x);
  }
  return out;
}

/** A starlark.Sequence parameter; the message names the Go type, as starlark-go does for interfaces. */
export function sequenceConv(v: Value): Value {
  if (isSequence(v)) return v;
  throw new StarlarkError(`got ${typeName(v)}, want starlark.Sequence`);
}

/** value.Name: any string that is a valid path segment. */
export function nameConv(v: Value): string {
  if (typeof v !== 'string') {
    throw new StarlarkError(`Value should be convertible to string, but is type ${typeName(v)}`);
  }
  const errs = pathSegmentNameErrors(v);
  if (errs[0] !== undefined) throw new StarlarkError(`invalid value ${repr(v)}: ${errs[0]}`);
  return v;
}

export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

const POD_READINESS_MODES: readonly PodReadinessMode[] = ['ignore', 'wait', 'succeeded', ''];

export function podReadinessConv(v: Value): PodReadinessMode {
  if (typeof v !== 'string') throw new StarlarkError(`Must be a string. Got: ${typeName(v)}`);
  const mode = POD_READINESS_MODES.find((m) => m === v);
  if (mode === undefined) {
    throw new StarlarkError(`Invalid value. Allowed: {ignore, wait}. Got: ${v}`);
  }
  return mode;
}

export type DiscoveryStrategy = '' | 'default' | 'selectors-only';

export function discoveryStrategyConv(v: Value): DiscoveryStrategy {
  if (typeof v !== 'string') throw new StarlarkError(`Must be a string. Got: ${typeName(v)}`);
  if (v === '' || v === 'default' || v === 'selectors-only') return v;
  throw new StarlarkError(`Invalid. Must be one of: "default", "selectors-only"`);
}

const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_SUBDOMAIN_FMT = `${DNS_LABEL}(\\.${DNS_LABEL})*`;
const DNS_SUBDOMAIN_RE = new RegExp(`^${DNS_SUBDOMAIN_FMT}$`);
const DNS_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** Kubernetes' IsQualifiedName (label key) messages. */
export function labelKeyErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 bytes');
      if (!DNS_SUBDOMAIN_RE.test(prefix)) {
        errs.push(`prefix part ${regexError(DNS_SUBDOMAIN_MSG, DNS_SUBDOMAIN_FMT, 'example.com')}`);
      }
    }
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 bytes');
  if (!LABEL_KEY_RE.test(name)) {
    errs.push(
      `name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return errs;
}

export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 bytes');
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

function labelValue(v: Value): string {
  if (typeof v !== 'string') {
    throw new StarlarkError(`Value should be convertible to string, but is type ${typeName(v)}`);
  }
  for (const errs of [labelKeyErrors(v), labelValueErrors(v)]) {
    if (errs.length > 0) throw new StarlarkError(`Invalid label ${repr(v)}: ${errs.join(', ')}`);
  }
  if (v.includes('/')) throw new StarlarkError(`Invalid label ${repr(v)}: cannot contain /`);
  return v;
}

/** value.LabelSet: a label or a list/tuple of labels; each becomes `label: label`. */
export function labelsConv(v: Value): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v === 'string') {
    const l = labelValue(v);
    out[l] = l;
    return out;
  }
  if (v === None) return out;
  if (!(v instanceof List || v instanceof Tuple)) {
    throw new StarlarkError(
      `value should be a label or List or Tuple of labels, but is of type ${typeName(v)}`,
    );
  }
  for (const item of v.elems) {
    const l = labelValue(item);
    out[l] = l;
  }
  return out;
}

function labelSetFromDict(d: Dict): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let n = 0;
  for (const { k, v: val } of d.ht.entries()) {
    if (typeof k !== 'string') {
      throw new StarlarkError(
        `pod label keys must be strings; got '${str(k)}' of type ${goTypeName(k)}`,
      );
    }
    if (typeof val !== 'string') {
      throw new StarlarkError(
        `pod label values must be strings; got '${str(val)}' of type ${goTypeName(val)}`,
      );
    }
    out[k] = val;
    n++;
  }
  return n > 0 ? out : undefined;
}

/** extra_pod_selectors: a dict or a list of dicts of strings; empty dicts are dropped. */
export function podSelectorsFromValue(v: Value | undefined): Record<string, string>[] {
  if (v === undefined) return [];
  if (v instanceof Dict) {
    const s = labelSetFromDict(v);
    return s === undefined ? [] : [s];
  }
  if (v instanceof List) {
    const out: Record<string, string>[] = [];
    for (const item of v.elems) {
      if (!(item instanceof Dict)) {
        throw new StarlarkError(`pod labels elements must be dicts; got ${goTypeName(item)}`);
      }
      const s = labelSetFromDict(item);
      if (s !== undefined) out.push(s);
    }
    return out;
  }
  throw new StarlarkError(`pod labels must be a dict or a list; got ${goTypeName(v)}`);
}
