// The universe: the predeclared names of every Starlark program.
import { Builtin } from '../values/builtin.ts';
import type { BuiltinImpl } from '../values/builtin.ts';
import type { Value } from '../values/object.ts';
import { None } from '../values/primitives.ts';
import * as C from './collections.ts';
import * as V from './convert.ts';

const TABLE: ReadonlyArray<readonly [string, BuiltinImpl]> = [
  ['abs', V.abs_],
  ['any', C.any_],
  ['all', C.all_],
  ['bool', V.bool_],
  ['bytes', V.bytes_],
  ['chr', V.chr_],
  ['dict', C.dict_],
  ['dir', C.dir_],
  ['enumerate', C.enumerate_],
  ['fail', C.fail_],
  ['float', V.float_],
  ['getattr', C.getattr_],
  ['hasattr', C.hasattr_],
  ['hash', V.hash_],
  ['int', V.int_],
  ['len', V.len_],
  ['list', C.list_],
  ['max', C.max_],
  ['min', C.min_],
  ['ord', V.ord_],
  ['print', C.print_],
  ['range', C.range_],
  ['repr', V.repr_],
  ['reversed', C.reversed_],
  ['set', C.set_],
  ['sorted', C.sorted_],
  ['str', V.str_],
  ['tuple', C.tuple_],
  ['type', V.type_],
  ['zip', C.zip_],
];

/** A fresh map of the universe builtins (None, True, False and the functions). */
export function universe(): ReadonlyMap<string, Value> {
  const m = new Map<string, Value>([
    ['None', None],
    ['True', true],
    ['False', false],
  ]);
  for (const [name, impl] of TABLE) m.set(name, new Builtin(name, impl));
  return m;
}

export { makeJsonModule } from './json.ts';
export { makeMathModule } from './math.ts';
export { makeTimeModule, setTimeNow } from './time.ts';
export { makeModuleBuiltin, makeStructBuiltin } from './struct.ts';
