// Grammar-based generation of random Starlark programs: mostly well-formed, using a small pool
// of names so that variables, calls and methods often meet values of the right type (and, as
// often, of the wrong one, exercising the error paths).
import type { Rand } from './random.ts';
import { toBinary } from './random.ts';

const NAMES = ['a', 'b', 'c', 'xs', 'd', 's', 'f', 'g', 'n'];
const BUILTINS = [
  'len',
  'str',
  'repr',
  'int',
  'float',
  'bool',
  'list',
  'tuple',
  'dict',
  'sorted',
  'reversed',
  'range',
  'enumerate',
  'zip',
  'min',
  'max',
  'abs',
  'any',
  'all',
  'hash',
  'type',
  'dir',
  'getattr',
  'hasattr',
  'print',
  'fail',
  'set',
  'chr',
  'ord',
  'bytes',
];
const METHODS = [
  'append',
  'extend',
  'pop',
  'insert',
  'remove',
  'index',
  'clear',
  'keys',
  'values',
  'items',
  'get',
  'update',
  'setdefault',
  'split',
  'join',
  'format',
  'upper',
  'lower',
  'strip',
  'replace',
  'startswith',
  'endswith',
  'find',
  'count',
  'elems',
  'splitlines',
  'add',
  'union',
];
const BINOPS = [
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not in',
  'and',
  'or',
  '|',
  '&',
  '^',
  '<<',
  '>>',
];
const STRINGS = [
  '""',
  '"abc"',
  "'x'",
  '"a,b,c"',
  '"%s-%d"',
  '"{}:{}"',
  '"héllo"',
  'b"by"',
  '"\\n"',
];
const NUMBERS = ['0', '1', '-1', '7', '2.5', '1e300', '0x7f', '9007199254740993', '1 << 70'];

/** Binds every name of the pool first, so generated code gets further before failing. */
export const PRELUDE = [
  'a = 1',
  'b = "abc"',
  'c = [1, 2]',
  'xs = [3, 1, 2]',
  'd = {"k": 1, 2: "v"}',
  's = "a,b"',
  'n = 5',
  'def f(p = 0, q = 1, *args, **kw):',
  '    return (p, q, args, kw)',
  'def g(*a):',
  '    return a',
];

export interface GeneratorOptions {
  /** Maximum expression nesting (default 4). */
  readonly maxDepth?: number;
  /** Start with the prelude that binds every name (default false). */
  readonly prelude?: boolean;
}

export class ProgramGenerator {
  private readonly r: Rand;
  private readonly maxDepth: number;
  private readonly prelude: boolean;
  private depth = 0;
  constructor(r: Rand, opts: GeneratorOptions = {}) {
    this.r = r;
    this.maxDepth = opts.maxDepth ?? 4;
    this.prelude = opts.prelude ?? false;
  }

  program(): string {
    const lines: string[] = this.prelude ? [...PRELUDE] : [];
    const n = 1 + this.r.int(8);
    for (let i = 0; i < n; i++) lines.push(...this.stmt(0, false));
    return toBinary(`${lines.join('\n')}\n`);
  }

  private indent(level: number): string {
    return '    '.repeat(level);
  }

