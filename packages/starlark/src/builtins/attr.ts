// x.name: built-in methods of the core types, then the value's own attributes.
import { StarlarkError } from '../errors.ts';
import { nearest } from '../spell.ts';
import { typeName } from '../values/compare.ts';
import { StarObject } from '../values/object.ts';
import type { Value } from '../values/object.ts';
import { Struct } from '../values/struct.ts';
import { methodsOf } from './methods.ts';

/** x.name, binding built-in methods to their receiver. */
export function getAttr(x: Value, name: string): Value {
  const methods = methodsOf(x);
  if (methods !== undefined) {
    const m = methods.get(name);
    if (m !== undefined) return m.bind(x);
  } else if (x instanceof StarObject) {
    const v = x.attr(name);
    if (v !== undefined) return v;
  }
  let msg: string;
  if (x instanceof Struct) msg = x.noSuchAttr(name);
  else msg = `${typeName(x)} has no .${name} field or method`;
  const names = attrNames(x);
  const hint = names.length > 0 ? nearest(name, names) : '';
  throw new StarlarkError(hint === '' ? msg : `${msg} (did you mean .${hint}?)`);
}

/** hasattr(x, name). */
export function hasAttr(x: Value, name: string): boolean {
  const methods = methodsOf(x);
  if (methods !== undefined) return methods.has(name);
  if (!(x instanceof StarObject)) return false;
  try {
    return x.attr(name) !== undefined;
  } catch {
    // As in starlark-go, a failing lookup says neither yes nor no: the declared names decide.
    return x.attrNames().includes(name);
  }
}

/** The attribute names of x (dir(x) sorts them). */
export function attrNames(x: Value): string[] {
  const methods = methodsOf(x);
  if (methods !== undefined) return [...methods.keys()];
  return x instanceof StarObject ? x.attrNames() : [];
}
