// Expression parsing, the base of the Starlark parser (parser.ts adds statements). It follows
// starlark-go's parse.go: the same grammar decisions, first error wins, and the same error
// positions (most errors are reported at the scanner's current position, just after the
// lookahead token).

import type { Position } from '../errors.ts';
import type * as ast from './ast.ts';
import type { Scanner } from './scanner.ts';
import { T, type Token, tokenGoString, tokenString } from './tokens.ts';

// Binary operator precedence (index = token), -1 for other tokens. Comparisons share level 3.
const PREC: readonly number[] = (() => {
  const levels: Token[][] = [
    [T.OR],
    [T.AND],
    [T.NOT],
    [T.EQL, T.NEQ, T.LT, T.GT, T.LE, T.GE, T.IN, T.NOT_IN],
    [T.PIPE],
    [T.CIRCUMFLEX],
    [T.AMP],
    [T.LTLT, T.GTGT],
    [T.MINUS, T.PLUS],
    [T.STAR, T.PERCENT, T.SLASH, T.SLASHSLASH],
  ];
  const prec = new Array<number>(T.YIELD + 1).fill(-1);
  levels.forEach((toks, level) => {
    for (const t of toks) prec[t] = level;
  });
  return prec;
})();
const COMPARISON_PREC = 3;
const NOT_PREC = 2;

export function terminatesExprList(t: Token): boolean {
  return (
    t === T.EOF ||
    t === T.NEWLINE ||
    t === T.EQ ||
    t === T.RBRACE ||
    t === T.RBRACK ||
    t === T.RPAREN ||
    t === T.SEMI
  );
}

export class ExprParser {
  protected readonly sc: Scanner;
  protected tok: Token = T.EOF;

  // The lookahead token, read through a method so that TypeScript does not keep a narrowed
  // type across nextToken() calls.
  protected t(): Token {
    return this.tok;
  }

  constructor(sc: Scanner) {
    this.sc = sc;
    this.skip();
  }

  /** Advances to the next token; returns the position of the token just consumed. */
  protected nextToken(): Position {
    const old = this.sc.pos;
    this.tok = this.sc.next();
    return old;
  }

  /** Advances past a token whose position is not kept (its Position is never made). */
  protected skip(): void {
    this.tok = this.sc.next();
  }

  /** consume() for a token whose position is not kept. */
  protected expect(t: Token): void {
    if (this.t() !== t) this.errorHere(`got ${tokenGoString(this.t())}, want ${tokenGoString(t)}`);
    this.tok = this.sc.next();
  }

  protected errorHere(msg: string): never {
    return this.sc.error(this.sc.here(), msg);
  }

  protected consume(t: Token): Position {
    if (this.t() !== t) this.errorHere(`got ${tokenGoString(this.t())}, want ${tokenGoString(t)}`);
    return this.nextToken();
  }

  /** A whole-input expression (a comma list is a tuple), as starlark-go's ParseExpr. */
  parseWholeExpr(): ast.Expr {
    const x = this.parseExpr(false);
    if (this.t() === T.NEWLINE) this.skip();
    if (this.t() !== T.EOF)
      this.errorHere(`got ${tokenGoString(this.t())} after expression, want EOF`);
    return x;
  }

  // Loop variables stop before `in`, so they are primaries, not full expressions.
  protected parseForLoopVariables(): ast.Expr {
    const v = this.parsePrimaryWithSuffix();
    if (this.t() !== T.COMMA) return v;
    const list: ast.Expr[] = [v];
    while (this.t() === T.COMMA) {
      this.skip();
      if (terminatesExprList(this.t())) break;
      list.push(this.parsePrimaryWithSuffix());
    }
    return { kind: 'TupleExpr', lparen: null, list, rparen: null };
  }

  protected parseIdent(): ast.Ident {
    if (this.t() !== T.IDENT) this.errorHere('not an identifier');
    const id: ast.Ident = { kind: 'Ident', namePos: this.sc.pos, name: this.sc.raw, binding: null };
    this.skip();
    return id;
  }

