// Compiling expressions.
import { StarlarkError } from '../errors.ts';
import type * as ast from '../syntax/ast.ts';
import type { Value } from '../values/index.ts';
import {
  Bytes,
  Dict,
  EMPTY_TUPLE,
  Float,
  getAttr,
  getIndex,
  List,
  None,
  repr,
  slice,
  Tuple,
} from '../values/index.ts';
import type { Compiler, ExprFn } from './compile.ts';
import { compileCall } from './compile-call.ts';
import { compileComprehension } from './compile-comp.ts';
import { makeFunction } from './compile-def.ts';
import { compileBinaryExpr, compileUnaryExpr, truthOf } from './compile-ops.ts';
import { compileLookup } from './compile-vars.ts';

export function compileExpr(c: Compiler, e: ast.Expr): ExprFn {
  switch (e.kind) {
    case 'ParenExpr':
      return compileExpr(c, e.x);
    case 'Ident':
      return compileLookup(c, e);
    case 'Literal': {
      c.emit();
      return c.constant(literalValue(e));
    }
    case 'ListExpr':
      return compileList(c, e.list);
    case 'TupleExpr':
      return compileTuple(c, e.list);
    case 'DictExpr':
      return compileDict(c, e);
    case 'CondExpr': {
      const cond = compileExpr(c, e.cond);
      const t = compileExpr(c, e.true);
      const f = compileExpr(c, e.false);
      return (fr) => (truthOf(cond(fr)) ? t(fr) : f(fr));
    }
    case 'IndexExpr':
      return compileIndex(c, e);
    case 'SliceExpr':
      return compileSlice(c, e);
    case 'Comprehension':
      return compileComprehension(c, e);
    case 'UnaryExpr':
      return compileUnaryExpr(c, e);
    case 'BinaryExpr':
      return compileBinaryExpr(c, e);
    case 'DotExpr': {
      const x = compileExpr(c, e.x);
      const pos = e.dot;
      const name = e.name.name;
      c.setPos(pos);
      c.emit();
      return (fr) => {
        const v = x(fr);
        fr.pos = pos;
        return getAttr(v, name);
      };
    }
    case 'CallExpr':
      return compileCall(c, e);
    case 'LambdaExpr': {
      if (e.fn === null) throw new Error('compile: unresolved lambda');
      return makeFunction(c, e.fn);
    }
    case 'DictEntry':
      throw new Error('compile: dict entry outside a dict');
  }
}

export function literalValue(e: ast.Literal): Value {
  switch (e.token) {
    case 'FLOAT':
      return new Float(e.value as number);
    case 'BYTES':
      return new Bytes(e.value as string);
    default:
      return e.value;
  }
}

/** Compiles each expression in order. */
export function compileExprs(c: Compiler, es: readonly ast.Expr[]): ExprFn[] {
  const out = new Array<ExprFn>(es.length);
  for (let i = 0; i < es.length; i++) out[i] = compileExpr(c, es[i] as ast.Expr);
  return out;
}

/** Evaluates fns left to right into a new array. */
export function evalAll(fns: readonly ExprFn[]): (fr: Parameters<ExprFn>[0]) => Value[] {
  switch (fns.length) {
    case 0:
      return () => [];
    case 1: {
      const a = fns[0] as ExprFn;
      return (fr) => [a(fr)];
    }
    case 2: {
      const a = fns[0] as ExprFn;
      const b = fns[1] as ExprFn;
      return (fr) => [a(fr), b(fr)];
    }
    case 3: {
      const a = fns[0] as ExprFn;
      const b = fns[1] as ExprFn;
      const d = fns[2] as ExprFn;
      return (fr) => [a(fr), b(fr), d(fr)];
    }
    default:
      return (fr) => {
        const out = new Array<Value>(fns.length);
        for (let i = 0; i < fns.length; i++) out[i] = (fns[i] as ExprFn)(fr);
        return out;
      };
  }
}

function compileList(c: Compiler, list: readonly ast.Expr[]): ExprFn {
  const all = evalAll(compileExprs(c, list));
  c.emit();
  return (fr) => new List(all(fr));
}

function compileTuple(c: Compiler, list: readonly ast.Expr[]): ExprFn {
  const all = evalAll(compileExprs(c, list));
  c.emit();
  if (list.length === 0) return () => EMPTY_TUPLE;
  return (fr) => new Tuple(all(fr));
}

function compileDict(c: Compiler, e: ast.DictExpr): ExprFn {
  c.emit(); // MAKEDICT comes first
  const entries = e.list.map((en) => {
    const k = compileExpr(c, en.key);
    const v = compileExpr(c, en.value);
    c.setPos(en.colon);
    c.emit();
    return { k, v, pos: en.colon };
  });
  return (fr) => {
    const d = new Dict();
    for (let i = 0; i < entries.length; i++) {
      const en = entries[i] as (typeof entries)[number];
      const k = en.k(fr);
      const v = en.v(fr);
      fr.pos = en.pos;
      const before = d.len();
      d.set(k, v);
      if (d.len() === before) throw new StarlarkError(`duplicate key: ${repr(k)}`);
    }
    return d;
  };
}

function compileIndex(c: Compiler, e: ast.IndexExpr): ExprFn {
  const x = compileExpr(c, e.x);
  const y = compileExpr(c, e.y);
  const pos = e.lbrack;
  c.setPos(pos);
  c.emit();
  return (fr) => {
    const xv = x(fr);
    const yv = y(fr);
    if (xv instanceof List && typeof yv === 'number' && yv >= 0 && yv < xv.elems.length) {
      return xv.elems[yv] as Value;
    }
    fr.pos = pos;
    return getIndex(xv, yv);
  };
}

function compileSlice(c: Compiler, e: ast.SliceExpr): ExprFn {
  c.setPos(e.lbrack);
  const x = compileExpr(c, e.x);
  const lo = optional(c, e.lo);
  const hi = optional(c, e.hi);
  const step = optional(c, e.step);
  const pos = c.pos; // SLICE records no position: the last one set applies
  c.emit();
  return (fr) => {
    const xv = x(fr);
    const l = lo(fr);
    const h = hi(fr);
    const s = step(fr);
    fr.pos = pos;
    return slice(xv, l, h, s);
  };
}

function optional(c: Compiler, e: ast.Expr | null): ExprFn {
  if (e !== null) return compileExpr(c, e);
  c.emit();
  return () => None;
}