  private stmt(level: number, inFunc: boolean): string[] {
    const ind = this.indent(level);
    const r = this.r;
    const k = level > 2 ? r.int(4) : r.int(11);
    switch (k) {
      case 10:
        return [`${ind}print(${this.args()})`];
      case 0:
      case 1:
        return [`${ind}${r.pick(NAMES)} = ${this.expr()}`];
      case 2:
        return [`${ind}${this.expr()}`];
      case 3:
        return [`${ind}${r.pick(NAMES)} ${r.pick(['+=', '-=', '*=', '|=', '//='])} ${this.expr()}`];
      case 4:
        return [`${ind}if ${this.expr()}:`, ...this.block(level + 1, inFunc)];
      case 5:
        return [`${ind}for ${r.pick(NAMES)} in ${this.expr()}:`, ...this.block(level + 1, inFunc)];
      case 6: {
        const params = ['p', 'q = 1', '*args', '**kw'].filter(() => r.chance(0.5));
        return [
          `${ind}def ${r.pick(['f', 'g'])}(${params.join(', ')}):`,
          ...this.block(level + 1, true),
        ];
      }
      case 7:
        return [`${ind}while ${this.expr()}:`, ...this.block(level + 1, inFunc)];
      case 8:
        return inFunc
          ? [`${ind}return ${this.expr()}`]
          : [`${ind}${r.pick(NAMES)}[${this.expr()}] = ${this.expr()}`];
      default:
        return [`${ind}${r.pick(NAMES)}, ${r.pick(NAMES)} = ${this.expr()}`];
    }
  }

  private block(level: number, inFunc: boolean): string[] {
    const out: string[] = [];
    const n = 1 + this.r.int(3);
    for (let i = 0; i < n; i++) out.push(...this.stmt(level, inFunc));
    if (this.r.chance(0.1))
      out.push(`${this.indent(level)}${this.r.pick(['break', 'continue', 'pass'])}`);
    return out;
  }

  /** A random expression (public for evalExpr fuzzing). */
  expr(): string {
    const r = this.r;
    if (this.depth >= this.maxDepth) return this.atom();
    this.depth++;
    try {
      switch (r.int(14)) {
        case 0:
        case 1:
        case 2:
          return this.atom();
        case 3:
          return `${this.expr()} ${r.pick(BINOPS)} ${this.expr()}`;
        case 4:
          return `${r.pick(['-', 'not ', '~', '+'])}${this.expr()}`;
        case 5:
          return `${r.pick(BUILTINS)}(${this.args()})`;
        case 6:
          return `${this.expr()}.${r.pick(METHODS)}(${this.args()})`;
        case 7:
          return `[${this.list()}]`;
        case 8:
          return `{${this.entries()}}`;
        case 9:
          return `${this.expr()}[${this.expr()}]`;
        case 10:
          return `${this.expr()}[${r.chance(0.5) ? this.expr() : ''}:${r.chance(0.5) ? this.expr() : ''}]`;
        case 11:
          return `[${this.expr()} for ${r.pick(NAMES)} in ${this.expr()}${r.chance(0.4) ? ` if ${this.expr()}` : ''}]`;
        case 12:
          return `(${this.expr()} if ${this.expr()} else ${this.expr()})`;
        default:
          return `(lambda ${r.pick(['', 'x', 'x, y = 2', '*a'])}: ${this.expr()})`;
      }
    } finally {
      this.depth--;
    }
  }

  private atom(): string {
    const r = this.r;
    switch (r.int(6)) {
      case 0:
      case 1:
        return r.pick(NAMES);
      case 2:
        return r.pick(STRINGS);
      case 3:
        return r.pick(NUMBERS);
      case 4:
        return r.pick(['None', 'True', 'False', '[]', '{}', '()', '(1,)']);
      default:
        return `"${r.pick(['%s', '%d', '%r', '{}', '{0}', '%', '{'])}" % ${r.pick(NAMES)}`;
    }
  }

  private args(): string {
    const n = this.r.int(4);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = this.r.int(10);
      if (k === 0) out.push(`*${this.expr()}`);
      else if (k === 1) out.push(`**${this.expr()}`);
      else if (k === 2)
        out.push(`${this.r.pick(['key', 'reverse', 'sep', 'x', 'p'])} = ${this.expr()}`);
      else out.push(this.expr());
    }
    return out.join(', ');
  }

  private list(): string {
    const n = this.r.int(4);
    return Array.from({ length: n }, () => this.expr()).join(', ');
  }

  private entries(): string {
    const n = this.r.int(3);
    return Array.from({ length: n }, () => `${this.expr()}: ${this.expr()}`).join(', ');
  }
}
