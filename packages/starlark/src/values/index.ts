// The value model and every operator: the module the evaluator compiles against.
export {
  NoSuchAttrError,
  freeze,
  getIndex,
  iterate,
  len,
  setField,
  setIndex,
  slice,
  toArray,
  tryIterate,
} from './access.ts';
export { getAttr, hasAttr, attrNames } from '../builtins/attr.ts';
export { Builtin } from './builtin.ts';
export type { BuiltinImpl } from './builtin.ts';
export { COMPARE_LIMIT, compare, compareDepth, equals, equalsDepth, typeName } from './compare.ts';
export { Dict, StarSet } from './dict.ts';
export { formatFloat } from './float-format.ts';
export { HashTable, mapKey as hashKey } from './hashtable.ts';
export type { Int } from './int.ts';
export { EMPTY_TUPLE, List, Tuple } from './list.ts';
export { HASHED, StarObject } from './object.ts';
export type { BinaryOp, CompareOp, Side, StarIterator, UnaryOp, Value } from './object.ts';
export { add, binary, contains, sub, truth, unary } from './ops.ts';
export { Bytes, Float, None, NoneType } from './primitives.ts';
export { Range } from './range.ts';
export { repr, str, writeValue } from './repr.ts';
export { DEFAULT_CONSTRUCTOR, Module, Struct } from './struct.ts';
export type { Kwargs, Thread } from './thread.ts';
export { decodeUtf8, encodeUtf8 } from './utf8.ts';
