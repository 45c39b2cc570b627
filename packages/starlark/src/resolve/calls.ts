// Static checks of call arguments and parameter lists (order, repetition, limits).

import type * as ast from '../syntax/ast.ts';
import { startPos } from '../syntax/ast.ts';
import type { Position } from '../errors.ts';

/** What the checks need from the resolver. */
export interface Checker {
  errorf(pos: Position, msg: string): void;
  expr(e: ast.Expr): void;
  /** Binds a parameter in the current (function) block; true if it was already bound there. */
  bind(id: ast.Ident): boolean;
}

export function resolveCallArgs(r: Checker, call: ast.CallExpr): void {
  r.expr(call.fn);
  let seenVarargs = false;
  let seenKwargs = false;
  let seenNames: Set<string> | null = null; // made on the first keyword: most calls have none
  let positional = 0;
  let named = 0;
  const args = call.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as ast.Expr;
    // startPos walks down the argument: only an error needs it.
    if (arg.kind === 'UnaryExpr' && arg.op === '**') {
      if (seenKwargs) r.errorf(startPos(arg) as Position, 'multiple **kwargs not allowed');
      seenKwargs = true;
      r.expr(arg);
    } else if (arg.kind === 'UnaryExpr' && arg.op === '*') {
      if (seenKwargs) r.errorf(startPos(arg) as Position, '*args may not follow **kwargs');
      else if (seenVarargs) r.errorf(startPos(arg) as Position, 'multiple *args not allowed');
      seenVarargs = true;
      r.expr(arg);
    } else if (arg.kind === 'BinaryExpr' && arg.op === '=') {
      named++;
      if (seenKwargs) {
        r.errorf(startPos(arg) as Position, 'keyword argument may not follow **kwargs');
      } else if (seenVarargs) {
        r.errorf(startPos(arg) as Position, 'keyword argument may not follow *args');
      }
      const name = arg.x as ast.Ident;
      seenNames ??= new Set<string>();
      if (seenNames.has(name.name))
        r.errorf(name.namePos, `keyword argument "${name.name}" is repeated`);
      else seenNames.add(name.name);
      r.expr(arg.y);
    } else {
      positional++;
      if (seenVarargs) {
        r.errorf(startPos(arg) as Position, 'positional argument may not follow *args');
      } else if (seenKwargs) {
        r.errorf(startPos(arg) as Position, 'positional argument may not follow **kwargs');
      } else if (seenNames !== null) {
        r.errorf(startPos(arg) as Position, 'positional argument may not follow named');
      }
      r.expr(arg);
    }
  }
  // The compiler's encoding limits, reported gracefully.
  if (positional >= 256 || named >= 256) {
    const callPos = startPos(call) as Position;
    if (positional >= 256)
      r.errorf(callPos, `${positional} positional arguments in call, limit is 255`);
    if (named >= 256) r.errorf(callPos, `${named} keyword arguments in call, limit is 255`);
  }
}

/**
 * Binds the parameters of fn in its (current) block and checks their order. Ordinary parameters
 * get the first local slots; *args and **kwargs are bound last so no slot is wasted on a bare `*`.
 */
export function bindParams(r: Checker, fn: ast.FunctionInfo): void {
  let seenOptional = false;
  let star: ast.UnaryExpr | null = null;
  let starStar: ast.Ident | null = null;
  let numKwonly = 0;
  for (const param of fn.params) {
    if (param.kind === 'Ident') {
      if (starStar !== null)
        r.errorf(param.namePos, `required parameter may not follow **${starStar.name}`);
      else if (star !== null) numKwonly++;
      else if (seenOptional) r.errorf(param.namePos, 'required parameter may not follow optional');
      if (r.bind(param)) r.errorf(param.namePos, `duplicate parameter: ${param.name}`);
    } else if (param.kind === 'BinaryExpr') {
      if (starStar !== null)
        r.errorf(param.opPos, `optional parameter may not follow **${starStar.name}`);
      else if (star !== null) numKwonly++;
      const id = param.x as ast.Ident;
      if (r.bind(id)) r.errorf(param.opPos, `duplicate parameter: ${id.name}`);
      seenOptional = true;
    } else if (param.kind === 'UnaryExpr') {
      if (param.op === '*') {
        if (starStar !== null)
          r.errorf(param.opPos, `* parameter may not follow **${starStar.name}`);
        else if (star !== null) r.errorf(param.opPos, 'multiple * parameters not allowed');
        else star = param;
      } else {
        if (starStar !== null) r.errorf(param.opPos, 'multiple ** parameters not allowed');
        starStar = param.x as ast.Ident;
      }
    }
  }
  if (star !== null) {
    const id = star.x;
    if (id !== null && id.kind === 'Ident') {
      if (r.bind(id)) r.errorf(id.namePos, `duplicate parameter: ${id.name}`);
      fn.hasVarargs = true;
    } else if (numKwonly === 0) {
      r.errorf(star.opPos, 'bare * must be followed by keyword-only parameters');
    }
  }
  if (starStar !== null) {
    if (r.bind(starStar)) r.errorf(starStar.namePos, `duplicate parameter: ${starStar.name}`);
    fn.hasKwargs = true;
  }
  fn.numKwonlyParams = numKwonly;
  // As starlark-go's compiler: `def f(a, *, b)` has 2 parameters (the bare * takes no slot).
  fn.numParams = fn.params.length - (numKwonly > 0 && !fn.hasVarargs ? 1 : 0);
}
