// StarlarkFunction: a `def` or `lambda` value (and a module's <toplevel>), plus its compiled code.
import type { Position } from '../errors.ts';
import { StarlarkError } from '../errors.ts';
import { hashValue } from '../values/hashtable.ts';
import type { Value } from '../values/object.ts';
import { StarObject } from '../values/object.ts';
import { None } from '../values/primitives.ts';
import type { Kwargs, Thread } from '../values/thread.ts';
import { bindArgs } from './args.ts';
import type { Frame, Slot } from './frame.ts';
import { Cell } from './frame.ts';
import { StarThread } from './thread.ts';

/** The completion code of a `return` (see compile.ts; repeated here to avoid an import cycle). */
const RETURN = 3;

/** What the compiler produces for one function body (starlark-go's Funcode). Immutable. */
export interface FuncCode {
  readonly name: string; // "lambda" for lambdas, "<toplevel>" for module code
  readonly pos: Position; // of `def` / `lambda`
  readonly doc: string;
  /** All parameters, minus a bare `*`. */
  readonly numParams: number;
  readonly numKwonlyParams: number;
  readonly hasVarargs: boolean;
  readonly hasKwargs: boolean;
  /** Names and positions of the locals; parameters come first. */
  readonly localNames: readonly string[];
  readonly localPos: readonly Position[];
  /** Indices of locals that live in cells. */
  readonly cells: readonly number[];
  /** Names of the free variables (for messages). */
  readonly freeNames: readonly string[];
  /** The file's Recursion option: false means recursive calls are an error. */
  readonly recursion: boolean;
  /** Position of the frame before the body runs (starlark-go: that of its first instruction). */
  readonly entryPos: Position;
  /** Number of local slots (parameters first). */
  readonly nlocals: number;
  /** No *args, **kwargs or keyword-only parameters: positional calls bind by copying. */
  readonly simple: boolean;
  /** The body; the result is fr.ret when it completes with RETURN, else None. */
  readonly body: (fr: Frame) => number;
}

/** The run-time state of one executed file: its globals by resolver slot. */
export interface ModuleEnv {
  readonly filename: string;
  readonly globals: Array<Value | undefined>;
  readonly globalNames: readonly string[];
  /** Values of the predeclared names the program uses, by compiler slot. */
  readonly predeclared: ReadonlyArray<Value | undefined>;
}

/** Marks a keyword-only parameter without a default in a function's defaults. */
class Mandatory extends StarObject {
  get type(): string {
    return 'mandatory';
  }
  override truth(): boolean {
    return false;
  }
}
export const MANDATORY: StarObject = new Mandatory();

export class StarlarkFunction extends StarObject {
  readonly code: FuncCode;
  readonly module: ModuleEnv;
  /** Defaults of the optional parameters, then of the keyword-only ones (MANDATORY if none). */
  readonly defaults: readonly Value[];
  readonly freeCells: readonly Cell[];
  private frozen = false;

  constructor(
    code: FuncCode,
    module: ModuleEnv,
    defaults: readonly Value[],
    freeCells: readonly Cell[],
  ) {
    super();
    this.code = code;
    this.module = module;
    this.defaults = defaults;
    this.freeCells = freeCells;
  }

