// The name resolver: a re-implementation of starlark-go's resolve.go semantics. It decides, for
// every identifier, whether it is a local, cell, free, global, predeclared or universal name,
// allocates slots, computes closures, and collects every static error in resolve.go's order.

import { formatPosition, type Position, StaticError, StaticErrorList } from '../errors.ts';
import { nearest } from '../spell.ts';
import * as ast from '../syntax/ast.ts';
import type { FileOptions } from '../syntax/options.ts';
import { isStackOverflow } from '../syntax/parse.ts';
import { Block, type Use } from './block.ts';
import { bindParams, type Checker, resolveCallArgs } from './calls.ts';

const DOESNT = 'this Starlark dialect does not ';

export type NamePredicate = (name: string) => boolean;

/**
 * Resolves a parsed file in place: sets every Ident's binding, each def/lambda's `fn` and the
 * file's `module`. Throws StaticErrorList holding all errors if there are any.
 */
export function resolveFile(
  file: ast.File,
  isPredeclared: NamePredicate,
  isUniversal: NamePredicate,
): void {
  const r = new Resolver(file.options, isPredeclared, isUniversal);
  try {
    for (const s of file.stmts) r.stmt(s);
    file.module = r.finish();
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    // Absurdly deep nesting exhausts the JS stack (Go's would grow); report it, not crash.
    const pos = ast.startPos(file) ?? { file: file.path, line: 1, col: 1 };
    r.errorf(pos, 'internal error: nesting too deep');
  }
  r.throwErrors();
}

/**
 * Resolves a standalone expression (for evalExpr): names are predeclared or universal, and
 * comprehension variables become the returned module's locals.
 */
export function resolveExpr(
  expr: ast.Expr,
  options: FileOptions,
  isPredeclared: NamePredicate,
  isUniversal: NamePredicate,
): ast.ModuleInfo {
  const r = new Resolver(options, isPredeclared, isUniversal);
  r.expr(expr);
  const module = r.finish();
  r.throwErrors();
  return module;
}

class Resolver implements Checker {
  private readonly options: FileOptions;
  private readonly isPredeclared: NamePredicate;
  private readonly isUniversal: NamePredicate;
  private readonly file: Block;
  /** The current block, innermost. */
  private env: Block;
  private readonly moduleLocals: ast.Binding[] = [];
  private readonly moduleGlobals: ast.Binding[] = [];
  private readonly globals = new Map<string, ast.Binding>();
  /** Memoized predeclared and universal bindings. */
  private readonly predeclared = new Map<string, ast.Binding>();
  /** Every function, to compute their cells once all closures are known. */
  private readonly functions: ast.FunctionInfo[] = [];
  private loops = 0; // enclosing loops in the current function (or file)
  private ifstmts = 0; // enclosing if statements
  private readonly errors: StaticError[] = [];

  constructor(options: FileOptions, isPredeclared: NamePredicate, isUniversal: NamePredicate) {
    this.options = options;
    this.isPredeclared = isPredeclared;
    this.isUniversal = isUniversal;
    this.file = new Block(null, null, null);
    this.env = this.file;
  }

  errorf(pos: Position, msg: string): void {
    this.errors.push(new StaticError(pos, msg));
  }

  throwErrors(): void {
    if (this.errors.length > 0) throw new StaticErrorList(this.errors);
  }

  /** Resolves what is left at the end of the module and returns its metadata. */
  finish(): ast.ModuleInfo {
    this.file.resolveLocalUses();
    // Function bodies may refer to globals declared later, so non-local uses wait until now.
    this.resolveNonLocalUses(this.file);
    for (const fn of this.functions) fn.cells = cellsOf(fn.locals);
    return {
      locals: this.moduleLocals,
      cells: cellsOf(this.moduleLocals),
      globals: this.moduleGlobals,
    };
  }

  /** The innermost function block, or the file block. */
  private container(): Block {
    for (let b: Block = this.env; ; b = b.parent as Block) {
      if (b.fn !== null || b === this.file) return b;
    }
  }

