// The TypeScript side of the differential dump: the same text main.go prints for a resolved
// file (every node in walk order with its positions, bindings and function metadata).

import * as ast from '../../syntax/ast.ts';
import { walk } from '../../syntax/walk.ts';

const TOKEN_NAMES: Readonly<Record<ast.LiteralToken, string>> = {
  INT: 'int literal',
  FLOAT: 'float literal',
  STRING: 'string literal',
  BYTES: '', // starlark-go's BYTES token has no name
};

function pos(p: ast.Position | null): string {
  return p === null ? '0:0' : `${p.line}:${p.col}`;
}

function hex(binary: string): string {
  return Buffer.from(binary, 'latin1').toString('hex');
}

function bindings(list: readonly ast.Binding[]): string {
  return list.map((b) => `${b.first?.name}:${b.scope}:${b.index} `).join('');
}

function fn(f: ast.FunctionInfo | null): string {
  if (f === null) return ' fn{unresolved}';
  return ` fn{${f.name} ${pos(f.pos)} va=${f.hasVarargs} kw=${f.hasKwargs} ko=${f.numKwonlyParams} locals=[${bindings(f.locals)}] free=[${bindings(f.freeVars)}]}`;
}

function literal(n: ast.Literal): string {
  let v: string;
  if (n.token === 'FLOAT') {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, n.value as number);
    v = view.getBigUint64(0).toString(16).padStart(16, '0');
  } else if (n.token === 'INT') {
    v = String(n.value);
  } else {
    v = hex(n.value as string);
  }
  return `Lit ${TOKEN_NAMES[n.token]} ${pos(n.tokenPos)} ${hex(n.raw)} ${v}`;
}

function node(n: ast.Node): string {
  switch (n.kind) {
    case 'File':
      return 'File';
    case 'Ident': {
      const b = n.binding;
      return `Ident ${n.name} ${pos(n.namePos)}${b === null ? '' : ` ${b.scope} ${b.index}`}`;
    }
    case 'Literal':
      return literal(n);
    case 'AssignStmt':
      return `Assign ${n.op} ${pos(n.opPos)}`;
    case 'BranchStmt':
      return `Branch ${n.token} ${pos(n.tokenPos)}`;
    case 'DefStmt':
      return `Def ${pos(n.defPos)} ${pos(n.lparen)} ${pos(n.rparen)}${fn(n.fn)}`;
    case 'ExprStmt':
      return 'ExprStmt';
    case 'ForStmt':
      return `For ${pos(n.forPos)}`;
    case 'WhileStmt':
      return `While ${pos(n.whilePos)}`;
    case 'IfStmt':
      return `If ${pos(n.ifPos)} ${pos(n.elsePos)}`;
    case 'LoadStmt':
      return `Load ${pos(n.loadPos)} ${pos(n.rparen)}`;
    case 'ReturnStmt':
      return `Return ${pos(n.returnPos)}`;
    case 'ParenExpr':
      return `Paren ${pos(n.lparen)} ${pos(n.rparen)}`;
    case 'CallExpr':
      return `Call ${pos(n.lparen)} ${pos(n.rparen)}`;
    case 'DotExpr':
      return `Dot ${pos(n.dot)}`;
    case 'Comprehension':
      return `Comp ${n.curly} ${pos(n.lbrack)} ${pos(n.rbrack)}`;
    case 'ForClause':
      return `ForClause ${pos(n.forPos)} ${pos(n.inPos)}`;
    case 'IfClause':
      return `IfClause ${pos(n.ifPos)}`;
    case 'DictExpr':
      return `Dict ${pos(n.lbrace)} ${pos(n.rbrace)}`;
    case 'DictEntry':
      return `Entry ${pos(n.colon)}`;
    case 'LambdaExpr':
      return `Lambda ${pos(n.lambdaPos)}${fn(n.fn)}`;
    case 'ListExpr':
      return `List ${pos(n.lbrack)} ${pos(n.rbrack)}`;
    case 'CondExpr':
      return `Cond ${pos(n.ifPos)} ${pos(n.elsePos)}`;
    case 'TupleExpr':
      return `Tuple ${pos(n.lparen)} ${pos(n.rparen)}`;
    case 'UnaryExpr':
      return `Unary ${n.op} ${pos(n.opPos)}`;
    case 'BinaryExpr':
      return `Binary ${n.op} ${pos(n.opPos)}`;
    case 'SliceExpr':
      return `Slice ${pos(n.lbrack)} ${pos(n.rbrack)}`;
    case 'IndexExpr':
      return `Index ${pos(n.lbrack)} ${pos(n.rbrack)}`;
  }
}

/** The dump of a resolved file, line for line as main.go's dump. */
export function dumpFile(f: ast.File): string {
  let out = '';
  walk(f, (n) => {
    out += `${node(n)} @${pos(ast.startPos(n))}\n`;
    return true;
  });
  const m = f.module;
  if (m === null) return `${out}module unresolved\n`;
  return `${out}module locals=[${bindings(m.locals)}] globals=[${bindings(m.globals)}]\n`;
}