  // Parameters in any order; the resolver checks the order.
  protected parseParams(): ast.Expr[] {
    const params: ast.Expr[] = [];
    while (this.t() !== T.RPAREN && this.t() !== T.COLON && this.t() !== T.EOF) {
      if (params.length > 0) this.expect(T.COMMA);
      if (this.t() === T.RPAREN) break;
      if (this.t() === T.STAR || this.t() === T.STARSTAR) {
        const op = this.t() === T.STAR ? '*' : '**';
        const opPos = this.nextToken();
        let x: ast.Expr | null = null;
        if (op === '**' || this.t() === T.IDENT) x = this.parseIdent();
        params.push({ kind: 'UnaryExpr', opPos, op, x });
        continue;
      }
      const id = this.parseIdent();
      if (this.t() === T.EQ) {
        const opPos = this.nextToken();
        const dflt = this.parseTest();
        params.push({ kind: 'BinaryExpr', x: id, opPos, op: '=', y: dflt });
        continue;
      }
      params.push(id);
    }
    return params;
  }

  /** An expression, possibly an unparenthesized tuple of tests. */
  protected parseExpr(inParens: boolean): ast.Expr {
    const x = this.parseTest();
    if (this.t() !== T.COMMA) return x;
    const list = this.parseExprs([x], inParens);
    return { kind: 'TupleExpr', lparen: null, list, rparen: null };
  }

  private parseExprs(exprs: ast.Expr[], allowTrailingComma: boolean): ast.Expr[] {
    while (this.t() === T.COMMA) {
      const pos = this.nextToken();
      if (terminatesExprList(this.t())) {
        if (!allowTrailingComma) this.sc.error(pos, 'unparenthesized tuple with trailing comma');
        break;
      }
      exprs.push(this.parseTest());
    }
    return exprs;
  }

  protected parseTest(): ast.Expr {
    if (this.t() === T.LAMBDA) return this.parseLambda(true);
    const x = this.parseTestPrec(0);
    if (this.t() === T.IF) {
      const ifPos = this.nextToken();
      const cond = this.parseTestPrec(0);
      if (this.t() !== T.ELSE) this.sc.error(ifPos, 'conditional expression without else clause');
      const elsePos = this.nextToken();
      const f = this.parseTest();
      return { kind: 'CondExpr', ifPos, cond, true: x, elsePos, false: f };
    }
    return x;
  }

  private parseTestNoCond(): ast.Expr {
    if (this.t() === T.LAMBDA) return this.parseLambda(false);
    return this.parseTestPrec(0);
  }

  private parseLambda(allowCond: boolean): ast.LambdaExpr {
    const lambdaPos = this.nextToken();
    const params = this.t() !== T.COLON ? this.parseParams() : [];
    this.expect(T.COLON);
    const body = allowCond ? this.parseTest() : this.parseTestNoCond();
    return { kind: 'LambdaExpr', lambdaPos, params, body, fn: null };
  }

  /**
   * A binary expression whose operators all bind at least as tightly as minPrec. This is
   * starlark-go's one-function-per-level precedence climbing folded into one loop (fewer stack
   * frames per nesting level), with the same trees, errors and error positions.
   */
  private parseTestPrec(minPrec: number): ast.Expr {
    let x: ast.Expr;
    if (this.t() === T.NOT && minPrec <= NOT_PREC) {
      const opPos = this.nextToken();
      const operand = this.parseTestPrec(NOT_PREC);
      x = { kind: 'UnaryExpr', opPos, op: 'not', x: operand };
    } else {
      x = this.parsePrimaryWithSuffix();
    }
    let lastPrec = -1; // precedence of the operator that built x in this loop
    for (;;) {
      if (this.t() === T.NOT) {
        this.skip();
        // Here `not` must start `not in`.
        if (this.t() !== T.IN) this.errorHere(`got ${tokenGoString(this.t())}, want in`);
        this.tok = T.NOT_IN;
      }
      const opprec = PREC[this.tok] as number;
      if (opprec < minPrec) return x;
      // Comparisons do not associate: a < b < c is an error.
      if (opprec === COMPARISON_PREC && lastPrec === COMPARISON_PREC) {
        const prev = (x as ast.BinaryExpr).op;
        this.errorHere(`${prev} does not associate with ${tokenString(this.tok)} (use parens)`);
      }
      const op = tokenString(this.tok) as ast.BinaryOp;
      const opPos = this.nextToken();
      const y = this.parseTestPrec(opprec + 1);
      x = { kind: 'BinaryExpr', x, opPos, op, y };
      lastPrec = opprec;
    }
  }

