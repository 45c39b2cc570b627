import { describe, expect, it } from 'vitest';
import { StaticErrorList } from '../errors.ts';
import type * as ast from '../syntax/ast.ts';
import { DEFAULT_FILE_OPTIONS, type FileOptions, TILT_FILE_OPTIONS } from '../syntax/options.ts';
import { parseExpr, parseFile } from '../syntax/parse.ts';
import { checkErrors, readChunks } from '../syntax/testchunks.ts';
import { resolveExpr, resolveFile } from './resolve.ts';

const isPredeclared = (name: string): boolean => name === 'M';
const isUniversal = (name: string): boolean => ['U', 'len', 'print', 'set'].includes(name);

function resolve(src: string, options: FileOptions = DEFAULT_FILE_OPTIONS): ast.File {
  const file = parseFile('a.star', src, options);
  resolveFile(file, isPredeclared, isUniversal);
  return file;
}

function errors(src: string, options: FileOptions = DEFAULT_FILE_OPTIONS): string[] {
  try {
    resolve(src, options);
  } catch (e) {
    if (e instanceof StaticErrorList) return e.errors.map((x) => x.message);
    throw e;
  }
  return [];
}

function def(file: ast.File, i: number): ast.DefStmt {
  return file.stmts[i] as ast.DefStmt;
}

function returned(d: ast.DefStmt, i = d.body.length - 1): ast.Expr {
  return (d.body[i] as ast.ReturnStmt).result as ast.Expr;
}

describe('resolveFile on testdata/resolve_errors.star', () => {
  for (const chunk of readChunks(new URL('../../testdata/resolve_errors.star', import.meta.url))) {
    it(`chunk ${chunk.index} reports exactly its expected errors`, () => {
      const file = parseFile('resolve_errors.star', chunk.src, chunk.options);
      const got: Array<{ line: number; msg: string }> = [];
      try {
        resolveFile(file, isPredeclared, isUniversal);
      } catch (e) {
        if (!(e instanceof StaticErrorList)) throw e;
        for (const x of e.errors) got.push({ line: x.pos.line, msg: x.msg });
      }
      expect(checkErrors(chunk, got)).toEqual([]);
    });
  }
});

