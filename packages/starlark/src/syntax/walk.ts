// Preorder traversal of the syntax tree, visiting children in starlark-go's Walk order.

import type * as ast from './ast.ts';

/** Calls f on n and, if f returns true, on each of its descendants (a lambda's body, not its
 * synthetic return statement). */
export function walk(n: ast.Node, f: (n: ast.Node) => boolean): void {
  if (!f(n)) return;
  const w = (x: ast.Node | null): void => {
    if (x !== null) walk(x, f);
  };
  const all = (xs: readonly ast.Node[]): void => {
    for (const x of xs) walk(x, f);
  };
  switch (n.kind) {
    case 'File':
      all(n.stmts);
      return;
    case 'ExprStmt':
      w(n.x);
      return;
    case 'IfStmt':
      w(n.cond);
      all(n.true);
      all(n.false);
      return;
    case 'AssignStmt':
      w(n.lhs);
      w(n.rhs);
      return;
    case 'DefStmt':
      w(n.name);
      all(n.params);
      all(n.body);
      return;
    case 'ForStmt':
      w(n.vars);
      w(n.x);
      all(n.body);
      return;
    case 'WhileStmt':
      w(n.cond);
      all(n.body);
      return;
    case 'ReturnStmt':
      w(n.result);
      return;
    case 'LoadStmt':
      w(n.module);
      all(n.from);
      all(n.to);
      return;
    case 'ListExpr':
    case 'TupleExpr':
      all(n.list);
      return;
    case 'ParenExpr':
      w(n.x);
      return;
    case 'CondExpr':
      w(n.cond);
      w(n.true);
      w(n.false);
      return;
    case 'IndexExpr':
      w(n.x);
      w(n.y);
      return;
    case 'DictEntry':
      w(n.key);
      w(n.value);
      return;
    case 'SliceExpr':
      w(n.x);
      w(n.lo);
      w(n.hi);
      w(n.step);
      return;
    case 'Comprehension':
      w(n.body);
      all(n.clauses);
      return;
    case 'IfClause':
      w(n.cond);
      return;
    case 'ForClause':
      w(n.vars);
      w(n.x);
      return;
    case 'DictExpr':
      all(n.list);
      return;
    case 'UnaryExpr':
      w(n.x);
      return;
    case 'BinaryExpr':
      w(n.x);
      w(n.y);
      return;
    case 'DotExpr':
      w(n.x);
      w(n.name);
      return;
    case 'CallExpr':
      w(n.fn);
      all(n.args);
      return;
    case 'LambdaExpr':
      all(n.params);
      w(n.body);
      return;
    case 'BranchStmt':
    case 'Ident':
    case 'Literal':
      return;
  }
}