  private parsePrimaryWithSuffix(): ast.Expr {
    let x = this.parsePrimary();
    for (;;) {
      switch (this.t()) {
        case T.DOT: {
          const dot = this.nextToken();
          const name = this.parseIdent();
          x = { kind: 'DotExpr', x, dot, namePos: name.namePos, name };
          break;
        }
        case T.LBRACK:
          x = this.parseSliceSuffix(x);
          break;
        case T.LPAREN:
          x = this.parseCallSuffix(x);
          break;
        default:
          return x;
      }
    }
  }

  private parseSliceSuffix(x: ast.Expr): ast.Expr {
    const lbrack = this.nextToken();
    let lo: ast.Expr | null = null;
    let hi: ast.Expr | null = null;
    let step: ast.Expr | null = null;
    if (this.t() !== T.COLON) {
      const y = this.parseExpr(false);
      if (this.t() === T.RBRACK) {
        const rbrack = this.nextToken();
        return { kind: 'IndexExpr', x, lbrack, y, rbrack };
      }
      lo = y;
    }
    if (this.t() === T.COLON) {
      this.skip();
      if (this.t() !== T.COLON && this.t() !== T.RBRACK) hi = this.parseTest();
    }
    if (this.t() === T.COLON) {
      this.skip();
      if (this.t() !== T.RBRACK) step = this.parseTest();
    }
    const rbrack = this.consume(T.RBRACK);
    return { kind: 'SliceExpr', x, lbrack, lo, hi, step, rbrack };
  }

  private parseCallSuffix(fn: ast.Expr): ast.CallExpr {
    const lparen = this.consume(T.LPAREN);
    let args: ast.Expr[] = [];
    let rparen: Position;
    if (this.t() === T.RPAREN) {
      rparen = this.nextToken();
    } else {
      args = this.parseArgs();
      rparen = this.consume(T.RPAREN);
    }
    return { kind: 'CallExpr', fn, lparen, args, rparen };
  }

  private parseArgs(): ast.Expr[] {
    const args: ast.Expr[] = [];
    while (this.t() !== T.RPAREN && this.t() !== T.EOF) {
      if (args.length > 0) this.expect(T.COMMA);
      if (this.t() === T.RPAREN) break;
      if (this.t() === T.STAR || this.t() === T.STARSTAR) {
        const op = this.t() === T.STAR ? '*' : '**';
        const opPos = this.nextToken();
        const x = this.parseTest();
        args.push({ kind: 'UnaryExpr', opPos, op, x });
        continue;
      }
      // Parse `test = test` and then check that the left side is a name (stays LL(1)).
      let x = this.parseTest();
      if (this.t() === T.EQ) {
        if (x.kind !== 'Ident') this.errorHere('keyword argument must have form name=expr');
        const opPos = this.nextToken();
        const y = this.parseTest();
        x = { kind: 'BinaryExpr', x, opPos, op: '=', y };
      }
      args.push(x);
    }
    return args;
  }

