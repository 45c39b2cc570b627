// Compiling statements. Each returns a Completion; loops consume BREAK/CONTINUE.
import { StarlarkError } from '../errors.ts';
import { nearest } from '../spell.ts';
import type * as ast from '../syntax/ast.ts';
import type { Value } from '../values/index.ts';
import { iterate, List, None, Range } from '../values/index.ts';
import type { Compiler, Completion, StmtFn } from './compile.ts';
import { BREAK, CONTINUE, NORMAL, RETURN } from './compile.ts';
import { compileAssign, compileAugmented } from './compile-assign.ts';
import { makeFunction } from './compile-def.ts';
import { compileExpr } from './compile-expr.ts';
import { truthOf } from './compile-ops.ts';
import { compileStore } from './compile-vars.ts';

export function compileBlock(c: Compiler, stmts: readonly ast.Stmt[]): StmtFn {
  const fns: StmtFn[] = [];
  for (let i = 0; i < stmts.length; i++) {
    const f = compileStmt(c, stmts[i] as ast.Stmt);
    if (f !== null) fns.push(f);
  }
  return sequence(fns);
}

function sequence(fns: readonly StmtFn[]): StmtFn {
  switch (fns.length) {
    case 0:
      return () => NORMAL;
    case 1:
      return fns[0] as StmtFn;
    case 2: {
      const a = fns[0] as StmtFn;
      const b = fns[1] as StmtFn;
      return (fr) => {
        const r = a(fr);
        return r !== NORMAL ? r : b(fr);
      };
    }
    default:
      return (fr) => {
        for (let i = 0; i < fns.length; i++) {
          const r = (fns[i] as StmtFn)(fr);
          if (r !== NORMAL) return r;
        }
        return NORMAL;
      };
  }
}

/** null for statements that compile to nothing (pass, doc strings). */
function compileStmt(c: Compiler, s: ast.Stmt): StmtFn | null {
  switch (s.kind) {
    case 'ExprStmt': {
      if (s.x.kind === 'Literal') return null; // doc comments are not evaluated
      const x = compileExpr(c, s.x);
      return (fr) => {
        x(fr);
        return NORMAL;
      };
    }
    case 'BranchStmt':
      if (s.token === 'pass') return null;
      return s.token === 'break' ? () => BREAK : () => CONTINUE;
    case 'IfStmt': {
      const cond = compileExpr(c, s.cond);
      const t = compileBlock(c, s.true);
      const f = compileBlock(c, s.false);
      return (fr) => (truthOf(cond(fr)) ? t(fr) : f(fr));
    }
    case 'AssignStmt':
      return compileAssignStmt(c, s);
    case 'DefStmt': {
      if (s.fn === null) throw new Error('compile: unresolved def');
      const make = makeFunction(c, s.fn);
      c.emit();
      const set = compileStore(s.name);
      return (fr) => {
        set(fr, make(fr));
        return NORMAL;
      };
    }
    case 'ForStmt':
      return compileFor(c, s);
    case 'WhileStmt':
      return compileWhile(c, s);
    case 'ReturnStmt': {
      if (s.result === null) {
        c.emit();
        return (fr) => {
          fr.ret = None;
          return RETURN;
        };
      }
      const x = compileExpr(c, s.result);
      return (fr) => {
        fr.ret = x(fr);
        return RETURN;
      };
    }
    case 'LoadStmt':
      return compileLoad(c, s);
  }
}

function compileAssignStmt(c: Compiler, s: ast.AssignStmt): StmtFn {
  if (s.op !== '=') {
    const f = compileAugmented(c, s);
    return (fr) => {
      f(fr);
      return NORMAL;
    };
  }
  const rhs = compileExpr(c, s.rhs);
  const lhs = unparen(s.lhs);
  if (lhs.kind === 'Ident' && lhs.binding?.scope === 'local') {
    c.emit();
    const i = lhs.binding.index;
    return (fr) => {
      fr.locals[i] = rhs(fr);
      return NORMAL;
    };
  }
  const set = compileAssign(c, s.opPos, s.lhs);
  return (fr) => {
    set(fr, rhs(fr));
    return NORMAL;
  };
}

