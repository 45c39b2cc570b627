// Argument unpacking for builtins: starlark-go's UnpackArgs / UnpackPositionalArgs, with the
// same `x?` (optional) and `x??` (optional, None means absent) markers and the same messages.
import { StarlarkError } from '../errors.ts';
import { nearest } from '../spell.ts';
import { typeName } from '../values/compare.ts';
import { Dict } from '../values/dict.ts';
import { List } from '../values/list.ts';
import { StarObject } from '../values/object.ts';
import type { Value } from '../values/object.ts';
import { Float, None } from '../values/primitives.ts';
import { quote } from '../values/quote.ts';
import type { Kwargs } from '../values/thread.ts';

/** Converts an argument, throwing StarlarkError("got T, want U") when it does not fit. */
export type Conv<T> = (v: Value) => T;

const MAX_I64 = 2n ** 63n - 1n;
const MIN_I64 = -(2n ** 63n);

/** The standard converters (starlark-go's pointer types). */
export const P = {
  value: (v: Value): Value => v,
  string: (v: Value): string => {
    if (typeof v !== 'string') throw want(v, 'string');
    return v;
  },
  bool: (v: Value): boolean => {
    if (typeof v !== 'boolean') throw want(v, 'bool');
    return v;
  },
  /** Go int (64-bit), as a JS number (precision beyond 2^53 is not kept). */
  int: (v: Value): number => {
    if (typeof v === 'number') return v;
    if (typeof v !== 'bigint') throw want(v, 'int');
    if (v < MIN_I64 || v > MAX_I64) {
      throw new StarlarkError(`${v} out of range (want value in signed 64-bit range)`);
    }
    return Number(v);
  },
  /** Any Starlark int, exactly. */
  bigint: (v: Value): number | bigint => {
    if (typeof v !== 'number' && typeof v !== 'bigint') throw want(v, 'int');
    return v;
  },
  float: (v: Value): number => {
    if (!(v instanceof Float)) throw want(v, 'float');
    return v.v;
  },
  list: (v: Value): List => {
    if (!(v instanceof List)) throw want(v, 'list');
    return v;
  },
  dict: (v: Value): Dict => {
    if (!(v instanceof Dict)) throw want(v, 'dict');
    return v;
  },
  callable: (v: Value): StarObject => {
    if (!(v instanceof StarObject) || !v.callable) throw want(v, 'callable');
    return v;
  },
  iterable: (v: Value): StarObject => {
    if (!(v instanceof StarObject) || v.iterate === StarObject.prototype.iterate) {
      throw want(v, 'iterable');
    }
    return v;
  },
} as const;

/** A converter accepting instances of cls, named typeName in messages. */
export function ofType<T extends StarObject>(
  cls: abstract new (...a: never[]) => T,
  name: string,
): Conv<T> {
  return (v) => {
    if (!(v instanceof cls)) throw want(v, name);
    return v;
  };
}

function want(v: Value, t: string): StarlarkError {
  return new StarlarkError(`got ${typeName(v)}, want ${t}`);
}

export type Param<T> = readonly [name: string, conv: Conv<T>];
type Results<T extends unknown[]> = { [K in keyof T]: T[K] | undefined };

function paramName(raw: string): [name: string, skipNone: boolean] {
  if (raw.endsWith('??')) return [raw.slice(0, -2), true];
  if (raw.endsWith('?')) return [raw.slice(0, -1), false];
  return [raw, false];
}

// Whether a parameter spec (`name`, `name?` or `name??`) is for keyword k, without slicing (every
// keyword argument is matched against the specs of every call).
function specIsFor(raw: string, k: string): boolean {
  const extra = raw.length - k.length;
  if (extra < 0 || extra > 2 || !raw.startsWith(k)) return false;
  return extra === 0 || raw.endsWith(extra === 1 ? '?' : '??');
}

/**
 * UnpackArgs: binds positional then keyword arguments to params (name, converter) in order.
 * Absent optional parameters are undefined in the result.
 */
