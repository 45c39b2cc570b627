// List and dict comprehensions. Their variables are slots of the enclosing frame (the resolver
// allocated them), so a comprehension runs in the same frame as the expression around it.
import type * as ast from '../syntax/ast.ts';
import type { Value } from '../values/index.ts';
import { Dict, iterate, List, Range } from '../values/index.ts';
import type { Compiler, ExprFn } from './compile.ts';
import { compileAssign } from './compile-assign.ts';
import { compileExpr } from './compile-expr.ts';
import { truthOf } from './compile-ops.ts';
import type { Frame } from './frame.ts';

type Sink<A> = (fr: Frame, acc: A) => void;

export function compileComprehension(c: Compiler, e: ast.Comprehension): ExprFn {
  c.emit(); // the empty accumulator comes first
  if (e.curly) {
    const body = clauses<Dict>(c, e, 0, () => {
      const entry = e.body as ast.DictEntry;
      const k = compileExpr(c, entry.key);
      const v = compileExpr(c, entry.value);
      const pos = entry.colon;
      c.setPos(pos);
      c.emit();
      return (fr, d) => {
        const kv = k(fr);
        const vv = v(fr);
        fr.pos = pos;
        d.set(kv, vv);
      };
    });
    return (fr) => {
      const d = new Dict();
      body(fr, d);
      return d;
    };
  }
  const body = clauses<Value[]>(c, e, 0, () => {
    const x = compileExpr(c, e.body);
    c.emit();
    return (fr, out) => {
      out.push(x(fr));
    };
  });
  return (fr) => {
    const out: Value[] = [];
    body(fr, out);
    return new List(out);
  };
}

/** Compiles clauses[i:] around the body, in source order (as starlark-go emits them). */
function clauses<A>(c: Compiler, e: ast.Comprehension, i: number, body: () => Sink<A>): Sink<A> {
  const clause = e.clauses[i];
  if (clause === undefined) return body();
  if (clause.kind === 'IfClause') {
    const cond = compileExpr(c, clause.cond);
    const inner = clauses(c, e, i + 1, body);
    return (fr, acc) => {
      if (truthOf(cond(fr))) inner(fr, acc);
    };
  }
  const x = compileExpr(c, clause.x);
  const pos = clause.forPos;
  c.setPos(pos);
  c.emit();
  const set = compileAssign(c, pos, clause.vars);
  const inner = clauses(c, e, i + 1, body);
  return (fr, acc) => {
    const xv = x(fr);
    fr.pos = pos;
    const t = fr.thread;
    if (xv instanceof Range) {
      const { start, step, n } = xv;
      for (let i = 0; i < n; i++) {
        if (++t.steps >= t.stepLimit) t.stepLimitReached();
        set(fr, start + i * step);
        inner(fr, acc);
      }
      return;
    }
    if (xv instanceof List) {
      if (!xv.frozen) xv.itercount++;
      try {
        for (let i = 0; i < xv.elems.length; i++) {
          if (++t.steps >= t.stepLimit) t.stepLimitReached();
          set(fr, xv.elems[i] as Value);
          inner(fr, acc);
        }
      } finally {
        if (!xv.frozen) xv.itercount--;
      }
      return;
    }
    const it = iterate(xv);
    try {
      for (let v = it.next(); v !== undefined; v = it.next()) {
        if (++t.steps >= t.stepLimit) t.stepLimitReached();
        set(fr, v);
        inner(fr, acc);
      }
    } finally {
      it.done();
    }
  };
}
