// The Starlark syntax tree. Node kinds and fields mirror starlark-go's syntax package so that the
// resolver and compiler can follow its logic; the resolver fills in the annotation fields
// (Ident.binding, DefStmt.fn, LambdaExpr.fn, File.module) in place.
//
// Conventions shared with starlark-go:
// - Parameters (DefStmt.params, LambdaExpr.params) are `Ident` (required), `BinaryExpr` with op '='
//   (x: Ident, y: default), `UnaryExpr` op '*' (x: Ident, or null for a bare `*`) or op '**'.
// - Call arguments (CallExpr.args) are an expression, a `BinaryExpr` with op '=' and x: Ident
//   (keyword argument), or a `UnaryExpr` with op '*' / '**'.
// - `elif` chains are nested: IfStmt.false holds a single IfStmt whose `ifPos` is the `elif`.

import type { Position } from '../errors.ts';
import type { FileOptions } from './options.ts';

export type { Position };

// ---- operators ----

export type BinaryOp =
  | 'or'
  | 'and'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | 'in'
  | 'not in'
  | '|'
  | '^'
  | '&'
  | '<<'
  | '>>'
  | '-'
  | '+'
  | '*'
  | '/'
  | '//'
  | '%'
  | '='; // only in keyword arguments and parameters with defaults

/** '*' and '**' only appear in call arguments and parameters. */
export type UnaryOp = '+' | '-' | '~' | 'not' | '*' | '**';

export type AssignOp =
  | '='
  | '+='
  | '-='
  | '*='
  | '/='
  | '//='
  | '%='
  | '&='
  | '|='
  | '^='
  | '<<='
  | '>>=';

export type BranchToken = 'break' | 'continue' | 'pass';

// ---- resolver annotations (mirror resolve.Binding / resolve.Function / resolve.Module) ----

export type Scope =
  | 'undefined'
  | 'local'
  | 'cell'
  | 'free'
  | 'global'
  | 'predeclared'
  | 'universal';

/**
 * Where a name lives. One Binding object is shared by every Ident that refers to the same
 * variable, so the resolver can later turn a 'local' into a 'cell' when a nested function captures it.
 * index: for local/cell, the slot in the enclosing function's (or module's) `locals`;
 * for free, the slot in the function's `freeVars`; for global, the slot in `module.globals`;
 * 0 for predeclared/universal/undefined (look those up by name).
 */
export class Binding {
  scope: Scope;
  index: number;
  /** The first binding occurrence, for local/free/global (used in messages and for the name). */
  first: Ident | null;
  constructor(scope: Scope, index: number, first: Ident | null) {
    this.scope = scope;
    this.index = index;
    this.first = first;
  }
}

export interface FunctionInfo {
  pos: Position; // of `def` or `lambda`
  name: string; // the def's name, or "lambda"
  params: Expr[]; // see the parameter convention above
  body: Stmt[]; // for a lambda, one synthetic ReturnStmt of its body expression
  hasVarargs: boolean;
  hasKwargs: boolean;
  numKwonlyParams: number;
  /** Parameter count as starlark-go's Funcode.NumParams: all params, minus a bare `*`. */
  numParams: number;
  /** Local and cell variables, parameters first (in order). */
  locals: Binding[];
  /** Indices into `locals` of the variables that need cells (captured by nested functions). */
  cells: number[];
  /** Bindings in the enclosing function to capture, in order; each is 'local'/'cell' or 'free' there. */
  freeVars: Binding[];
}

export interface ModuleInfo {
  /** File-local variables: load bindings and top-level comprehension variables. */
  locals: Binding[];
  /** Indices into `locals` of cells (top-level comprehension variables captured by lambdas). */
  cells: number[];
  /** The module's global variables, in order of first binding. */
  globals: Binding[];
}

// ---- file ----

export interface File {
  kind: 'File';
  path: string;
  stmts: Stmt[];
  options: FileOptions;
  module: ModuleInfo | null; // set by the resolver
}

// ---- statements ----

export type Stmt =
  | AssignStmt
  | BranchStmt
  | DefStmt
  | ExprStmt
  | ForStmt
  | WhileStmt
  | IfStmt
  | LoadStmt
  | ReturnStmt;

export interface AssignStmt {
  kind: 'AssignStmt';
  opPos: Position;
  op: AssignOp;
  lhs: Expr;
  rhs: Expr;
}

export interface BranchStmt {
  kind: 'BranchStmt';
  token: BranchToken;
  tokenPos: Position;
}

export interface DefStmt {
  kind: 'DefStmt';
  defPos: Position;
  name: Ident;
  lparen: Position;
  params: Expr[];
  rparen: Position;
  body: Stmt[];
  fn: FunctionInfo | null; // set by the resolver
}

export interface ExprStmt {
  kind: 'ExprStmt';
  x: Expr;
}

export interface ForStmt {
  kind: 'ForStmt';
  forPos: Position;
  vars: Expr; // a name, or a tuple/list of names (any assignable expression)
  x: Expr;
  body: Stmt[];
}

export interface WhileStmt {
  kind: 'WhileStmt';
  whilePos: Position;
  cond: Expr;
  body: Stmt[];
}

export interface IfStmt {
  kind: 'IfStmt';
  ifPos: Position; // of `if` or `elif`
  cond: Expr;
  true: Stmt[];
  elsePos: Position | null; // of `else` or `elif`
  false: Stmt[]; // empty when there is no else
}

export interface LoadStmt {
  kind: 'LoadStmt';
  loadPos: Position;
  module: Literal; // a string literal
  /** Names as defined in the loaded module (idents carry the string literal's position). */
  from: Ident[];
  /** Local names bound in this file (resolved). */
  to: Ident[];
  rparen: Position;
}

