// The method tables of the built-in types.
import type { Builtin } from '../values/builtin.ts';
import type { Value } from '../values/object.ts';

/** The built-in methods of x's type, or undefined for types without a table. */
export function methodsOf(_x: Value): ReadonlyMap<string, Builtin> | undefined {
  return undefined;
}
