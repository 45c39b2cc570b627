// Assignment targets: names, x[i], x.f, and (nested) tuple/list unpacking.
import type { Position } from '../errors.ts';
import { StarlarkError } from '../errors.ts';
import type * as ast from '../syntax/ast.ts';
import type { BinaryOp, Value } from '../values/index.ts';
import {
  binary,
  Dict,
  getAttr,
  getIndex,
  List,
  len,
  StarObject,
  setField,
  setIndex,
  Tuple,
  typeName,
} from '../values/index.ts';
import type { Compiler, ExprFn } from './compile.ts';
import { compileExpr } from './compile-expr.ts';
import type { StoreFn } from './compile-vars.ts';
import { compileStore } from './compile-vars.ts';
import type { Frame } from './frame.ts';

/** Compiles `lhs = <value>`; pos is reported by a failed unpacking (the '=' or the 'for'). */
export function compileAssign(c: Compiler, pos: Position, lhs: ast.Expr): StoreFn {
  switch (lhs.kind) {
    case 'ParenExpr':
      return compileAssign(c, pos, lhs.x);
    case 'Ident':
      c.emit();
      return compileStore(lhs);
    case 'TupleExpr':
    case 'ListExpr':
      return compileUnpack(c, pos, lhs.list);
    case 'IndexExpr': {
      const x = compileExpr(c, lhs.x);
      const y = compileExpr(c, lhs.y);
      const at = lhs.lbrack;
      c.setPos(at);
      c.emit();
      return (fr, v) => {
        const xv = x(fr);
        const yv = y(fr);
        if (xv instanceof List && typeof yv === 'number' && yv >= 0 && yv < xv.elems.length) {
          if (!xv.frozen && xv.itercount === 0) {
            xv.elems[yv] = v;
            return;
          }
        }
        fr.pos = at;
        setIndex(xv, yv, v);
      };
    }
    case 'DotExpr': {
      const x = compileExpr(c, lhs.x);
      const at = lhs.dot;
      const name = lhs.name.name;
      c.setPos(at);
      c.emit();
      return (fr, v) => {
        const xv = x(fr);
        fr.pos = at;
        setField(xv, name, v);
      };
    }
    default:
      throw new Error(`compile: cannot assign to ${lhs.kind}`);
  }
}

function compileUnpack(c: Compiler, pos: Position, targets: readonly ast.Expr[]): StoreFn {
  c.setPos(pos);
  c.emit();
  const n = targets.length;
  const stores = targets.map((t) => compileAssign(c, pos, t));
  return (fr, v) => {
    fr.pos = pos;
    const elems = unpack(v, n);
    for (let i = 0; i < n; i++) (stores[i] as StoreFn)(fr, elems[i] as Value);
  };
}

/** The n elements of v, with starlark-go's unpacking errors. */
export function unpack(v: Value, n: number): readonly Value[] {
  if (v instanceof Tuple || v instanceof List) {
    const elems = v.elems;
    if (elems.length > n)
      throw new StarlarkError(`too many values to unpack (got ${elems.length}, want ${n})`);
    if (elems.length < n)
      throw new StarlarkError(`too few values to unpack (got ${elems.length}, want ${n})`);
    return v instanceof List ? elems.slice() : elems;
  }
  const it = v instanceof StarObject ? v.iterate() : undefined;
  if (it === undefined) throw new StarlarkError(`got ${typeName(v)} in sequence assignment`);
  const out: Value[] = [];
  try {
    while (out.length < n) {
      const x = it.next();
      if (x === undefined) break;
      out.push(x);
    }
    if (out.length === n && it.next() !== undefined) {
      throw new StarlarkError(`too many values to unpack (got ${len(v)}, want ${n})`);
    }
  } finally {
    it.done();
  }
  if (out.length < n)
    throw new StarlarkError(`too few values to unpack (got ${out.length}, want ${n})`);
  return out;
}

