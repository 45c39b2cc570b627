// The evaluator as values/ and builtins/ see it (implemented by eval/).
import type { Position } from '../errors.ts';
import type { Value } from './object.ts';

/** Keyword arguments in call order. */
export type Kwargs = Array<[string, Value]>;

export interface Thread {
  readonly name: string;
  /** Calls fn with a new frame; errors gain a stack. */
  call(fn: Value, args: Value[], kwargs: Kwargs | null): Value;
  /** The print hook. */
  print(msg: string): void;
  /** Position of a Starlark frame; 0 = innermost. */
  callerPosition(depth: number): Position | undefined;
  /** Host data (Tilt's thread locals). */
  locals: Map<string, unknown>;
  /** Step counter, bounded by maxSteps. */
  steps: number;
}
