// StarThread: the evaluator's Thread. Every call goes through call(), which pushes a frame and
// turns any error thrown below into an EvalError carrying a snapshot of the stack.

import { universe } from '../builtins/universe.ts';
import type { Position } from '../errors.ts';
import { StarlarkError } from '../errors.ts';
import type { Builtin } from '../values/builtin.ts';
import type { Value } from '../values/object.ts';
import { StarObject } from '../values/object.ts';
import { typeName } from '../values/compare.ts';
import type { Kwargs, Thread } from '../values/thread.ts';
import type { CallFrame } from './eval-error.ts';
// biome-ignore lint/suspicious/noShadowRestrictedNames: starlark-go's name, in the public API
import { EvalError } from './eval-error.ts';
import { Cell, Frame } from './frame.ts';
import { StarlarkFunction } from './function.ts';

export type PrintHook = (thread: StarThread, msg: string) => void;
export type LoadHook = (thread: StarThread, module: string) => ReadonlyMap<string, Value>;

export interface StarThreadOptions {
  name?: string;
  /** Receives print() output; the default writes the line to stderr. */
  print?: PrintHook;
  /** Resolves load("module", ...); see makeCachingLoader. */
  load?: LoadHook;
  /** Step budget (steps are counted on calls and loop iterations); unlimited by default. */
  maxSteps?: number;
  /** Call depth limit ("Starlark stack overflow"). */
  maxDepth?: number;
}

/**
 * Default call-depth limit ("Starlark stack overflow"), starlark-go's. In practice V8's stack
 * ends deep recursion first (about 1,400 simple Starlark calls with Node's default stack, about
 * 10,000 with --stack-size=7000); its RangeError is reported with the same message.
 */
export const DEFAULT_MAX_DEPTH = 100_000;

export class StarThread implements Thread {
  readonly name: string;
  locals: Map<string, unknown> = new Map();
  steps = 0;
  readonly maxDepth: number;
  /** Frames [0, depth) are live; the rest are kept for reuse. */
  depth = 0;
  private readonly frames: Frame[] = [];
  /** Frames [0, used) may hold references from calls since the last release(). */
  private used = 0;
  private maxSteps: number;
  /** steps >= stepLimit triggers the step check: maxSteps, or 0 once cancelled. */
  stepLimit: number;
  private cancelReason: string | null = null;
  private univ: ReadonlyMap<string, Value> | undefined = undefined;
  private readonly printHook: PrintHook | undefined;
  private readonly loadHook: LoadHook | undefined;

