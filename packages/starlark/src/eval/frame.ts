// Call frames and closure cells: the run-time state the compiled closures read and write.
import type { Position } from '../errors.ts';
import type { StarObject, Value } from '../values/object.ts';
import type { StarThread } from './thread.ts';

/** A captured variable shared by an outer function and the functions nested in it. */
export class Cell {
  v: Value | undefined;
  constructor(v: Value | undefined) {
    this.v = v;
  }
}

/** A local variable slot: its value, its Cell if captured, or undefined before assignment. */
export type Slot = Value | Cell | undefined;

/**
 * One activation on a thread's stack. Builtin frames use only `callable` (pos stays undefined);
 * Starlark frames also carry their variables. Frames are pooled per thread and reused, so nothing
 * may keep a reference to one after its call returns.
 */
export class Frame {
  readonly thread: StarThread;
  callable: StarObject;
  /** The current position (Starlark frames); set before each operation that can fail or call. */
  pos: Position | undefined = undefined;
  /** Parameters, then locals; a cell slot holds a Cell. undefined = not yet assigned. */
  locals: Slot[] = [];
  /** The function's captured cells (its free variables). */
  free: readonly Cell[] = [];
  /** The module's global variables, by resolver slot. */
  globals: Array<Value | undefined> = [];
  /** The module's predeclared values, by compiler slot. */
  predeclared: ReadonlyArray<Value | undefined> = [];
  /** The value of the `return` statement that ended the body. */
  ret: Value | undefined = undefined;

  constructor(thread: StarThread, callable: StarObject) {
    this.thread = thread;
    this.callable = callable;
  }
}