export interface ReturnStmt {
  kind: 'ReturnStmt';
  returnPos: Position;
  result: Expr | null;
}

// ---- expressions ----

export type Expr =
  | BinaryExpr
  | CallExpr
  | Comprehension
  | CondExpr
  | DictEntry
  | DictExpr
  | DotExpr
  | Ident
  | IndexExpr
  | LambdaExpr
  | ListExpr
  | Literal
  | ParenExpr
  | SliceExpr
  | TupleExpr
  | UnaryExpr;

export interface Ident {
  kind: 'Ident';
  namePos: Position;
  name: string;
  binding: Binding | null; // set by the resolver
}

export type LiteralToken = 'INT' | 'FLOAT' | 'STRING' | 'BYTES';

export interface Literal {
  kind: 'Literal';
  token: LiteralToken;
  tokenPos: Position;
  raw: string; // uninterpreted source text (binary string)
  /**
   * INT: number when a safe integer, else bigint (the values/ int invariant);
   * FLOAT: number; STRING and BYTES: the decoded binary string (one code unit per byte).
   */
  value: number | bigint | string;
}

export interface ParenExpr {
  kind: 'ParenExpr';
  lparen: Position;
  x: Expr;
  rparen: Position;
}

export interface CallExpr {
  kind: 'CallExpr';
  fn: Expr;
  lparen: Position;
  args: Expr[]; // see the argument convention above
  rparen: Position;
}

export interface DotExpr {
  kind: 'DotExpr';
  x: Expr;
  dot: Position;
  namePos: Position;
  name: Ident; // not resolved: binding stays null
}

export interface ForClause {
  kind: 'ForClause';
  forPos: Position;
  vars: Expr;
  inPos: Position;
  x: Expr;
}

export interface IfClause {
  kind: 'IfClause';
  ifPos: Position;
  cond: Expr;
}

export interface Comprehension {
  kind: 'Comprehension';
  curly: boolean; // {k: v for ...} (body is a DictEntry), not [x for ...]
  lbrack: Position;
  body: Expr;
  clauses: Array<ForClause | IfClause>; // the first is always a ForClause
  rbrack: Position;
}

export interface DictExpr {
  kind: 'DictExpr';
  lbrace: Position;
  list: DictEntry[];
  rbrace: Position;
}

export interface DictEntry {
  kind: 'DictEntry';
  key: Expr;
  colon: Position;
  value: Expr;
}

export interface LambdaExpr {
  kind: 'LambdaExpr';
  lambdaPos: Position;
  params: Expr[];
  body: Expr;
  fn: FunctionInfo | null; // set by the resolver
}

export interface ListExpr {
  kind: 'ListExpr';
  lbrack: Position;
  list: Expr[];
  rbrack: Position;
}

export interface CondExpr {
  kind: 'CondExpr';
  ifPos: Position;
  cond: Expr;
  true: Expr;
  elsePos: Position;
  false: Expr;
}

export interface TupleExpr {
  kind: 'TupleExpr';
  lparen: Position | null; // null for an unparenthesized tuple such as `x, y = 0, 1`
  list: Expr[];
  rparen: Position | null;
}

export interface UnaryExpr {
  kind: 'UnaryExpr';
  opPos: Position;
  op: UnaryOp;
  x: Expr | null; // null only for a bare `*` parameter
}

export interface BinaryExpr {
  kind: 'BinaryExpr';
  x: Expr;
  opPos: Position;
  op: BinaryOp;
  y: Expr;
}

export interface SliceExpr {
  kind: 'SliceExpr';
  x: Expr;
  lbrack: Position;
  lo: Expr | null;
  hi: Expr | null;
  step: Expr | null;
  rbrack: Position;
}

export interface IndexExpr {
  kind: 'IndexExpr';
  x: Expr;
  lbrack: Position;
  y: Expr;
  rbrack: Position;
}

export type Node = File | Stmt | Expr | ForClause | IfClause;

/** The start position of a node, as starlark-go's syntax.Start (File: its first statement). */
export function startPos(n: Node): Position | null {
  switch (n.kind) {
    case 'File': {
      const s = n.stmts[0];
      return s === undefined ? null : startPos(s);
    }
    case 'AssignStmt':
      return startPos(n.lhs);
    case 'BranchStmt':
      return n.tokenPos;
    case 'DefStmt':
      return n.defPos;
    case 'ExprStmt':
      return startPos(n.x);
    case 'ForStmt':
      return n.forPos;
    case 'WhileStmt':
      return n.whilePos;
    case 'IfStmt':
      return n.ifPos;
    case 'LoadStmt':
      return n.loadPos;
    case 'ReturnStmt':
      return n.returnPos;
    case 'Ident':
      return n.namePos;
    case 'Literal':
      return n.tokenPos;
    case 'ParenExpr':
      return n.lparen;
    case 'CallExpr':
      return startPos(n.fn);
    case 'DotExpr':
    case 'IndexExpr':
    case 'SliceExpr':
    case 'BinaryExpr':
      return startPos(n.x);
    case 'Comprehension':
      return n.lbrack;
    case 'DictExpr':
      return n.lbrace;
    case 'DictEntry':
      return startPos(n.key);
    case 'LambdaExpr':
      return n.lambdaPos;
    case 'ListExpr':
      return n.lbrack;
    case 'CondExpr':
      return startPos(n.true);
    case 'TupleExpr': {
      if (n.lparen !== null) return n.lparen;
      const first = n.list[0];
      return first === undefined ? null : startPos(first);
    }
    case 'UnaryExpr':
      return n.opPos;
    case 'ForClause':
      return n.forPos;
    case 'IfClause':
      return n.ifPos;
  }
}
