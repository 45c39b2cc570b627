// The compiler: resolved AST → JS closures. Expressions become (fr) => Value, statements
// (fr) => Completion. Every name is pre-resolved to a slot or a captured constant.
//
// Positions follow starlark-go's compiler: `c.setPos(p)` marks where the next failing operation
// is reported; operations that record no position of their own use the last one set before them
// in compile order (c.pos), as the Go line-number table does.
import type { Position } from '../errors.ts';
import type * as ast from '../syntax/ast.ts';
import type { Value } from '../values/index.ts';
import { compileBlock } from './compile-stmt.ts';
import type { Frame } from './frame.ts';
import type { FuncCode } from './function.ts';

export type ExprFn = (fr: Frame) => Value;
export type StmtFn = (fr: Frame) => Completion;

/** How a statement ended; a return value is left in fr.ret. */
export type Completion = 0 | 1 | 2 | 3;
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

export interface CompileEnv {
  readonly universe: ReadonlyMap<string, Value>;
  readonly recursion: boolean;
}

export class Compiler {
  readonly env: CompileEnv;
  /** The position reported by the next operation that records none of its own. */
  pos: Position;
  /** The frame position before the first operation of the function being compiled. */
  private entry: Position | null = null;
  /** Predeclared names used by the file, by slot (their values are bound per execution). */
  readonly predeclared: string[] = [];
  private readonly predeclaredSlots = new Map<string, number>();
  /** One closure per distinct constant (literals and universal names repeat a lot). */
  private readonly constants = new Map<Value, ExprFn>();

  constructor(env: CompileEnv, pos: Position) {
    this.env = env;
    this.pos = pos;
  }

  predeclaredSlot(name: string): number {
    let i = this.predeclaredSlots.get(name);
    if (i === undefined) {
      i = this.predeclared.length;
      this.predeclared.push(name);
      this.predeclaredSlots.set(name, i);
    }
    return i;
  }

  /** The closure returning v, shared by every use of v in the file. */
  constant(v: Value): ExprFn {
    let f = this.constants.get(v);
    if (f === undefined) {
      f = () => v;
      this.constants.set(v, f);
    }
    return f;
  }

  setPos(p: Position): void {
    this.pos = p;
  }

  /** Notes that an operation was emitted (to find the function's entry position). */
  emit(): void {
    // Before any setPos, this.pos is still the function's own position, as in Go's table.
    if (this.entry === null) this.entry = this.pos;
  }

  /** Compiles a function body (def, lambda, or module top level) into its code object. */
  function(
    name: string,
    pos: Position,
    body: readonly ast.Stmt[],
    locals: readonly ast.Binding[],
    cells: readonly number[],
    freeVars: readonly ast.Binding[],
    params: { numParams: number; numKwonlyParams: number; hasVarargs: boolean; hasKwargs: boolean },
  ): FuncCode {
    const saved = { pos: this.pos, entry: this.entry };
    this.pos = pos;
    this.entry = null;
    const block = compileBlock(this, body);
    if (this.entry === null) this.entry = pos; // an empty body returns None at once
    const entryPos: Position = this.entry;
    this.pos = saved.pos;
    this.entry = saved.entry;

    return {
      name,
      pos,
      doc: docString(body),
      numParams: params.numParams,
      numKwonlyParams: params.numKwonlyParams,
      hasVarargs: params.hasVarargs,
      hasKwargs: params.hasKwargs,
      localNames: locals.map((b) => b.first?.name ?? ''),
      localPos: locals.map((b) => b.first?.namePos ?? pos),
      cells,
      freeNames: freeVars.map((b) => b.first?.name ?? ''),
      recursion: this.env.recursion,
      entryPos,
      nlocals: locals.length,
      simple: !params.hasVarargs && !params.hasKwargs && params.numKwonlyParams === 0,
      body: block,
    };
  }

  /** Compiles a resolved def or lambda. */
  funcInfo(info: ast.FunctionInfo): FuncCode {
    return this.function(
      info.name,
      info.pos,
      info.body,
      info.locals,
      info.cells,
      info.freeVars,
      info,
    );
  }
}

/** The doc string: a leading string-literal statement. */
function docString(body: readonly ast.Stmt[]): string {
  const s = body[0];
  if (s?.kind === 'ExprStmt' && s.x.kind === 'Literal' && s.x.token === 'STRING')
    return s.x.value as string;
  return '';
}
