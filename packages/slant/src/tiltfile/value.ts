// Argument converters and value types shared by all builtin groups (Tilt's tiltfile/value and
// io.Blob). Converters throw StarlarkError so unpackArgs prefixes `fn: for parameter p: `.
import type { CompareOp, Thread, Value } from '@slant/starlark';
import { goTypeName as k8sGoTypeName } from './builtins/k8s-args.ts';
import type { TiltfileRun } from './run.ts';
import {
  Dict,
  iterate,
  List,
  None,
  repr,
  StarlarkError,
  StarObject,
  Tuple,
  typeName,
} from '@slant/starlark';

/** Tilt's Blob: text read from a file or made by blob(); str() and repr() give the text. */
export class Blob extends StarObject {
  readonly text: string;
  /** Where the text came from (a path, or '' ), for messages. */
  readonly source: string;
  constructor(text: string, source = '') {
    super();
    this.text = text;
    this.source = source;
  }
  get type(): string {
    return 'blob';
  }
  override truth(): boolean {
    return this.text.length > 0;
  }
  override hash(): number {
    throw new StarlarkError('unhashable type: blob');
  }
  override repr(out: string[]): void {
    out.push(this.text);
  }
  /** Go compares Blob structs by value: equal text and source. */
  override compareSameType(op: CompareOp, y: Value): boolean {
    if (op !== '==' && op !== '!=') throw new StarlarkError(`blob ${op} blob not implemented`);
    const b = y as Blob;
    const eq = this.text === b.text && this.source === b.source;
    return op === '==' ? eq : !eq;
  }
}

/** value.AsString: a string, or the text of a Blob (an implicit stringer); else undefined. */
export function asString(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Blob) return v.text;
  return undefined;
}

/** value.Stringable. */
export function stringable(v: Value): string {
  const s = asString(v);
  if (s === undefined) {
    throw new StarlarkError(`Value should be convertible to string, but is type ${typeName(v)}`);
  }
  return s;
}

/** value.StringList: a list or tuple of strings (None = empty). */
export function stringList(v: Value): string[] {
  if (v === None) return [];
  if (!(v instanceof List) && !(v instanceof Tuple)) {
    throw new StarlarkError(
      `value should be a List or Tuple of strings, but is of type ${typeName(v)}`,
    );
  }
  return elements(v, 'value should contain only strings');
}

/** value.StringOrStringList: a string, or a list/tuple of strings (None = empty). */
export function stringOrStringList(v: Value): string[] {
  const s = asString(v);
  if (s !== undefined) return [s];
  if (v === None) return [];
  if (!(v instanceof List) && !(v instanceof Tuple)) {
    throw new StarlarkError(
      `value should be a string or List or Tuple of strings, but is of type ${typeName(v)}`,
    );
  }
  return elements(v, 'list should contain only strings');
}

function elements(v: Value, what: string): string[] {
  const out: string[] = [];
  const it = iterate(v);
  try {
    for (let x = it.next(); x !== undefined; x = it.next()) {
      const s = asString(x);
      if (s === undefined) {
        throw new StarlarkError(`${what}, but element ${repr(repr(x))} was of type ${typeName(x)}`);
      }
      out.push(s);
    }
  } finally {
    it.done();
  }
  return out;
}

/** Go's %T of a Starlark value, including Tilt's own value types. */
export function goTypeName(v: Value): string {
  if (v instanceof StarObject) {
    const t = TILT_GO_TYPES[v.type];
    if (t !== undefined) return t;
  }
  return k8sGoTypeName(v);
}

const TILT_GO_TYPES: Readonly<Record<string, string>> = {
  blob: 'io.Blob',
  environ: 'os.Environ',
  'git.Repo': '*git.Repo',
};

/** value.PathMaker: a value that stands for a directory (a git.Repo). */
export interface PathMaker {
  makeLocalPath(relPath: string): string;
}

function isPathMaker(v: Value): v is StarObject & PathMaker {
  return v instanceof StarObject && typeof (v as Partial<PathMaker>).makeLocalPath === 'function';
}

/** value.ValueToAbsPath: a string (not a Blob) as an absolute host path. */
export function valueToAbsPath(run: TiltfileRun, thread: Thread, v: Value): string {
  if (typeof v === 'string') return run.absPath(thread, v);
  if (isPathMaker(v)) return v.makeLocalPath('.');
  throw new StarlarkError(`expected path | string. Actual type: ${goTypeName(v)}`);
}

/** value.LocalPath: a converter to an absolute host path, relative to the executing file. */
export function localPath(run: TiltfileRun, thread: Thread): (v: Value) => string {
  return (v) => valueToAbsPath(run, thread, v);
}

/** value.LocalPathList: a path or a list/tuple of paths (None = empty). */
export function localPathList(run: TiltfileRun, thread: Thread): (v: Value) => string[] {
  return (v) => {
    if (asString(v) !== undefined) return [valueToAbsPath(run, thread, v)];
    if (v === None) return [];
    if (!(v instanceof List) && !(v instanceof Tuple)) {
      throw new StarlarkError(
        `value should be a string or List or Tuple of strings, but is of type ${typeName(v)}`,
      );
    }
    const out: string[] = [];
    for (const item of v.elems) {
      try {
        out.push(valueToAbsPath(run, thread, item));
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new StarlarkError(`unpacking list item at index ${out.length}: ${msg}`);
      }
    }
    return out;
  };
}

/** value.StringStringMap: a dict of strings (None = empty). */
export function stringStringMap(v: Value): Map<string, string> {
  const out = new Map<string, string>();
  if (v === None) return out;
  if (!(v instanceof Dict)) throw new StarlarkError(`expected dict, got ${goTypeName(v)}`);
  for (const { k, v: x } of v.ht.entries()) {
    const ks = asString(k);
    if (ks === undefined) {
      throw new StarlarkError(`key is not a string: ${goTypeName(k)} (${repr(k)})`);
    }
    const xs = asString(x);
    if (xs === undefined) {
      throw new StarlarkError(`value is not a string: ${goTypeName(x)} (${repr(x)})`);
    }
    out.set(ks, xs);
  }
  return out;
}
