// Set algebra shared by the | & ^ - operators and the set methods. Each takes the other
// operand's elements; results follow starlark-go's insertion order.
import { StarSet } from './dict.ts';
import type { Value } from './object.ts';

export function setClone(s: StarSet): StarSet {
  const z = new StarSet();
  for (const e of s.ht.entries()) z.ht.put(e.k, true);
  return z;
}

function keysOf(y: StarSet | Iterable<Value>): Iterable<Value> {
  return y instanceof StarSet ? y.keys() : y;
}

export function setUnion(x: StarSet, y: StarSet | Iterable<Value>): StarSet {
  const z = setClone(x);
  for (const k of keysOf(y)) z.ht.put(k, true);
  return z;
}

export function setDifference(x: StarSet, y: StarSet | Iterable<Value>): StarSet {
  const z = setClone(x);
  for (const k of keysOf(y)) z.ht.delete(k);
  return z;
}

/** Elements of y (as y spells them) that are in x, in y's order. */
export function setIntersection(x: StarSet, y: StarSet | Iterable<Value>): StarSet {
  const z = new StarSet();
  for (const k of keysOf(y)) if (x.ht.lookup(k) !== undefined) z.ht.put(k, true);
  return z;
}

export function setSymmetricDifference(x: StarSet, y: StarSet | Iterable<Value>): StarSet {
  const z = setClone(x);
  for (const k of keysOf(y)) if (z.ht.delete(k) === undefined) z.ht.put(k, true);
  return z;
}
