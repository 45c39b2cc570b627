// The Starlark parser: statements and files, over the expression parser. Like starlark-go's
// parse.go, it stops at the first error (a StaticError).

import type { Position } from '../errors.ts';
import type * as ast from './ast.ts';
import type { FileOptions } from './options.ts';
import { ExprParser } from './parser-expr.ts';
import type { Scanner } from './scanner.ts';
import { T, type Token, tokenGoString, tokenString } from './tokens.ts';

function isAssignOp(t: Token): boolean {
  return t === T.EQ || (t >= T.PLUS_EQ && t <= T.GTGT_EQ);
}

function after(pos: Position, cols: number): Position {
  return { file: pos.file, line: pos.line, col: pos.col + cols };
}

export class Parser extends ExprParser {
  private readonly options: FileOptions;

  constructor(sc: Scanner, options: FileOptions) {
    super(sc);
    this.options = options;
  }

  parseFile(path: string): ast.File {
    const stmts: ast.Stmt[] = [];
    while (this.t() !== T.EOF) {
      if (this.t() === T.NEWLINE) {
        this.skip();
        continue;
      }
      this.parseStmt(stmts);
    }
    return { kind: 'File', path, stmts, options: this.options, module: null };
  }

  private parseStmt(stmts: ast.Stmt[]): void {
    switch (this.t()) {
      case T.DEF:
        stmts.push(this.parseDefStmt());
        return;
      case T.IF:
        stmts.push(this.parseIfStmt());
        return;
      case T.FOR:
        stmts.push(this.parseForStmt());
        return;
      case T.WHILE:
        stmts.push(this.parseWhileStmt());
        return;
    }
    this.parseSimpleStmt(stmts);
  }

  private parseDefStmt(): ast.DefStmt {
    const defPos = this.nextToken();
    const name = this.parseIdent();
    const lparen = this.consume(T.LPAREN);
    const params = this.parseParams();
    const rparen = this.consume(T.RPAREN);
    this.expect(T.COLON);
    const body = this.parseSuite();
    return { kind: 'DefStmt', defPos, name, lparen, params, rparen, body, fn: null };
  }

  private parseIfStmt(): ast.IfStmt {
    const ifPos = this.nextToken();
    const cond = this.parseTest();
    this.expect(T.COLON);
    const body = this.parseSuite();
    const stmt: ast.IfStmt = { kind: 'IfStmt', ifPos, cond, true: body, elsePos: null, false: [] };
    let tail = stmt;
    while (this.t() === T.ELIF) {
      const elifPos = this.nextToken();
      const c = this.parseTest();
      this.expect(T.COLON);
      const b = this.parseSuite();
      const elif: ast.IfStmt = {
        kind: 'IfStmt',
        ifPos: elifPos,
        cond: c,
        true: b,
        elsePos: null,
        false: [],
      };
      tail.elsePos = elifPos;
      tail.false = [elif];
      tail = elif;
    }
    if (this.t() === T.ELSE) {
      tail.elsePos = this.nextToken();
      this.expect(T.COLON);
      tail.false = this.parseSuite();
    }
    return stmt;
  }

  private parseForStmt(): ast.ForStmt {
    const forPos = this.nextToken();
    const vars = this.parseForLoopVariables();
    this.expect(T.IN);
    const x = this.parseExpr(false);
    this.expect(T.COLON);
    const body = this.parseSuite();
    return { kind: 'ForStmt', forPos, vars, x, body };
  }

  private parseWhileStmt(): ast.WhileStmt {
    const whilePos = this.nextToken();
    const cond = this.parseTest();
    this.expect(T.COLON);
    const body = this.parseSuite();
    return { kind: 'WhileStmt', whilePos, cond, body };
  }

  private parseSimpleStmt(stmts: ast.Stmt[]): void {
    for (;;) {
      stmts.push(this.parseSmallStmt());
      if (this.t() !== T.SEMI) break;
      this.skip();
      if (this.t() === T.NEWLINE || this.t() === T.EOF) break;
    }
    // EOF without NEWLINE occurs in `if x: pass`, for example.
    if (this.t() !== T.EOF) this.expect(T.NEWLINE);
  }

  private parseSmallStmt(): ast.Stmt {
    switch (this.t()) {
      case T.RETURN: {
        const returnPos = this.nextToken();
        let result: ast.Expr | null = null;
        if (this.t() !== T.EOF && this.t() !== T.NEWLINE && this.t() !== T.SEMI)
          result = this.parseExpr(false);
        return { kind: 'ReturnStmt', returnPos, result };
      }
      case T.BREAK:
      case T.CONTINUE:
      case T.PASS: {
        const token = tokenString(this.t()) as ast.BranchToken;
        const tokenPos = this.nextToken();
        return { kind: 'BranchStmt', token, tokenPos };
      }
      case T.LOAD:
        return this.parseLoadStmt();
    }
    const x = this.parseExpr(false);
    if (isAssignOp(this.t())) {
      const op = tokenString(this.t()) as ast.AssignOp;
      const opPos = this.nextToken();
      const rhs = this.parseExpr(false);
      return { kind: 'AssignStmt', opPos, op, lhs: x, rhs };
    }
    return { kind: 'ExprStmt', x };
  }

  private parseLoadStmt(): ast.LoadStmt {
    const loadPos = this.nextToken();
    const lparen = this.consume(T.LPAREN);
    if (this.t() !== T.STRING)
      this.errorHere('first operand of load statement must be a string literal');
    const module = this.parsePrimary() as ast.Literal;
    const from: ast.Ident[] = [];
    const to: ast.Ident[] = [];
    while (this.t() !== T.RPAREN && this.t() !== T.EOF) {
      this.expect(T.COMMA);
      if (this.t() === T.RPAREN) break; // trailing comma
      if (this.t() === T.STRING) {
        const lit = this.parsePrimary() as ast.Literal;
        const id = this.loadIdent(lit);
        to.push(id);
        from.push(id);
      } else if (this.t() === T.IDENT) {
        const id = this.parseIdent();
        to.push(id);
        if (this.t() !== T.EQ) {
          this.errorHere(
            `load operand must be "${id.name}" or ${id.name}="originalname" (want '=' after ${id.name})`,
          );
        }
        this.expect(T.EQ);
        if (this.t() !== T.STRING) {
          this.errorHere(
            `original name of loaded symbol must be quoted: ${id.name}="originalname"`,
          );
        }
        from.push(this.loadIdent(this.parsePrimary() as ast.Literal));
      } else {
        this.errorHere(
          `load operand must be "name" or localname="name" (got ${tokenGoString(this.t())})`,
        );
      }
    }
    const rparen = this.consume(T.RPAREN);
    if (to.length === 0) this.sc.error(lparen, 'load statement must import at least 1 symbol');
    return { kind: 'LoadStmt', loadPos, module, from, to, rparen };
  }

  private loadIdent(lit: ast.Literal): ast.Ident {
    return {
      kind: 'Ident',
      namePos: after(lit.tokenPos, 1),
      name: lit.value as string,
      binding: null,
    };
  }

  private parseSuite(): ast.Stmt[] {
    const stmts: ast.Stmt[] = [];
    if (this.t() === T.NEWLINE) {
      this.skip();
      this.expect(T.INDENT);
      while (this.t() !== T.OUTDENT && this.t() !== T.EOF) this.parseStmt(stmts);
      this.expect(T.OUTDENT);
      return stmts;
    }
    this.parseSimpleStmt(stmts);
    return stmts;
  }
}
