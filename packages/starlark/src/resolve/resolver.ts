// The name resolver: a re-implementation of starlark-go's resolve.go semantics. It decides, for
// every identifier, whether it is a local, cell, free, global, predeclared or universal name,
// allocates slots, computes closures, and collects every static error in resolve.go's order.

import type { Position } from '../errors.ts';
import * as ast from '../syntax/ast.ts';
import type { FileOptions } from '../syntax/options.ts';
import { isStackOverflow } from '../syntax/parse.ts';
import { Block } from './block.ts';
import { bindParams, type Checker, resolveCallArgs } from './calls.ts';
import { DOESNT, type NamePredicate, Scopes } from './scopes.ts';

export type { NamePredicate };

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

class Resolver extends Scopes implements Checker {
  private loops = 0; // enclosing loops in the current function (or file)
  private ifstmts = 0; // enclosing if statements

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
        for (let i = 0; i < e.list.length; i++) this.expr(e.list[i] as ast.Expr);
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
        for (let i = 0; i < e.list.length; i++) {
          const entry = e.list[i] as ast.DictEntry;
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