  private atTopLevel(): boolean {
    return this.container().fn === null;
  }

  /**
   * Binds id: a global at top level (an error if already bound, unless globalReassign), a local
   * otherwise. Returns whether a binding already existed.
   */
  bind(id: ast.Ident): boolean {
    if (this.env !== this.file) return this.bindLocal(id);
    let bind = this.file.bindings.get(id.name) ?? this.globals.get(id.name);
    const existed = bind !== undefined;
    if (bind === undefined) {
      bind = new ast.Binding('global', this.moduleGlobals.length, id);
      this.globals.set(id.name, bind);
      this.moduleGlobals.push(bind);
    }
    if (existed && !this.options.globalReassign) {
      const first = bind.first as ast.Ident;
      this.errorf(
        id.namePos,
        `cannot reassign ${bind.scope} ${id.name} declared at ${formatPosition(first.namePos)}`,
      );
    }
    id.binding = bind;
    return existed;
  }

  private bindLocal(id: ast.Ident): boolean {
    const existed = this.env.bindings.has(id.name);
    if (!existed) {
      const fn = this.container().fn;
      const locals = fn !== null ? fn.locals : this.moduleLocals;
      const bind = new ast.Binding('local', locals.length, id);
      this.env.bindings.set(id.name, bind);
      locals.push(bind);
    }
    this.use(id);
    return existed;
  }

  private use(id: ast.Ident): void {
    const use: Use = { id, env: this.env };
    // With globalReassign, a top-level use is resolved at its point of use (legacy Bazel/Python
    // order): `print(len); len = 1; print(len)` sees the builtin, then the global.
    if (this.options.globalReassign && this.env === this.file) {
      this.useToplevel(use);
      return;
    }
    this.container().uses.push(use);
  }

  /** Resolves a use of a name visible at top level: file-local, global, predeclared, universal. */
  private useToplevel(use: Use): ast.Binding {
    const id = use.id;
    const name = id.name;
    let bind = this.file.bindings.get(name) ?? this.globals.get(name) ?? this.predeclared.get(name);
    if (bind === undefined) {
      if (this.isPredeclared(name)) {
        bind = new ast.Binding('predeclared', 0, null);
        this.predeclared.set(name, bind);
      } else if (this.isUniversal(name)) {
        if (!this.options.set && name === 'set') this.errorf(id.namePos, `${DOESNT}support sets`);
        bind = new ast.Binding('universal', 0, null);
        this.predeclared.set(name, bind);
      } else {
        bind = new ast.Binding('undefined', 0, null);
        const hint = this.spellcheck(use);
        this.errorf(
          id.namePos,
          `undefined: ${name}${hint !== '' ? ` (did you mean ${hint}?)` : ''}`,
        );
      }
    }
    id.binding = bind;
    return bind;
  }

  private spellcheck(use: Use): string {
    const names: string[] = [];
    for (let b: Block | null = use.env; b !== null; b = b.parent) names.push(...b.bindings.keys());
    for (const g of this.moduleGlobals) names.push((g.first as ast.Ident).name);
    names.sort();
    return nearest(use.id.name, names);
  }

