import { describe, expect, it } from 'vitest';
import type * as ast from './ast.ts';
import { DEFAULT_FILE_OPTIONS } from './options.ts';
import { parseFile } from './parse.ts';
import { walk } from './walk.ts';

describe('walk', () => {
  it('visits nodes in preorder, children in source order', () => {
    const file = parseFile(
      'a.star',
      'def f(a=1):\n  return [x + a for x in g(a)]\n',
      DEFAULT_FILE_OPTIONS,
    );
    const kinds: string[] = [];
    walk(file, (n) => {
      kinds.push(n.kind === 'Ident' ? `Ident ${n.name}` : n.kind);
      return true;
    });
    expect(kinds).toEqual([
      'File',
      'DefStmt',
      'Ident f',
      'BinaryExpr',
      'Ident a',
      'Literal',
      'ReturnStmt',
      'Comprehension',
      'BinaryExpr',
      'Ident x',
      'Ident a',
      'ForClause',
      'Ident x',
      'CallExpr',
      'Ident g',
      'Ident a',
    ]);
  });

  it('skips the children of a node when the visitor returns false', () => {
    const file = parseFile('a.star', 'x = f(y)\n', DEFAULT_FILE_OPTIONS);
    const seen: ast.Node['kind'][] = [];
    walk(file, (n) => {
      seen.push(n.kind);
      return n.kind !== 'CallExpr';
    });
    expect(seen).toEqual(['File', 'AssignStmt', 'Ident', 'CallExpr']);
  });
});
