// def and lambda: compile the body once; at run time evaluate the defaults and capture cells.
import type * as ast from '../syntax/ast.ts';
import type { Value } from '../values/index.ts';
import type { Compiler, ExprFn } from './compile.ts';
import { compileExpr } from './compile-expr.ts';
import type { Cell, Frame } from './frame.ts';
import { MANDATORY, StarlarkFunction } from './function.ts';

/** A closure that creates the function value described by info. */
export function makeFunction(c: Compiler, info: ast.FunctionInfo): ExprFn {
  c.setPos(info.pos); // evaluating the defaults may fail
  // Defaults in parameter order; a keyword-only parameter without one is MANDATORY.
  const defaults: Array<ExprFn | null> = [];
  let seenStar = false;
  for (const p of info.params) {
    if (p.kind === 'BinaryExpr') defaults.push(compileExpr(c, p.y));
    else if (p.kind === 'UnaryExpr') seenStar = true;
    else if (seenStar) defaults.push(null);
  }
  const capture = info.freeVars.map((b) => ({ cell: b.scope === 'cell', index: b.index }));
  c.emit();
  const code = c.funcInfo(info);

  return (fr: Frame): Value => {
    const dv = new Array<Value>(defaults.length);
    for (let i = 0; i < defaults.length; i++) {
      const d = defaults[i];
      dv[i] = d === null || d === undefined ? MANDATORY : d(fr);
    }
    const cells = new Array<Cell>(capture.length);
    for (let i = 0; i < capture.length; i++) {
      const cap = capture[i] as (typeof capture)[number];
      cells[i] = (cap.cell ? fr.locals[cap.index] : fr.free[cap.index]) as Cell;
    }
    return new StarlarkFunction(code, (fr.callable as StarlarkFunction).module, dv, cells);
  };
}