describe('resolveFile', () => {
  it('classifies globals, predeclared and universal names', () => {
    const file = resolve('a = 1\nb = [a, M, U]\n');
    const list = (file.stmts[1] as ast.AssignStmt).rhs as ast.ListExpr;
    expect(list.list.map((x) => (x as ast.Ident).binding)).toEqual([
      { scope: 'global', index: 0, first: (file.stmts[0] as ast.AssignStmt).lhs },
      { scope: 'predeclared', index: 0, first: null },
      { scope: 'universal', index: 0, first: null },
    ]);
    expect(file.module?.globals.map((g) => g.first?.name)).toEqual(['a', 'b']);
  });

  it('puts parameters first in the locals, *args and **kwargs after the others', () => {
    const file = resolve('def f(a, *args, b=1, **kw):\n  c = a\n  return c\n');
    const fn = def(file, 0).fn as ast.FunctionInfo;
    expect(fn.locals.map((l) => l.first?.name)).toEqual(['a', 'b', 'args', 'kw', 'c']);
    expect(fn).toMatchObject({
      hasVarargs: true,
      hasKwargs: true,
      numKwonlyParams: 1,
      numParams: 4,
    });
    expect((returned(def(file, 0)) as ast.Ident).binding).toMatchObject({
      scope: 'local',
      index: 4,
    });
  });

  it('does not count a bare * as a parameter', () => {
    const fn = def(resolve('def f(a, *, b):\n  pass\n'), 0).fn as ast.FunctionInfo;
    expect(fn).toMatchObject({ hasVarargs: false, numKwonlyParams: 1, numParams: 2 });
  });

  it('turns a captured local into a cell and a free variable of each inner function', () => {
    const file = resolve(
      'def f():\n  x = 1\n  def g():\n    def h():\n      return x\n    return h\n  return g\n',
    );
    const f = def(file, 0);
    const g = f.body[1] as ast.DefStmt;
    const h = g.body[0] as ast.DefStmt;
    expect(f.fn?.locals.map((l) => [l.first?.name, l.scope])).toEqual([
      ['x', 'cell'],
      ['g', 'local'],
    ]);
    expect(f.fn?.cells).toEqual([0]);
    expect(g.fn?.freeVars).toEqual([f.fn?.locals[0]]);
    expect(h.fn?.freeVars).toEqual([{ scope: 'free', index: 0, first: f.fn?.locals[0]?.first }]);
    expect((returned(h) as ast.Ident).binding).toMatchObject({ scope: 'free', index: 0 });
  });

  it('gives top-level comprehension variables module locals, celled when a lambda captures them', () => {
    const file = resolve('fs = [lambda: x for x in [1, 2]]\n');
    expect(file.module?.locals.map((l) => [l.first?.name, l.scope])).toEqual([['x', 'cell']]);
    expect(file.module?.cells).toEqual([0]);
    const comp = (file.stmts[0] as ast.AssignStmt).rhs as ast.Comprehension;
    const lambda = comp.body as ast.LambdaExpr;
    expect(lambda.fn?.name).toBe('lambda');
    expect(lambda.fn?.freeVars.length).toBe(1);
  });

  it('binds load names file-locally and keeps them local under globalReassign', () => {
    const file = resolve('load("m", "a")\na = 1\nb = a\n', TILT_FILE_OPTIONS);
    const load = file.stmts[0] as ast.LoadStmt;
    expect(load.to[0]?.binding).toMatchObject({ scope: 'local', index: 0 });
    expect((file.stmts[1] as ast.AssignStmt).lhs).toMatchObject({
      binding: { scope: 'local', index: 0 },
    });
    expect(file.module?.globals.map((g) => g.first?.name)).toEqual(['b']);
  });

  it('resolves top-level uses at their point of use under globalReassign', () => {
    const file = resolve('print(len)\nlen = 1\nprint(len)\n', TILT_FILE_OPTIONS);
    const arg = (i: number): ast.Ident =>
      ((file.stmts[i] as ast.ExprStmt).x as ast.CallExpr).args[0] as ast.Ident;
    expect(arg(0).binding?.scope).toBe('universal');
    expect(arg(2).binding?.scope).toBe('global');
  });

  it('lets functions refer to globals defined later', () => {
    const file = resolve('def f():\n  return g()\ndef g():\n  return 1\n', TILT_FILE_OPTIONS);
    const call = returned(def(file, 0)) as ast.CallExpr;
    expect((call.fn as ast.Ident).binding).toMatchObject({ scope: 'global', index: 1 });
  });

  it('reports all errors in order, reading as the first', () => {
    expect(errors('x = y\ndef f():\n  return zz\nx = 2\nbreak\n')).toEqual([
      'a.star:4:1: cannot reassign global x declared at a.star:1:1',
      'a.star:5:1: break not in a loop',
      'a.star:3:10: undefined: zz',
      'a.star:1:5: undefined: y',
    ]);
    expect(() => resolve('x = y\n')).toThrow('a.star:1:5: undefined: y');
  });
});

describe('resolveFile on deep trees', () => {
  it('resolves a long left-nested chain of binary operators', () => {
    const file = resolve(`x = ${'U + '.repeat(50000)}1\n`);
    expect(file.module?.globals.length).toBe(1);
  });

  it('reports absurdly deep nesting as a static error', () => {
    const file = parseFile('a.star', 'x = 1\n', DEFAULT_FILE_OPTIONS);
    const assign = file.stmts[0] as ast.AssignStmt;
    const pos = assign.opPos;
    for (let i = 0; i < 1_000_000; i++) {
      assign.rhs = { kind: 'ParenExpr', lparen: pos, x: assign.rhs, rparen: pos };
    }
    expect(() => resolveFile(file, isPredeclared, isUniversal)).toThrow(
      'a.star:1:1: internal error: nesting too deep',
    );
  });
});

describe('resolveExpr', () => {
  it('resolves names as predeclared and comprehension variables as locals', () => {
    const e = parseExpr('e', '[M + x for x in U]', DEFAULT_FILE_OPTIONS);
    const module = resolveExpr(e, DEFAULT_FILE_OPTIONS, isPredeclared, isUniversal);
    expect(module.locals.map((l) => l.first?.name)).toEqual(['x']);
    const comp = e as ast.Comprehension;
    expect(((comp.clauses[0] as ast.ForClause).x as ast.Ident).binding?.scope).toBe('universal');
  });

  it('throws on undefined names', () => {
    const e = parseExpr('e', 'nope', DEFAULT_FILE_OPTIONS);
    expect(() => resolveExpr(e, DEFAULT_FILE_OPTIONS, isPredeclared, isUniversal)).toThrow(
      'e:1:1: undefined: nope',
    );
  });
});
