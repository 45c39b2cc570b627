// Operators, with inline fast paths for small ints and strings before the generic values/ ops.
import type { Position } from '../errors.ts';
import type * as ast from '../syntax/ast.ts';
import type { BinaryOp, CompareOp, Value } from '../values/index.ts';
import { binary, compare, equals, unary } from '../values/index.ts';
import type { Compiler, ExprFn } from './compile.ts';
import { compileExpr } from './compile-expr.ts';
import { compilePlus } from './compile-plus.ts';
import { interpolate } from '../values/interpolate.ts';

export const MAX = Number.MAX_SAFE_INTEGER;
export const MIN = Number.MIN_SAFE_INTEGER;

export function truthOf(v: Value): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return true; // a bigint is never 0
    default:
      return v.truth();
  }
}

export function compileUnaryExpr(c: Compiler, e: ast.UnaryExpr): ExprFn {
  if (e.x === null) throw new Error('compile: bare * outside parameters');
  const x = compileExpr(c, e.x);
  const pos = e.opPos;
  c.setPos(pos);
  c.emit();
  switch (e.op) {
    case 'not':
      return (fr) => !truthOf(x(fr));
    case '-':
      return (fr) => {
        const v = x(fr);
        if (typeof v === 'number') return 0 - v; // 0 - v, not -v: never -0
        fr.pos = pos;
        return unary('-', v);
      };
    case '+':
    case '~': {
      const op = e.op;
      return (fr) => {
        const v = x(fr);
        fr.pos = pos;
        return unary(op, v);
      };
    }
    default:
      throw new Error(`compile: unexpected unary ${e.op}`);
  }
}

export function compileBinaryExpr(c: Compiler, e: ast.BinaryExpr): ExprFn {
  const op = e.op;
  if (op === 'or' || op === 'and') {
    const x = compileExpr(c, e.x);
    const y = compileExpr(c, e.y);
    return op === 'or'
      ? (fr) => {
          const v = x(fr);
          return truthOf(v) ? v : y(fr);
        }
      : (fr) => {
          const v = x(fr);
          return truthOf(v) ? y(fr) : v;
        };
  }
  if (op === '=') throw new Error('compile: keyword argument outside a call');
  if (op === '+') return compilePlus(c, e);
  const x = compileExpr(c, e.x);
  const y = compileExpr(c, e.y);
  c.setPos(e.opPos);
  c.emit();
  return binaryFn(op, x, y, e.opPos);
}

/** The closure for x op y, evaluating x then y. */
export function binaryFn(op: ast.BinaryOp, x: ExprFn, y: ExprFn, pos: Position): ExprFn {
  switch (op) {
    case '+':
      return (fr) => {
        const a = x(fr);
        const b = y(fr);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a + b;
          if (r <= MAX && r >= MIN) return r;
        } else if (typeof a === 'string' && typeof b === 'string') {
          return a + b;
        }
        fr.pos = pos;
        return binary('+', a, b);
      };
    case '-':
      return (fr) => {
        const a = x(fr);
        const b = y(fr);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a - b;
          if (r <= MAX && r >= MIN) return r;
        }
        fr.pos = pos;
        return binary('-', a, b);
      };
    case '*':
      return (fr) => {
        const a = x(fr);
        const b = y(fr);
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a * b;
          if (r <= MAX && r >= MIN) return r + 0; // + 0 turns -0 into 0
        }
        fr.pos = pos;
        return binary('*', a, b);
      };
    case '//':
      return (fr) => {
        const a = x(fr);
        const b = y(fr);
        // Exact for int32 operands: the float quotient is far from the next integer.
        if (
          typeof a === 'number' &&
          typeof b === 'number' &&
          (a | 0) === a &&
          (b | 0) === b &&
          b !== 0
        ) {
          return Math.floor(a / b) + 0;
        }
        fr.pos = pos;
        return binary('//', a, b);
      };
    case '%':
      return (fr) => {
        const a = x(fr);
        const b = y(fr);
        if (
          typeof a === 'number' &&
          typeof b === 'number' &&
          (a | 0) === a &&
          (b | 0) === b &&
          b !== 0
        ) {
          let r = a % b;
          if (r !== 0 && r < 0 !== b < 0) r += b;
          return r + 0;
        }
        fr.pos = pos;
        if (typeof a === 'string') return interpolate(a, b); // what binary() does for a string
        return binary('%', a, b);
      };
    case '==':
      return (fr) => {
        const a = x(fr);
        const b = y(fr);
        if (typeof a === typeof b && (typeof a === 'number' || typeof a === 'string'))
          return a === b;
        fr.pos = pos;
        return equals(a, b);
      };
    case '!=':
      return (fr) => {
        const a = x(fr);
        const b = y(fr);
        if (typeof a === typeof b && (typeof a === 'number' || typeof a === 'string'))
          return a !== b;
        fr.pos = pos;
        return !equals(a, b);
      };
    case '<':
      return (fr) => {
        const a = x(fr);
        const b = y(fr);
        if (typeof a === 'number' && typeof b === 'number') return a < b;
        fr.pos = pos;
        return compare('<', a, b);
      };
    case '<=':
    case '>':
    case '>=':
      return compareFn(op, x, y, pos);
    default:
      return genericFn(op as BinaryOp, x, y, pos);
  }
}

function compareFn(op: CompareOp, x: ExprFn, y: ExprFn, pos: Position): ExprFn {
  return (fr) => {
    const a = x(fr);
    const b = y(fr);
    if (typeof a === 'number' && typeof b === 'number') {
      return op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
    fr.pos = pos;
    return compare(op, a, b);
  };
}

function genericFn(op: BinaryOp, x: ExprFn, y: ExprFn, pos: Position): ExprFn {
  return (fr) => {
    const a = x(fr);
    const b = y(fr);
    fr.pos = pos;
    return binary(op, a, b);
  };
}