function unparen(e: ast.Expr): ast.Expr {
  return e.kind === 'ParenExpr' ? unparen(e.x) : e;
}

function compileFor(c: Compiler, s: ast.ForStmt): StmtFn {
  const x = compileExpr(c, s.x);
  const pos = s.forPos;
  c.setPos(pos);
  c.emit();
  const set = compileAssign(c, pos, s.vars);
  const body = compileBlock(c, s.body);
  return (fr) => {
    const xv = x(fr);
    fr.pos = pos;
    const t = fr.thread;
    // Ranges and lists are walked in place (same locking and step counting as their iterators).
    if (xv instanceof Range) {
      const { start, step, n } = xv;
      for (let i = 0; i < n; i++) {
        if (++t.steps >= t.stepLimit) t.stepLimitReached();
        set(fr, start + i * step);
        const r = body(fr);
        if (r !== NORMAL && r !== CONTINUE) {
          if (r === RETURN) return RETURN;
          break;
        }
      }
      return NORMAL;
    }
    if (xv instanceof List) {
      if (!xv.frozen) xv.itercount++;
      try {
        for (let i = 0; i < xv.elems.length; i++) {
          if (++t.steps >= t.stepLimit) t.stepLimitReached();
          set(fr, xv.elems[i] as Value);
          const r = body(fr);
          if (r !== NORMAL && r !== CONTINUE) {
            if (r === RETURN) return RETURN;
            break;
          }
        }
      } finally {
        if (!xv.frozen) xv.itercount--;
      }
      return NORMAL;
    }
    const it = iterate(xv);
    try {
      for (let v = it.next(); v !== undefined; v = it.next()) {
        if (++t.steps >= t.stepLimit) t.stepLimitReached();
        set(fr, v);
        const r = body(fr);
        if (r !== NORMAL && r !== CONTINUE) {
          if (r === RETURN) return RETURN;
          break;
        }
      }
    } finally {
      it.done();
    }
    return NORMAL;
  };
}

function compileWhile(c: Compiler, s: ast.WhileStmt): StmtFn {
  const cond = compileExpr(c, s.cond);
  const body = compileBlock(c, s.body);
  return (fr) => {
    const t = fr.thread;
    while (truthOf(cond(fr))) {
      if (++t.steps >= t.stepLimit) t.stepLimitReached();
      const r: Completion = body(fr);
      if (r !== NORMAL && r !== CONTINUE) {
        if (r === RETURN) return RETURN;
        break;
      }
    }
    return NORMAL;
  };
}

function compileLoad(c: Compiler, s: ast.LoadStmt): StmtFn {
  const module = s.module.value as string;
  const from = s.from.map((id) => id.name);
  c.emit();
  const pos = s.loadPos;
  c.setPos(pos);
  c.emit();
  const stores = s.to.map((id) => compileStore(id));
  return (fr) => {
    fr.pos = pos;
    let dict: ReadonlyMap<string, Value>;
    try {
      dict = fr.thread.load(module);
    } catch (e) {
      throw new StarlarkError(
        `cannot load ${module}: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
    // starlark-go checks the names last to first.
    const vals = new Array<Value>(from.length);
    for (let i = from.length - 1; i >= 0; i--) {
      const name = from[i] as string;
      const v = dict.get(name);
      if (v === undefined) {
        const msg = `load: name ${name} not found in module ${module}`;
        const hint = nearest(name, [...dict.keys()].sort());
        throw new StarlarkError(hint === '' ? msg : `${msg} (did you mean ${hint}?)`);
      }
      vals[i] = v;
    }
    for (let i = stores.length - 1; i >= 0; i--) stores[i]?.(fr, vals[i] as Value);
    return NORMAL;
  };
}
