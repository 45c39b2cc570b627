// The method tables of the built-in types, as bound-able Builtins.
import { Builtin } from '../values/builtin.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import { Dict, StarSet } from '../values/dict.ts';
import { List } from '../values/list.ts';
import type { Value } from '../values/object.ts';
import { Bytes } from '../values/primitives.ts';
import { BYTES_METHODS, DICT_METHODS, LIST_METHODS, SET_METHODS } from './collection-methods.ts';
import { STRING_METHODS } from './string-methods.ts';

function builtins(impls: ReadonlyMap<string, BuiltinImpl>): ReadonlyMap<string, Builtin> {
  const names = [...impls.keys()].sort();
  return new Map(names.map((n) => [n, new Builtin(n, impls.get(n)!)]));
}

// Immutable tables, built once at load.
const STRING = builtins(STRING_METHODS);
const LIST = builtins(LIST_METHODS);
const DICT = builtins(DICT_METHODS);
const SET = builtins(SET_METHODS);
const BYTES = builtins(BYTES_METHODS);

/** The built-in methods of x's type, or undefined for types without a table. */
export function methodsOf(x: Value): ReadonlyMap<string, Builtin> | undefined {
  if (typeof x === 'string') return STRING;
  if (x instanceof List) return LIST;
  if (x instanceof Dict) return DICT;
  if (x instanceof StarSet) return SET;
  if (x instanceof Bytes) return BYTES;
  return undefined;
}
