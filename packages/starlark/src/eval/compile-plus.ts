// x + y + z ...: starlark-go's compiler folds runs of adjacent literals in a '+' chain, and keeps
// a position per remaining '+'.
import type { Position } from '../errors.ts';
import type * as ast from '../syntax/ast.ts';
import { binary } from '../values/index.ts';
import type { Compiler, ExprFn } from './compile.ts';
import { compileExpr } from './compile-expr.ts';
import { binaryFn, MAX, MIN } from './compile-ops.ts';

/**
 * x + y + z ...: like starlark-go, adjacent string (bytes, list, tuple) literals are folded
 * first; each remaining '+' keeps its own position for errors.
 */
export function compilePlus(c: Compiler, e: ast.BinaryExpr): ExprFn {
  const summands: Array<{ x: ast.Expr; pos: Position | null }> = [];
  let plus: ast.BinaryExpr = e;
  for (;;) {
    summands.push({ x: unparen(plus.y), pos: plus.opPos });
    const left = unparen(plus.x);
    if (left.kind !== 'BinaryExpr' || left.op !== '+') {
      summands.push({ x: left, pos: null });
      break;
    }
    plus = left;
  }
  summands.reverse();
  const folded = foldLiterals(summands);
  const first = folded[0];
  if (first === undefined) throw new Error('compile: empty sum');
  const head = compileExpr(c, first.x);
  if (folded.length === 2) {
    const s = folded[1] as Summand;
    const y = compileExpr(c, s.x);
    const pos = s.pos as Position;
    c.setPos(pos);
    c.emit();
    return binaryFn('+', head, y, pos);
  }
  if (folded.length === 1) return head;
  // Longer chains run in a loop, not as nested closures: a generated 10,000-term sum must not
  // exhaust the JS stack.
  const ys: ExprFn[] = [];
  const poss: Position[] = [];
  for (let i = 1; i < folded.length; i++) {
    const s = folded[i] as Summand;
    ys.push(compileExpr(c, s.x));
    const pos = s.pos as Position;
    poss.push(pos);
    c.setPos(pos);
    c.emit();
  }
  return (fr) => {
    let a = head(fr);
    for (let i = 0; i < ys.length; i++) {
      const b = (ys[i] as ExprFn)(fr);
      if (typeof a === 'number' && typeof b === 'number') {
        const r = a + b;
        if (r <= MAX && r >= MIN) {
          a = r;
          continue;
        }
      } else if (typeof a === 'string' && typeof b === 'string') {
        a = a + b;
        continue;
      }
      fr.pos = poss[i] as Position;
      a = binary('+', a, b);
    }
    return a;
  };
}

function unparen(e: ast.Expr): ast.Expr {
  return e.kind === 'ParenExpr' ? unparen(e.x) : e;
}

type Summand = { x: ast.Expr; pos: Position | null };

function addable(e: ast.Expr): string {
  if (e.kind === 'Literal') return e.token === 'STRING' ? 's' : e.token === 'BYTES' ? 'b' : '';
  if (e.kind === 'ListExpr') return 'l';
  if (e.kind === 'TupleExpr') return 't';
  return '';
}

function foldLiterals(args: Summand[]): Summand[] {
  const out: Summand[] = [];
  for (let i = 0; i < args.length; ) {
    const a = args[i] as Summand;
    const code = addable(a.x);
    let j = i + 1;
    if (code !== '') while (j < args.length && addable((args[j] as Summand).x) === code) j++;
    if (j > i + 1) out.push({ x: merge(code, args.slice(i, j)), pos: a.pos });
    else out.push(a);
    i = j;
  }
  return out;
}

/** One synthetic node for a run of addable literals (its positions are those of the first). */
function merge(code: string, run: Summand[]): ast.Expr {
  const first = run[0]?.x as ast.Expr;
  if (code === 's' || code === 'b') {
    const lit = first as ast.Literal;
    const value = run.map((s) => (s.x as ast.Literal).value as string).join('');
    return { ...lit, value };
  }
  const list = run.flatMap((s) => (s.x as ast.ListExpr | ast.TupleExpr).list);
  return { ...(first as ast.ListExpr | ast.TupleExpr), list } as ast.Expr;
}