  get type(): string {
    return 'function';
  }
  override get name(): string {
    return this.code.name;
  }
  override get callable(): boolean {
    return true;
  }
  override hash(): number {
    return hashValue(this.code.name);
  }
  override mapKey(): unknown {
    return this; // functions are equal only to themselves
  }
  override repr(out: string[]): void {
    out.push(`<function ${this.code.name}>`);
  }
  protected override freezeOwn(pending: StarObject[]): void {
    // The flag makes freezing cycle-safe: a nested recursive def captures itself in a cell.
    if (this.frozen) return;
    this.frozen = true;
    const ds = this.defaults;
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i];
      if (d instanceof StarObject) pending.push(d);
    }
    const cs = this.freeCells;
    for (let i = 0; i < cs.length; i++) {
      const v = cs[i]?.v;
      if (v instanceof StarObject) pending.push(v);
    }
  }

  override call(thread: Thread, args: Value[], kwargs: Kwargs | null): Value {
    return thread instanceof StarThread
      ? this.invoke(thread, args, kwargs)
      : thread.call(this, args, kwargs);
  }

  /**
   * The whole call of a Starlark function on one JS frame (deep recursion is bounded by the JS
   * stack): push a frame, bind the arguments, run the body, convert errors, pop.
   */
  invoke(thread: StarThread, args: readonly Value[], kwargs: Kwargs | null): Value {
    const fr = thread.push(this);
    const depth = thread.depth;
    const code = this.code;
    fr.pos = code.entryPos;
    try {
      if (++thread.steps >= thread.stepLimit) thread.stepLimitReached();
      if (code.recursion ? depth > thread.maxDepth : depth > 1) this.checkDepth(thread);
      const locals = new Array<Slot>(code.nlocals);
      if (kwargs === null && code.simple && args.length === code.numParams) {
        for (let i = 0; i < args.length; i++) locals[i] = args[i];
      } else {
        bindArgs(this, locals, args, kwargs);
      }
      const cells = code.cells;
      for (let i = 0; i < cells.length; i++) {
        const slot = cells[i] as number;
        locals[slot] = new Cell(locals[slot] as Value | undefined);
      }
      fr.locals = locals;
      fr.free = this.freeCells;
      fr.globals = this.module.globals;
      fr.predeclared = this.module.predeclared;
      return code.body(fr) === RETURN ? (fr.ret as Value) : None;
    } catch (e) {
      throw thread.toEvalError(e);
    } finally {
      thread.depth = depth - 1;
      if (depth === 1) thread.release();
    }
  }

  /**
   * invoke() for a call site that already evaluated the positional arguments into a fresh locals
   * array (code.simple and exactly numParams arguments): nothing to bind, one allocation less.
   */
  invokeBound(thread: StarThread, locals: Slot[]): Value {
    const fr = thread.push(this);
    const depth = thread.depth;
    const code = this.code;
    fr.pos = code.entryPos;
    try {
      if (++thread.steps >= thread.stepLimit) thread.stepLimitReached();
      if (code.recursion ? depth > thread.maxDepth : depth > 1) this.checkDepth(thread);
      const cells = code.cells;
      for (let i = 0; i < cells.length; i++) {
        const slot = cells[i] as number;
        locals[slot] = new Cell(locals[slot] as Value | undefined);
      }
      fr.locals = locals;
      fr.free = this.freeCells;
      fr.globals = this.module.globals;
      fr.predeclared = this.module.predeclared;
      return code.body(fr) === RETURN ? (fr.ret as Value) : None;
    } catch (e) {
      throw thread.toEvalError(e);
    } finally {
      thread.depth = depth - 1;
      if (depth === 1) thread.release();
    }
  }

  /** The stack-depth limit, or starlark-go's recursion check when the Recursion option is off. */
  checkDepth(thread: StarThread): void {
    if (this.code.recursion) {
      if (thread.depth > thread.maxDepth) throw new StarlarkError('Starlark stack overflow');
      return;
    }
    // Look for the same code, not the same function value: the Y combinator must not evade it.
    for (let i = thread.depth - 2; i >= 0; i--) {
      const c = thread.frameAt(i).callable;
      if (c instanceof StarlarkFunction && c.code === this.code) {
        throw new StarlarkError(`function ${this.code.name} called recursively`);
      }
    }
  }

  // ---- introspection for hosts (starlark-go's Function methods) ----

  get position(): Position {
    return this.code.pos;
  }
  get doc(): string {
    return this.code.doc;
  }
  get numParams(): number {
    return this.code.numParams;
  }
  get numKwonlyParams(): number {
    return this.code.numKwonlyParams;
  }
  get hasVarargs(): boolean {
    return this.code.hasVarargs;
  }
  get hasKwargs(): boolean {
    return this.code.hasKwargs;
  }
  /** Name and position of parameter i (0 <= i < numParams). */
  param(i: number): { name: string; pos: Position } {
    const name = this.code.localNames[i];
    const pos = this.code.localPos[i];
    if (i < 0 || i >= this.code.numParams || name === undefined || pos === undefined)
      throw new RangeError(`param ${i}`);
    return { name, pos };
  }
  /** The default of parameter i, or undefined when it is required (starlark-go's ParamDefault). */
  paramDefault(i: number): Value | undefined {
    const code = this.code;
    if (i < 0 || i >= code.numParams) throw new RangeError(`param ${i}`);
    let firstOpt = code.numParams - this.defaults.length;
    if (code.hasVarargs) firstOpt--;
    if (code.hasKwargs) firstOpt--;
    if (i < firstOpt || i >= firstOpt + this.defaults.length) return undefined;
    const d = this.defaults[i - firstOpt];
    return d === MANDATORY ? undefined : d;
  }
  /** The module's globals defined so far, by name. */
  globals(): Map<string, Value> {
    const out = new Map<string, Value>();
    const { globals, globalNames } = this.module;
    for (let i = 0; i < globals.length; i++) {
      const v = globals[i];
      const name = globalNames[i];
      if (v !== undefined && name !== undefined) out.set(name, v);
    }
    return out;
  }
}