  constructor(opts: StarThreadOptions = {}) {
    this.name = opts.name ?? '';
    this.printHook = opts.print;
    this.loadHook = opts.load;
    this.maxSteps = opts.maxSteps ?? Number.POSITIVE_INFINITY;
    this.stepLimit = this.maxSteps;
    this.maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  call(fn: Value, args: Value[], kwargs: Kwargs | null): Value {
    if (!(fn instanceof StarObject) || !fn.callable) {
      throw new StarlarkError(`invalid call of non-function (${typeName(fn)})`);
    }
    if (fn instanceof StarlarkFunction) return fn.invoke(this, args, kwargs);
    this.push(fn);
    const d = this.depth;
    let result: Value;
    try {
      if (++this.steps >= this.stepLimit) this.stepLimitReached();
      result = fn.call(this, args, kwargs);
    } catch (e) {
      throw this.toEvalError(e);
    } finally {
      this.depth = d - 1;
      if (d === 1) this.release();
    }
    // A builtin may have cancelled the thread: stop before the caller's next operation.
    if (this.cancelReason !== null) this.stepLimitReached();
    return result;
  }

  /** Calls the method m of a built-in type on recv, as a bound builtin would be called. */
  callMethod(m: Builtin, recv: Value, args: Value[], kwargs: Kwargs | null): Value {
    this.push(m);
    const d = this.depth;
    let result: Value;
    try {
      if (++this.steps >= this.stepLimit) this.stepLimitReached();
      result = m.impl(this, args, kwargs, recv, m);
    } catch (e) {
      throw this.toEvalError(e);
    } finally {
      this.depth = d - 1;
    }
    if (this.cancelReason !== null) this.stepLimitReached();
    return result;
  }

  /** Drops what the pooled frames still reference, once the outermost call has returned. */
  release(): void {
    const n = Math.min(this.used, this.frames.length); // a push may have failed half-way
    for (let i = 0; i < n; i++) {
      const fr = this.frames[i] as Frame;
      fr.locals = [];
      fr.free = [];
      fr.ret = undefined;
    }
    this.used = 0;
  }

  /** Pushes a frame for fn (reusing a pooled one); the caller must restore depth. */
  push(fn: StarObject): Frame {
    const d = this.depth;
    if (d >= this.used) this.used = d + 1;
    let fr = this.frames[d];
    if (fr === undefined) {
      fr = new Frame(this, fn);
      this.frames.push(fr);
    } else {
      fr.callable = fn;
      fr.pos = undefined;
    }
    this.depth = d + 1;
    return fr;
  }

  /** The innermost frame (the callee's own frame while its call() runs). */
  top(): Frame {
    const fr = this.frames[this.depth - 1];
    if (fr === undefined) throw new Error('StarThread.top: empty stack');
    return fr;
  }

  /**
   * The universe builtins of the modules this thread runs, made once: as in starlark-go, `len`
   * is the same value in every module loaded on the thread.
   */
  universe(): ReadonlyMap<string, Value> {
    this.univ ??= universe();
    return this.univ;
  }

  /** The frame at absolute index i (0 = outermost). */
  frameAt(i: number): Frame {
    const fr = this.frames[i];
    if (fr === undefined || i >= this.depth) throw new Error(`StarThread.frameAt: no frame ${i}`);
    return fr;
  }

  print(msg: string): void {
    if (this.printHook !== undefined) this.printHook(this, msg);
    else process.stderr.write(Buffer.from(`${msg}\n`, 'latin1'));
  }

  /** Calls the load hook (errors are wrapped by the load statement). */
  load(module: string): ReadonlyMap<string, Value> {
    if (this.loadHook === undefined)
      throw new StarlarkError('load not implemented by this application');
    return this.loadHook(this, module);
  }

  /** Position of the depth'th Starlark frame from the top (0 = innermost), skipping builtins. */
  callerPosition(depth: number): Position | undefined {
    let n = depth;
    for (let i = this.depth - 1; i >= 0; i--) {
      const pos = this.frames[i]?.pos;
      if (pos !== undefined && n-- === 0) return pos;
    }
    return undefined;
  }

  /** starlark-go's CallFrame(depth): 0 is the innermost frame (a builtin's own frame inside it). */
  callFrame(depth: number): CallFrame | undefined {
    const fr = this.frames[this.depth - 1 - depth];
    return depth < 0 || fr === undefined ? undefined : { name: fr.callable.name, pos: fr.pos };
  }

  /** A snapshot of the stack, outermost first. */
  callStack(): CallFrame[] {
    const out: CallFrame[] = [];
    for (let i = 0; i < this.depth; i++) {
      const fr = this.frames[i] as Frame;
      out.push({ name: fr.callable.name, pos: fr.pos });
    }
    return out;
  }

  /**
   * The variables of the depth'th frame (0 = innermost) of a Starlark function, for debuggers:
   * its locals then its free variables, unassigned ones omitted; undefined for a builtin frame.
   */
  debugLocals(depth: number): Array<[string, Value]> | undefined {
    const fr = this.frames[this.depth - 1 - depth];
    if (depth < 0 || fr === undefined || !(fr.callable instanceof StarlarkFunction))
      return undefined;
    const fn = fr.callable;
    const out: Array<[string, Value]> = [];
    fn.code.localNames.forEach((name, i) => {
      const slot = fr.locals[i];
      const v = slot instanceof Cell ? slot.v : slot;
      if (v !== undefined) out.push([name, v]);
    });
    fn.code.freeNames.forEach((name, i) => {
      const v = fn.freeCells[i]?.v;
      if (v !== undefined) out.push([name, v]);
    });
    return out;
  }

  get callStackDepth(): number {
    return this.depth;
  }

  /** Makes the thread fail promptly with "Starlark computation cancelled: reason". */
  cancel(reason: string): void {
    if (this.cancelReason === null) this.cancelReason = reason;
    this.stepLimit = 0;
  }

  uncancel(): void {
    this.cancelReason = null;
    this.stepLimit = this.maxSteps;
  }

  setMaxSteps(max: number): void {
    this.maxSteps = max;
    if (this.cancelReason === null) this.stepLimit = max;
  }

  /** Called when steps reach stepLimit: the budget is spent or the thread was cancelled. */
  stepLimitReached(): never {
    if (this.cancelReason === null) this.cancel('too many steps');
    throw new StarlarkError(`Starlark computation cancelled: ${this.cancelReason}`);
  }

  /** Converts anything thrown below a frame into an EvalError with the current stack. */
  toEvalError(e: unknown): EvalError {
    if (e instanceof EvalError) return e;
    if (e instanceof RangeError && e.message === 'Maximum call stack size exceeded') {
      return new EvalError('Starlark stack overflow', this.callStack(), e);
    }
    const msg = e instanceof Error ? e.message : String(e);
    return new EvalError(msg, this.callStack(), e);
  }
}