export function unpackArgs<T extends unknown[]>(
  fnName: string,
  args: readonly Value[],
  kwargs: Kwargs | null,
  ...params: { [K in keyof T]: Param<T[K]> }
): Results<T> {
  const n = params.length;
  const out = new Array<unknown>(n).fill(undefined);
  const defined = new Array<boolean>(n).fill(false);
  if (args.length > n) {
    throw new StarlarkError(`${fnName}: got ${args.length} arguments, want at most ${n}`);
  }
  for (let i = 0; i < args.length; i++) {
    defined[i] = true;
    const [name, skipNone] = paramName(params[i]![0]);
    const arg = args[i]!;
    if (skipNone && arg === None) continue;
    out[i] = convert(fnName, name, params[i]![1], arg);
  }
  if (kwargs !== null) {
    kw: for (let j = 0; j < kwargs.length; j++) {
      const k = kwargs[j]![0];
      const arg = kwargs[j]![1];
      for (let i = 0; i < n; i++) {
        if (!specIsFor(params[i]![0], k)) continue;
        const skipNone = params[i]![0].endsWith('??');
        if (defined[i]) {
          throw new StarlarkError(
            `${fnName}: got multiple values for keyword argument ${quote(k, false)}`,
          );
        }
        defined[i] = true;
        if (skipNone && arg === None) continue kw;
        out[i] = convert(fnName, quote(k, false), params[i]![1], arg);
        continue kw;
      }
      // As starlark-go: only the names at even pair slots below n are spelling candidates.
      const names: string[] = [];
      for (let i = 0; i < n; i += 2) names.push(paramName(params[i >> 1]![0])[0]);
      const hint = nearest(k, names);
      const msg = `${fnName}: unexpected keyword argument ${quote(k, false)}`;
      throw new StarlarkError(hint === '' ? msg : `${msg} (did you mean ${hint}?)`);
    }
  }
  for (let i = 0; i < n; i++) {
    const raw = params[i]![0];
    if (raw.endsWith('?')) break;
    if (i < args.length) continue;
    if (!defined[i]) throw new StarlarkError(`${fnName}: missing argument for ${raw}`);
  }
  return out as Results<T>;
}

function convert<T>(fnName: string, name: string, conv: Conv<T>, arg: Value): T {
  try {
    return conv(arg);
  } catch (e) {
    if (e instanceof StarlarkError) {
      throw new StarlarkError(`${fnName}: for parameter ${name}: ${e.message}`);
    }
    throw e;
  }
}

/** UnpackPositionalArgs: no keywords; min..convs.length arguments. */
export function unpackPositional<T extends unknown[]>(
  fnName: string,
  args: readonly Value[],
  kwargs: Kwargs | null,
  min: number,
  ...convs: { [K in keyof T]: Conv<T[K]> }
): Results<T> {
  const n = convs.length;
  const na = args.length;
  if (na < min || na > n || (kwargs !== null && kwargs.length > 0)) {
    checkPositional(fnName, args, kwargs, min, n);
  }
  const out = new Array<unknown>(n);
  for (let i = 0; i < na; i++) {
    const conv = convs[i] as Conv<unknown>;
    const a = args[i]!;
    out[i] = conv === P.value ? a : convert(fnName, String(i + 1), conv, a);
  }
  return out as Results<T>;
}

export function checkPositional(
  fnName: string,
  args: readonly Value[],
  kwargs: Kwargs | null,
  min: number,
  max: number,
): void {
  if (kwargs !== null && kwargs.length > 0) {
    throw new StarlarkError(`${fnName}: unexpected keyword arguments`);
  }
  if (args.length < min) {
    const atleast = min < max ? 'at least ' : '';
    throw new StarlarkError(`${fnName}: got ${args.length} arguments, want ${atleast}${min}`);
  }
  if (args.length > max) {
    const atmost = max > min ? 'at most ' : '';
    throw new StarlarkError(`${fnName}: got ${args.length} arguments, want ${atmost}${max}`);
  }
}

type ObjResult<S extends Record<string, Conv<unknown>>> = {
  [K in keyof S as K extends `${infer N}??`
    ? N
    : K extends `${infer N}?`
      ? N
      : K]: S[K] extends Conv<infer T> ? (K extends `${string}?` ? T | undefined : T) : never;
};

/**
 * UnpackArgs with an object spec, for host builtins:
 * `unpackObject('f', args, kwargs, { name: P.string, 'port?': P.int })` → `{ name, port }`.
 */
export function unpackObject<S extends Record<string, Conv<unknown>>>(
  fnName: string,
  args: readonly Value[],
  kwargs: Kwargs | null,
  spec: S,
): ObjResult<S> {
  const entries = Object.entries(spec);
  const vals = unpackArgs(fnName, args, kwargs, ...(entries as Array<Param<unknown>>));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < entries.length; i++) out[paramName(entries[i]![0])[0]] = vals[i];
  return out as ObjResult<S>;
}
