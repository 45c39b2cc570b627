// The json module (lib/json).
import type { Value } from '../values/object.ts';
import { Module } from '../values/struct.ts';

export function makeJsonModule(): Value {
  return new Module('json', new Map());
}