  stmt(s: ast.Stmt): void {
    switch (s.kind) {
      case 'ExprStmt':
        this.expr(s.x);
        return;
      case 'BranchStmt':
        if (this.loops === 0 && s.token !== 'pass')
          this.errorf(s.tokenPos, `${s.token} not in a loop`);
        return;
      case 'IfStmt':
        if (!this.options.topLevelControl && this.atTopLevel()) {
          this.errorf(s.ifPos, 'if statement not within a function');
        }
        this.expr(s.cond);
        this.ifstmts++;
        for (const t of s.true) this.stmt(t);
        for (const f of s.false) this.stmt(f);
        this.ifstmts--;
        return;
      case 'AssignStmt':
        this.expr(s.rhs);
        this.assign(s.lhs, s.op !== '=');
        return;
      case 'DefStmt': {
        this.bind(s.name);
        const fn = newFunction(s.defPos, s.name.name, s.params, s.body);
        s.fn = fn;
        this.function(fn);
        return;
      }
      case 'ForStmt':
        if (!this.options.topLevelControl && this.atTopLevel()) {
          this.errorf(s.forPos, 'for loop not within a function');
        }
        this.expr(s.x);
        this.assign(s.vars, false);
        this.loops++;
        for (const b of s.body) this.stmt(b);
        this.loops--;
        return;
      case 'WhileStmt':
        if (!this.options.while) this.errorf(s.whilePos, `${DOESNT}support while loops`);
        if (!this.options.topLevelControl && this.atTopLevel()) {
          this.errorf(s.whilePos, 'while loop not within a function');
        }
        this.expr(s.cond);
        this.loops++;
        for (const b of s.body) this.stmt(b);
        this.loops--;
        return;
      case 'ReturnStmt':
        if (this.atTopLevel()) this.errorf(s.returnPos, 'return statement not within a function');
        if (s.result !== null) this.expr(s.result);
        return;
      case 'LoadStmt':
        this.load(s);
        return;
    }
  }

  private load(s: ast.LoadStmt): void {
    if (!this.atTopLevel()) this.errorf(s.loadPos, 'load statement within a function');
    else if (this.loops > 0) this.errorf(s.loadPos, 'load statement within a loop');
    else if (this.ifstmts > 0) this.errorf(s.loadPos, 'load statement within a conditional');
    s.from.forEach((from, i) => {
      if (from.name === '') {
        this.errorf(from.namePos, 'load: empty identifier');
        return;
      }
      if (from.name[0] === '_') {
        this.errorf(
          from.namePos,
          `load: names with leading underscores are not exported: ${from.name}`,
        );
      }
      const id = s.to[i] as ast.Ident;
      if (this.options.loadBindsGlobally) {
        this.bind(id);
      } else if (this.bindLocal(id) && !this.options.globalReassign) {
        // The earlier binding's position is not known yet (its use may be unresolved).
        this.errorf(id.namePos, `cannot reassign top-level ${id.name}`);
      }
    });
  }

  private assign(lhs: ast.Expr, isAugmented: boolean): void {
    switch (lhs.kind) {
      case 'Ident':
        this.bind(lhs);
        return;
      case 'IndexExpr':
        this.expr(lhs.x);
        this.expr(lhs.y);
        return;
      case 'DotExpr':
        this.expr(lhs.x);
        return;
      case 'TupleExpr':
      case 'ListExpr': {
        if (isAugmented) {
          const what = lhs.kind === 'TupleExpr' ? 'tuple' : 'list';
          this.errorf(
            ast.startPos(lhs) as Position,
            `can't use ${what} expression in augmented assignment`,
          );
        }
        for (const elem of lhs.list) this.assign(elem, isAugmented);
        return;
      }
      case 'ParenExpr':
        this.assign(lhs.x, isAugmented);
        return;
      default:
        this.errorf(ast.startPos(lhs) as Position, `can't assign to ${lhs.kind.toLowerCase()}`);
    }
  }

