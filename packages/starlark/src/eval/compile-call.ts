// Calls: arguments are evaluated left to right (keyword values in place), then *args, then
// **kwargs; the call itself is reported at its '('.

import { methodsOf } from '../builtins/methods.ts';
import type { Position } from '../errors.ts';
import { StarlarkError } from '../errors.ts';
import type * as ast from '../syntax/ast.ts';
import type { Kwargs, Value } from '../values/index.ts';
import { Dict, getAttr, StarObject, typeName } from '../values/index.ts';
import type { Compiler, ExprFn } from './compile.ts';
import { compileExpr, evalAll } from './compile-expr.ts';
import type { Frame, Slot } from './frame.ts';
import { StarlarkFunction } from './function.ts';

export function compileCall(c: Compiler, e: ast.CallExpr): ExprFn {
  // x.f(...) on a built-in type calls the method without allocating a bound builtin.
  let fn: ExprFn | null = null;
  let recv: ExprFn | null = null;
  if (e.fn.kind === 'DotExpr') {
    recv = compileExpr(c, e.fn.x);
    c.setPos(e.fn.dot);
    c.emit();
  } else {
    fn = compileExpr(c, e.fn);
  }
  const positional: ExprFn[] = [];
  const named: Named[] = [];
  let varargs: ast.Expr | null = null;
  let kwargs: ast.Expr | null = null;
  for (let i = 0; i < e.args.length; i++) {
    const arg = e.args[i] as ast.Expr;
    if (arg.kind === 'BinaryExpr' && arg.op === '=') {
      c.emit(); // the name constant
      named.push({ name: (arg.x as ast.Ident).name, x: compileExpr(c, arg.y) });
    } else if (arg.kind === 'UnaryExpr' && arg.op === '*' && arg.x !== null) {
      varargs = arg.x;
    } else if (arg.kind === 'UnaryExpr' && arg.op === '**' && arg.x !== null) {
      kwargs = arg.x;
    } else {
      positional.push(compileExpr(c, arg));
    }
  }
  const star = varargs === null ? null : compileExpr(c, varargs);
  const starstar = kwargs === null ? null : compileExpr(c, kwargs);
  const pos = e.lparen;
  c.setPos(pos);
  c.emit();

  // Each kind of call is made by its own function, so that its closure keeps only what it uses.
  const args = evalAll(positional);
  const simple = named.length === 0 && star === null && starstar === null;
  const rest = simple ? null : restArgs(named, star, starstar, pos);
  if (e.fn.kind === 'DotExpr') {
    return methodCall(recv as ExprFn, e.fn.name.name, e.fn.dot, args, rest, pos);
  }
  if (rest === null) return simpleCall(fn as ExprFn, positional, args, pos);
  return generalCall(fn as ExprFn, args, rest);
}

interface Named {
  name: string;
  x: ExprFn;
}

/** Keyword, *args and **kwargs arguments, evaluated after the positional ones. */
type RestFn = (fr: Frame, a: Value[]) => Kwargs | null;

function restArgs(
  named: readonly Named[],
  star: ExprFn | null,
  starstar: ExprFn | null,
  pos: Position,
): RestFn {
  return (fr, a) => {
    let kw: Kwargs | null = null;
    if (named.length > 0) {
      kw = new Array(named.length);
      for (let i = 0; i < named.length; i++) {
        const n = named[i] as Named;
        kw[i] = [n.name, n.x(fr)];
      }
    }
    const sv = star === null ? undefined : star(fr);
    const ssv = starstar === null ? undefined : starstar(fr);
    fr.pos = pos;
    if (ssv !== undefined) kw = addKwargs(kw, ssv);
    if (sv !== undefined) addVarargs(a, sv);
    return kw;
  };
}

function methodCall(
  x: ExprFn,
  name: string,
  dot: Position,
  args: (fr: Frame) => Value[],
  rest: RestFn | null,
  pos: Position,
): ExprFn {
  return (fr) => {
    const recv = x(fr);
    const m = methodsOf(recv)?.get(name);
    let f: Value | undefined;
    if (m === undefined) {
      fr.pos = dot;
      f = getAttr(recv, name);
    }
    const a = args(fr);
    const kw = rest === null ? null : rest(fr, a);
    fr.pos = pos;
    if (m !== undefined) return fr.thread.callMethod(m, recv, a, kw);
    return f instanceof StarlarkFunction
      ? f.invoke(fr.thread, a, kw)
      : fr.thread.call(f as Value, a, kw);
  };
}

/** Positional arguments only. */
function simpleCall(
  callee: ExprFn,
  positional: readonly ExprFn[],
  args: (fr: Frame) => Value[],
  pos: Position,
): ExprFn {
  const n = positional.length;
  return (fr) => {
    const f = callee(fr);
    if (f instanceof StarlarkFunction && f.code.simple && f.code.numParams === n) {
      // The arguments go straight into the callee's locals.
      const locals = new Array<Slot>(f.code.nlocals);
      for (let i = 0; i < n; i++) locals[i] = (positional[i] as ExprFn)(fr);
      fr.pos = pos;
      return f.invokeBound(fr.thread, locals);
    }
    const a = args(fr);
    fr.pos = pos;
    return f instanceof StarlarkFunction
      ? f.invoke(fr.thread, a, null)
      : fr.thread.call(f, a, null);
  };
}

function generalCall(callee: ExprFn, args: (fr: Frame) => Value[], rest: RestFn): ExprFn {
  return (fr) => {
    const f = callee(fr);
    const a = args(fr);
    const kw = rest(fr, a);
    return fr.thread.call(f, a, kw);
  };
}

/** Appends the items of the **kwargs mapping. */
function addKwargs(kw: Kwargs | null, m: Value): Kwargs {
  const out: Kwargs = kw ?? [];
  if (m instanceof Dict) {
    const items: Kwargs = [];
    for (const e of m.ht.entries()) {
      if (typeof e.k !== 'string')
        throw new StarlarkError(`keywords must be strings, not ${typeName(e.k)}`);
      items.push([e.k, e.v]);
    }
    for (const it of items) out.push(it);
    return out;
  }
  if (!(m instanceof StarObject) || !m.isMapping) {
    throw new StarlarkError(`argument after ** must be a mapping, not ${typeName(m)}`);
  }
  // Another mapping: its items are its keys (in iteration order) with their values.
  const it = m.iterate();
  if (it === undefined)
    throw new StarlarkError(`argument after ** must be a mapping, not ${typeName(m)}`);
  const keys: Value[] = [];
  try {
    for (let k = it.next(); k !== undefined; k = it.next()) keys.push(k);
  } finally {
    it.done();
  }
  const items: Kwargs = [];
  for (const k of keys) {
    if (typeof k !== 'string')
      throw new StarlarkError(`keywords must be strings, not ${typeName(k)}`);
    items.push([k, m.get(k) as Value]);
  }
  for (const item of items) out.push(item);
  return out;
}

/** Appends the elements of the *args iterable. */
function addVarargs(a: Value[], v: Value): void {
  const it = v instanceof StarObject ? v.iterate() : undefined;
  if (it === undefined)
    throw new StarlarkError(`argument after * must be iterable, not ${typeName(v)}`);
  try {
    for (let x = it.next(); x !== undefined; x = it.next()) a.push(x);
  } finally {
    it.done();
  }
}
