// The math module (lib/math).
import type { Value } from '../values/object.ts';
import { Module } from '../values/struct.ts';

export function makeMathModule(): Value {
  return new Module('math', new Map());
}
