import { describe, expect, it } from 'vitest';
import { StaticError } from '../errors.ts';
import type * as ast from './ast.ts';
import { DEFAULT_FILE_OPTIONS, type FileOptions } from './options.ts';
import { parseExpr, parseFile } from './parse.ts';
import { checkErrors, readChunks } from './testchunks.ts';

describe('parseFile on testdata/syntax_errors.star', () => {
  for (const chunk of readChunks(new URL('../../testdata/syntax_errors.star', import.meta.url))) {
    it(`chunk ${chunk.index} reports exactly its expected error`, () => {
      const errors: Array<{ line: number; msg: string }> = [];
      try {
        parseFile('syntax_errors.star', chunk.src, DEFAULT_FILE_OPTIONS);
      } catch (e) {
        if (!(e instanceof StaticError)) throw e;
        errors.push({ line: e.pos.line, msg: e.msg });
      }
      expect(checkErrors(chunk, errors)).toEqual([]);
    });
  }
});

describe('parseFile', () => {
  it('names a reserved word in errors, or calls it an illegal token under reservedWordsIllegal', () => {
    const err = (src: string, options: FileOptions) => {
      try {
        parseFile('a.star', src, options);
      } catch (e) {
        if (e instanceof StaticError) return e.message;
        throw e;
      }
      return 'no error';
    };
    expect(err('class Foo:\n  pass\n', DEFAULT_FILE_OPTIONS)).toBe(
      'a.star:1:1: got class, want primary expression',
    );
    const legacy = { ...DEFAULT_FILE_OPTIONS, reservedWordsIllegal: true };
    expect(err('class Foo:\n  pass\n', legacy)).toBe(
      'a.star:1:1: got illegal token, want primary expression',
    );
    expect(err('x = 1 is 2\n', legacy)).toBe('a.star:1:9: got illegal token, want newline');
    // Keywords that are not reserved words keep their names.
    expect(err('x = def\n', legacy)).toBe('a.star:1:5: got def, want primary expression');
  });

  it('records operator, call, index and dot positions', () => {
    const f = parseFile('a.star', 'x = f(a)[0].b + 1\n', DEFAULT_FILE_OPTIONS);
    const s = f.stmts[0] as ast.AssignStmt;
    expect(s.opPos).toEqual({ file: 'a.star', line: 1, col: 3 });
    const sum = s.rhs as ast.BinaryExpr;
    expect(sum.op).toBe('+');
    expect(sum.opPos.col).toBe(15);
    const dot = sum.x as ast.DotExpr;
    expect(dot.dot.col).toBe(12);
    expect(dot.name.name).toBe('b');
    const index = dot.x as ast.IndexExpr;
    expect(index.lbrack.col).toBe(9);
    expect((index.x as ast.CallExpr).lparen.col).toBe(6);
  });

  it('nests elif chains in the else branch', () => {
    const f = parseFile(
      'a.star',
      'if a:\n  pass\nelif b:\n  pass\nelse:\n  pass\n',
      DEFAULT_FILE_OPTIONS,
    );
    const top = f.stmts[0] as ast.IfStmt;
    expect(top.elsePos).toEqual({ file: 'a.star', line: 3, col: 1 });
    const elif = top.false[0] as ast.IfStmt;
    expect(elif.ifPos.line).toBe(3);
    expect(elif.elsePos?.line).toBe(5);
    expect(elif.false[0]?.kind).toBe('BranchStmt');
  });

  it('represents parameters and keyword arguments as starlark-go does', () => {
    const f = parseFile(
      'a.star',
      'def f(a, b=1, *, c, **d): g(x, y=2, *z, **w)\n',
      DEFAULT_FILE_OPTIONS,
    );
    const def = f.stmts[0] as ast.DefStmt;
    expect(def.params.map((p) => (p.kind === 'UnaryExpr' ? p.op : p.kind))).toEqual([
      'Ident',
      'BinaryExpr',
      '*',
      'Ident',
      '**',
    ]);
    expect((def.params[2] as ast.UnaryExpr).x).toBeNull();
    const call = (def.body[0] as ast.ExprStmt).x as ast.CallExpr;
    expect(call.args.map((a) => a.kind)).toEqual(['Ident', 'BinaryExpr', 'UnaryExpr', 'UnaryExpr']);
  });

  it('positions a load name just inside its quote', () => {
    const f = parseFile('a.star', 'load("m", "x", y = "z")\n', DEFAULT_FILE_OPTIONS);
    const load = f.stmts[0] as ast.LoadStmt;
    expect(load.to.map((t) => t.name)).toEqual(['x', 'y']);
    expect(load.from.map((t) => t.name)).toEqual(['x', 'z']);
    expect(load.from[0]?.namePos.col).toBe(12);
    expect(load.module.value).toBe('m');
  });

  it('decodes literals, with big ints as bigint', () => {
    const e = parseExpr(
      'e',
      '1, 2.5, "s", b"b", 0x10000000000000000',
      DEFAULT_FILE_OPTIONS,
    ) as ast.TupleExpr;
    expect(e.list.map((x) => [(x as ast.Literal).token, (x as ast.Literal).value])).toEqual([
      ['INT', 1],
      ['FLOAT', 2.5],
      ['STRING', 's'],
      ['BYTES', 'b'],
      ['INT', 18446744073709551616n],
    ]);
  });

  it('rejects trailing input after an expression', () => {
    expect(() => parseExpr('e', '1 2', DEFAULT_FILE_OPTIONS)).toThrow(
      'e:1:4: got int literal after expression, want EOF',
    );
  });

  it('parses deep nesting and reports absurd depth as a static error', () => {
    const depth = (n: number): string => `x = ${'('.repeat(n)}1${')'.repeat(n)}\n`;
    expect(parseFile('a.star', depth(1000), DEFAULT_FILE_OPTIONS).stmts.length).toBe(1);
    expect(() => parseFile('a.star', depth(100000), DEFAULT_FILE_OPTIONS)).toThrow(
      /^a\.star:1:\d+: internal error: nesting too deep$/,
    );
  });
});