/** An augmented assignment `lhs op= rhs`: the target's operands are evaluated once. */
export function compileAugmented(c: Compiler, s: ast.AssignStmt): (fr: Frame) => void {
  const lhs = unparen(s.lhs);
  const op = s.op.slice(0, -1) as BinaryOp;
  const opPos = s.opPos;
  const rhs = (): ExprFn => compileExpr(c, s.rhs);
  const combine = (): ((fr: Frame, a: Value, b: Value) => Value) => {
    c.setPos(opPos);
    c.emit();
    return combiner(op, opPos);
  };
  switch (lhs.kind) {
    case 'Ident': {
      const get = compileExpr(c, lhs);
      const y = rhs();
      const f = combine();
      c.emit();
      const set = compileStore(lhs);
      return (fr) => set(fr, f(fr, get(fr), y(fr)));
    }
    case 'IndexExpr': {
      const x = compileExpr(c, lhs.x);
      const i = compileExpr(c, lhs.y);
      const at = lhs.lbrack;
      c.setPos(at);
      c.emit();
      const get = binaryIndex(at);
      const y = rhs();
      const f = combine();
      c.setPos(at);
      c.emit();
      return (fr) => {
        const xv = x(fr);
        const iv = i(fr);
        const z = f(fr, get(fr, xv, iv), y(fr));
        fr.pos = at;
        setIndex(xv, iv, z);
      };
    }
    case 'DotExpr': {
      const x = compileExpr(c, lhs.x);
      const at = lhs.dot;
      const name = lhs.name.name;
      c.setPos(at);
      c.emit();
      const y = rhs();
      const f = combine();
      c.setPos(at);
      c.emit();
      return (fr) => {
        const xv = x(fr);
        fr.pos = at;
        const z = f(fr, getAttrOf(xv, name), y(fr));
        fr.pos = at;
        setField(xv, name, z);
      };
    }
    default:
      throw new Error(`compile: cannot use ${lhs.kind} in augmented assignment`);
  }
}

function unparen(e: ast.Expr): ast.Expr {
  return e.kind === 'ParenExpr' ? unparen(e.x) : e;
}

function getAttrOf(x: Value, name: string): Value {
  return getAttr(x, name);
}

function binaryIndex(at: Position): (fr: Frame, x: Value, i: Value) => Value {
  return (fr, x, i) => {
    fr.pos = at;
    return getIndex(x, i);
  };
}

/** a op b for an augmented assignment; += and |= update lists and dicts in place. */
function combiner(op: BinaryOp, pos: Position): (fr: Frame, a: Value, b: Value) => Value {
  if (op === '+') {
    return (fr, a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const r = a + b;
        if (r <= Number.MAX_SAFE_INTEGER && r >= Number.MIN_SAFE_INTEGER) return r;
      } else if (typeof a === 'string' && typeof b === 'string') {
        return a + b;
      }
      fr.pos = pos;
      if (a instanceof List && b instanceof StarObject) {
        if (b instanceof List) {
          a.checkMutable('apply += to');
          const src = b.elems;
          const n = src.length; // x += x appends x's elements once
          for (let k = 0; k < n; k++) a.elems.push(src[k] as Value);
          return a;
        }
        const it = b.iterate();
        if (it !== undefined) {
          try {
            a.checkMutable('apply += to');
            for (let v = it.next(); v !== undefined; v = it.next()) a.elems.push(v);
          } finally {
            it.done();
          }
          return a;
        }
      }
      return binary('+', a, b);
    };
  }
  if (op === '|') {
    return (fr, a, b) => {
      fr.pos = pos;
      if (a instanceof Dict && b instanceof Dict) {
        a.ht.checkMutable('apply |= to');
        for (const e of b.ht.entries()) a.set(e.k, e.v);
        return a;
      }
      return binary('|', a, b);
    };
  }
  if (op === '-') {
    return (fr, a, b) => {
      if (typeof a === 'number' && typeof b === 'number') {
        const r = a - b;
        if (r <= Number.MAX_SAFE_INTEGER && r >= Number.MIN_SAFE_INTEGER) return r;
      }
      fr.pos = pos;
      return binary('-', a, b);
    };
  }
  return (fr, a, b) => {
    fr.pos = pos;
    return binary(op, a, b);
  };
}
