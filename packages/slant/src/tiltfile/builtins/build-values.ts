// Argument converters of the build, local and compose builtins, with the messages of Tilt's
// value package (StringStringMap, StringOrStringList, Stringable, LocalPath(List), ImageList,
// Optional, parseValuesToStrings). Results are decoded text; paths are absolute.
import {
  Dict,
  List,
  None,
  repr,
  type StarObject,
  type Thread,
  Tuple,
  typeName,
  type Value,
} from '@slant/starlark';
import { type ImageRef, parseNormalizedNamed } from '../../container/ref.ts';
import type { TiltfileRun } from '../run.ts';
import { fromStarString, goQuote, starError } from '../text.ts';
import { asString } from '../value.ts';
import { goTypeName, isSequence, valueOrSequenceToSlice } from './k8s-args.ts';

export { asString };

/** value.StringStringMap: None → empty; a dict of strings → Map (decoded). */
export function stringStringMapConv(v: Value): Map<string, string> {
  const out = new Map<string, string>();
  if (v === None) return out;
  if (!(v instanceof Dict)) throw starError(`expected dict, got ${goTypeName(v)}`);
  for (const { k, v: val } of v.ht.entries()) {
    const ks = asString(k);
    if (ks === undefined) {
      throw starError(`key is not a string: ${goTypeName(k)} (${fromStarString(repr(k))})`);
    }
    const vs = asString(val);
    if (vs === undefined) {
      throw starError(`value is not a string: ${goTypeName(val)} (${fromStarString(repr(val))})`);
    }
    out.set(fromStarString(ks), fromStarString(vs));
  }
  return out;
}

export interface StringOrStringList {
  readonly values: string[];
  readonly isSet: boolean;
}

/** value.StringOrStringList: a string, or a list/tuple of strings; None is unset. */
export function stringOrStringListConv(v: Value): StringOrStringList {
  const s = asString(v);
  if (s !== undefined) return { values: [fromStarString(s)], isSet: true };
  if (v === None) return { values: [], isSet: false };
  if (!(v instanceof List || v instanceof Tuple)) {
    throw starError(
      `value should be a string or List or Tuple of strings, but is of type ${typeName(v)}`,
    );
  }
  const values: string[] = [];
  for (const item of v.elems) {
    const is = asString(item);
    if (is === undefined) {
      throw starError(
        `list should contain only strings, but element ${goQuote(fromStarString(repr(item)))} was of type ${typeName(item)}`,
      );
    }
    values.push(fromStarString(is));
  }
  return { values, isSet: true };
}

/** value.Stringable: anything with a string form (string or Blob). */
export function stringableConv(v: Value): string {
  const s = asString(v);
  if (s === undefined) {
    throw starError(`Value should be convertible to string, but is type ${typeName(v)}`);
  }
  return fromStarString(s);
}

/** value.ValueToAbsPath. */
export function valueToAbsPath(run: TiltfileRun, thread: Thread, v: Value): string {
  if (typeof v === 'string') return run.absPath(thread, v);
  throw starError(`expected path | string. Actual type: ${goTypeName(v)}`);
}

/** value.LocalPath unpacker: an absolute path. */
export function localPathConv(run: TiltfileRun, thread: Thread): (v: Value) => string {
  return (v) => valueToAbsPath(run, thread, v);
}

/** value.LocalPathList unpacker: a path or a list/tuple of paths; None is empty. */
export function localPathListConv(run: TiltfileRun, thread: Thread): (v: Value) => string[] {
  return (v) => {
    if (asString(v) !== undefined) return [valueToAbsPath(run, thread, v)];
    if (v === None) return [];
    if (!(v instanceof List || v instanceof Tuple)) {
      throw starError(
        `value should be a string or List or Tuple of strings, but is of type ${typeName(v)}`,
      );
    }
    return v.elems.map((item, i) => {
      try {
        return valueToAbsPath(run, thread, item);
      } catch (err) {
        throw starError(
          `unpacking list item at index ${i}: ${fromStarString((err as Error).message)}`,
        );
      }
    });
  };
}

/** value.ImageList: a list/tuple of image refs. */
export function imageListConv(v: Value): ImageRef[] {
  if (v === None) return [];
  if (!(v instanceof List || v instanceof Tuple)) {
    throw starError(`value should be a List or Tuple of strings, but is of type ${typeName(v)}`);
  }
  return v.elems.map((item) => {
    const s = asString(item);
    if (s === undefined) {
      throw starError(
        `value should contain only strings, but element ${goQuote(fromStarString(repr(item)))} was of type ${typeName(item)}`,
      );
    }
    try {
      return parseNormalizedNamed(fromStarString(s));
    } catch (err) {
      throw starError(`must be a valid image reference: ${(err as Error).message}`);
    }
  });
}

/** value.Optional[starlark.Bool]: None is unset. */
export function optionalBoolConv(v: Value): boolean | undefined {
  if (v === None) return undefined;
  if (typeof v === 'boolean') return v;
  throw starError(`expected starlark.Bool or None, got ${goTypeName(v)}`);
}

/**
 * A Go `starlark.Sequence` parameter: anything iterable with a length (list, tuple, dict, set,
 * range); anything else, None too, is starlark-go's type error.
 */
export function goSequenceConv(v: Value): StarObject {
  if (isSequence(v)) return v;
  throw starError(`got ${typeName(v)}, want starlark.Sequence`);
}

/** value.SequenceToStringSlice with its message. */
export function sequenceToStrings(seq: StarObject | undefined): string[] {
  if (seq === undefined) return [];
  return valueOrSequenceToSlice(seq).map((x) => {
    if (typeof x !== 'string') {
      throw starError(`'${fromStarString(repr(x))}' is a ${goTypeName(x)}, not a string`);
    }
    return fromStarString(x);
  });
}

/** parseValuesToStrings (ignore=, only=): strings without newlines. */
export function parseValuesToStrings(v: Value | undefined, param: string): string[] {
  const out: string[] = [];
  for (const x of valueOrSequenceToSlice(v)) {
    if (typeof x !== 'string') {
      throw starError(
        `${param} must be a string or a sequence of strings; found a ${goTypeName(x)}`,
      );
    }
    const s = fromStarString(x);
    if (s.includes('\n')) {
      throw starError(`${param} cannot contain newlines; found ${param}: ${goQuote(s)}`);
    }
    out.push(s);
  }
  return out;
}