  expr(e: ast.Expr): void {
    switch (e.kind) {
      case 'Ident':
        this.use(e);
        return;
      case 'Literal':
        return;
      case 'ListExpr':
      case 'TupleExpr':
        for (const x of e.list) this.expr(x);
        return;
      case 'CondExpr':
        this.expr(e.cond);
        this.expr(e.true);
        this.expr(e.false);
        return;
      case 'IndexExpr':
        this.expr(e.x);
        this.expr(e.y);
        return;
      case 'DictEntry':
        this.expr(e.key);
        this.expr(e.value);
        return;
      case 'SliceExpr':
        this.expr(e.x);
        if (e.lo !== null) this.expr(e.lo);
        if (e.hi !== null) this.expr(e.hi);
        if (e.step !== null) this.expr(e.step);
        return;
      case 'Comprehension':
        this.comprehension(e);
        return;
      case 'DictExpr':
        for (const entry of e.list) {
          this.expr(entry.key);
          this.expr(entry.value);
        }
        return;
      case 'UnaryExpr':
        if (e.x !== null) this.expr(e.x);
        return;
      case 'BinaryExpr': {
        // Walk a left-nested chain (a + b + c + ...) iteratively, in the same order as recursion.
        const rights: ast.Expr[] = [];
        let x: ast.Expr = e;
        while (x.kind === 'BinaryExpr') {
          rights.push(x.y);
          x = x.x;
        }
        this.expr(x);
        for (let i = rights.length - 1; i >= 0; i--) this.expr(rights[i] as ast.Expr);
        return;
      }
      case 'DotExpr':
        this.expr(e.x);
        return;
      case 'CallExpr':
        resolveCallArgs(this, e);
        return;
      case 'LambdaExpr': {
        const ret: ast.ReturnStmt = { kind: 'ReturnStmt', returnPos: e.lambdaPos, result: e.body };
        const fn = newFunction(e.lambdaPos, 'lambda', e.params, [ret]);
        e.fn = fn;
        this.function(fn);
        return;
      }
      case 'ParenExpr':
        this.expr(e.x);
        return;
    }
  }

  private comprehension(e: ast.Comprehension): void {
    // The first clause's operand is resolved outside the comprehension: [x for x in x].
    const first = e.clauses[0] as ast.ForClause;
    this.expr(first.x);
    this.env = new Block(this.env, null, e);
    this.assign(first.vars, false);
    for (const clause of e.clauses.slice(1)) {
      if (clause.kind === 'IfClause') {
        this.expr(clause.cond);
      } else {
        this.assign(clause.vars, false);
        this.expr(clause.x);
      }
    }
    this.expr(e.body);
    this.env = this.env.parent as Block;
  }

  private function(fn: ast.FunctionInfo): void {
    this.functions.push(fn);
    // Defaults are evaluated in the enclosing block.
    for (const p of fn.params) if (p.kind === 'BinaryExpr') this.expr(p.y);
    const b = new Block(this.env, fn, null);
    this.env = b;
    const outerLoops = this.loops;
    this.loops = 0;
    bindParams(this, fn);
    for (const s of fn.body) this.stmt(s);
    b.resolveLocalUses();
    this.env = b.parent as Block;
    this.loops = outerLoops;
  }

  // Children first, so inner functions capture through their enclosing functions.
  private resolveNonLocalUses(b: Block): void {
    for (const child of b.children) this.resolveNonLocalUses(child);
    for (const use of b.uses) use.id.binding = this.lookupLexical(use, use.env);
  }

  private lookupLexical(use: Use, env: Block): ast.Binding {
    if (env === this.file) return this.useToplevel(use);
    const name = use.id.name;
    let bind = env.bindings.get(name);
    if (bind === undefined) {
      bind = this.lookupLexical(use, env.parent as Block);
      const fn = env.fn;
      if (
        fn !== null &&
        (bind.scope === 'local' || bind.scope === 'free' || bind.scope === 'cell')
      ) {
        // Found in an enclosing function: capture it as a free variable of this one, and make
        // the enclosing local a cell.
        if (bind.scope === 'local') bind.scope = 'cell';
        const index = fn.freeVars.length;
        fn.freeVars.push(bind);
        bind = new ast.Binding('free', index, bind.first);
      }
      // Memoize: at most one free variable per name, and no repeated failing global lookups.
      env.bindings.set(name, bind);
    }
    return bind;
  }
}

function newFunction(
  pos: Position,
  name: string,
  params: ast.Expr[],
  body: ast.Stmt[],
): ast.FunctionInfo {
  return {
    pos,
    name,
    params,
    body,
    hasVarargs: false,
    hasKwargs: false,
    numKwonlyParams: 0,
    numParams: 0,
    locals: [],
    cells: [],
    freeVars: [],
  };
}

function cellsOf(locals: readonly ast.Binding[]): number[] {
  const cells: number[] = [];
  locals.forEach((b, i) => {
    if (b.scope === 'cell') cells.push(i);
  });
  return cells;
}