  protected parsePrimary(): ast.Expr {
    switch (this.t()) {
      case T.IDENT:
        return this.parseIdent();
      case T.INT:
      case T.FLOAT:
      case T.STRING:
      case T.BYTES: {
        const token = tokenString(this.t()) === '' ? 'BYTES' : this.literalToken(this.t());
        const raw = this.sc.raw;
        const value = this.sc.value;
        const tokenPos = this.nextToken();
        return { kind: 'Literal', token, tokenPos, raw, value };
      }
      case T.LBRACK:
        return this.parseList();
      case T.LBRACE:
        return this.parseDict();
      case T.LPAREN: {
        const lparen = this.nextToken();
        if (this.t() === T.RPAREN) {
          const rparen = this.nextToken();
          return { kind: 'TupleExpr', lparen, list: [], rparen };
        }
        const x = this.parseExpr(true);
        const rparen = this.consume(T.RPAREN);
        return { kind: 'ParenExpr', lparen, x, rparen };
      }
      case T.MINUS:
      case T.PLUS:
      case T.TILDE: {
        const op = tokenString(this.t()) as ast.UnaryOp;
        const opPos = this.nextToken();
        const x = this.parsePrimaryWithSuffix();
        return { kind: 'UnaryExpr', opPos, op, x };
      }
    }
    // Reported at the token's start, since the token may be a NEWLINE (starlark-go #532).
    return this.sc.error(this.sc.pos, `got ${tokenGoString(this.t())}, want primary expression`);
  }

  private literalToken(t: Token): ast.LiteralToken {
    return t === T.INT ? 'INT' : t === T.FLOAT ? 'FLOAT' : t === T.STRING ? 'STRING' : 'BYTES';
  }

  private parseList(): ast.Expr {
    const lbrack = this.nextToken();
    if (this.t() === T.RBRACK) {
      const rbrack = this.nextToken();
      return { kind: 'ListExpr', lbrack, list: [], rbrack };
    }
    const x = this.parseTest();
    if (this.t() === T.FOR) return this.parseComprehensionSuffix(lbrack, x, T.RBRACK);
    let list = [x];
    if (this.t() === T.COMMA) list = this.parseExprs(list, true);
    const rbrack = this.consume(T.RBRACK);
    return { kind: 'ListExpr', lbrack, list, rbrack };
  }

  private parseDict(): ast.Expr {
    const lbrace = this.nextToken();
    if (this.t() === T.RBRACE) {
      const rbrace = this.nextToken();
      return { kind: 'DictExpr', lbrace, list: [], rbrace };
    }
    const x = this.parseDictEntry();
    if (this.t() === T.FOR) return this.parseComprehensionSuffix(lbrace, x, T.RBRACE);
    const list = [x];
    while (this.t() === T.COMMA) {
      this.skip();
      if (this.t() === T.RBRACE) break;
      list.push(this.parseDictEntry());
    }
    const rbrace = this.consume(T.RBRACE);
    return { kind: 'DictExpr', lbrace, list, rbrace };
  }

  private parseDictEntry(): ast.DictEntry {
    const key = this.parseTest();
    const colon = this.consume(T.COLON);
    const value = this.parseTest();
    return { kind: 'DictEntry', key, colon, value };
  }

  private parseComprehensionSuffix(
    lbrack: Position,
    body: ast.Expr,
    end: Token,
  ): ast.Comprehension {
    const clauses: Array<ast.ForClause | ast.IfClause> = [];
    while (this.t() !== end) {
      if (this.t() === T.FOR) {
        const forPos = this.nextToken();
        const vars = this.parseForLoopVariables();
        const inPos = this.consume(T.IN);
        // As in Python 3, the operand of `in` is not a conditional, a lambda or a bare tuple.
        const x = this.parseTestPrec(0);
        clauses.push({ kind: 'ForClause', forPos, vars, inPos, x });
      } else if (this.t() === T.IF) {
        const ifPos = this.nextToken();
        const cond = this.parseTestNoCond();
        clauses.push({ kind: 'IfClause', ifPos, cond });
      } else {
        this.errorHere(`got ${tokenGoString(this.t())}, want '${tokenString(end)}', for, or if`);
      }
    }
    const rbrack = this.nextToken();
    return { kind: 'Comprehension', curly: end === T.RBRACE, lbrack, body, clauses, rbrack };
  }
}
