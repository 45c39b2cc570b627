// Type-directed generation: expressions built to have a given type (int, float, string, bytes,
// list, dict, tuple, bool), so most programs run to the end and print their values. Used by the
// differential test against starlark-go, where printed values are compared too.
import type { Rand } from './random.ts';
import { toBinary } from './random.ts';

export type Ty = 'int' | 'float' | 'str' | 'bytes' | 'list' | 'dict' | 'tuple' | 'bool';
export const TYPES: readonly Ty[] = [
  'int',
  'float',
  'str',
  'bytes',
  'list',
  'dict',
  'tuple',
  'bool',
];

export const INTS = [
  '0',
  '1',
  '-1',
  '2',
  '7',
  '10',
  '255',
  '-13',
  '1 << 62',
  '9007199254740993',
  '3000000000',
];
export const FLOATS = [
  '0.0',
  '-0.0',
  '1.5',
  '2.0',
  '1e100',
  '1e-7',
  '3.141592653589793',
  '123456789.0',
  '1e21',
  '0.1',
  'float("nan")',
  'float("inf")',
];
const NUMERIC = [
  '"12"',
  '" -7 "',
  '"0x1F"',
  '"1e3"',
  '"-2.5"',
  '"inf"',
  '"nan"',
  '"0o17"',
  '"+3"',
  '"1_000"',
  '"0x1p-2"',
  '"1_0.5"',
];
const STRS = [
  '""',
  '"a"',
  '"hello world"',
  '"a,b,,c"',
  '"  pad  "',
  '"MiXeD"',
  '"héllo"',
  '"日本"',
  '"x\\ty\\nz"',
  '"%"',
  '"{}"',
  '"ǅungla"',
  '"12"',
  '"\\x00\\x7f"',
];

export class TypedGenerator {
  private readonly r: Rand;
  private depth = 0;
  constructor(r: Rand) {
    this.r = r;
  }

  program(): string {
    const r = this.r;
    const lines: string[] = [];
    const names: string[] = [];
    const n = 3 + r.int(8);
    for (let i = 0; i < n; i++) {
      const name = `v${i}`;
      lines.push(`${name} = ${this.expr(r.pick(TYPES))}`);
      names.push(name);
      if (r.chance(0.7)) {
        const wrap = r.pick(['', 'repr', 'str', 'type']);
        lines.push(wrap === '' ? `print(${name})` : `print(${wrap}(${name}))`);
      }
    }
    lines.push(`print(${names.join(', ')})`);
    return toBinary(`${lines.join('\n')}\n`);
  }

  expr(ty: Ty): string {
    if (this.depth > 3 || this.r.chance(0.3)) return this.literal(ty);
    this.depth++;
    try {
      return `(${this.compound(ty)})`; // parenthesised: it may become an operand or a receiver
    } finally {
      this.depth--;
    }
  }

  private literal(ty: Ty): string {
    const r = this.r;
    switch (ty) {
      case 'int':
        return r.chance(0.2) ? String(r.int(2 ** 31) - 2 ** 30) : r.pick(INTS);
      case 'float':
        // Random magnitudes exercise the shortest round-trip formatting of floats.
        return r.chance(0.3) ? `${r.int(1000000)}e${r.int(60) - 30}` : r.pick(FLOATS);
      case 'str':
        return r.pick(STRS);
      case 'bytes':
        return r.pick(['b""', 'b"abc"', 'b"\\xff\\x00"', 'b"h\\xc3\\xa9"']);
      case 'bool':
        return r.pick(['True', 'False']);
      case 'list':
        return `[${this.items()}]`;
      case 'tuple':
        return this.tupleLiteral();
      default:
        return `{${Array.from({ length: r.int(4) }, () => `${this.expr(r.pick(['int', 'str']))}: ${this.expr(r.pick(TYPES))}`).join(', ')}}`;
    }
  }

  private tupleLiteral(): string {
    const items = this.items();
    return items === '' ? '()' : `(${items},)`;
  }

  private items(): string {
    const ty = this.r.pick(TYPES);
    return Array.from({ length: this.r.int(5) }, () =>
      this.expr(this.r.chance(0.8) ? ty : this.r.pick(TYPES)),
    ).join(', ');
  }

  private compound(ty: Ty): string {
    const r = this.r;
    const e = (t: Ty): string => this.expr(t);
    switch (ty) {
      case 'int':
        return r.pick([
          () => `${e('int')} ${r.pick(['+', '-', '*', '//', '%', '&', '|', '^'])} ${e('int')}`,
          () => `${e('int')} << ${r.int(70)}`,
          () => `${e('int')} * ${e('int')} * ${e('int')} // ${e('int')}`,
          () => `int(${e('float')} * ${r.pick(['1e10', '1e20', '3.0', '-1e15'])})`,
          () => `${e('str')}.rfind(${e('str')})`,
          () => `len(set(${e('list')}))`,
          () => `sorted(${e('list')}, key = lambda x: str(x))[0]`,
          () => `len(${e(r.pick(['str', 'list', 'dict', 'tuple', 'bytes']))})`,
          () => `int(${r.chance(0.5) ? e(r.pick(['float', 'bool'])) : r.pick(NUMERIC)})`,
          () => `${e('str')}.find(${e('str')})`,
          () => `${e('str')}.count(${e('str')})`,
          () => `hash(${e('str')})`,
          () => `ord(${r.pick(['"a"', '"é"', '"日"', 'b"z"'])})`,
          () => `abs(${e('int')})`,
          () => `min(${e('int')}, ${e('int')})`,
          () => `-${e('int')}`,
        ])();
      case 'float':
        return r.pick([
          () =>
            `${e('float')} ${r.pick(['+', '-', '*', '/', '//', '%'])} ${e(r.pick(['float', 'int']))}`,
          () => `float(${r.chance(0.5) ? e('int') : r.pick(NUMERIC)})`,
          () => `${e('int')} / ${e('int')}`,
          () => `abs(${e('float')})`,
          () => `max(${e('float')}, ${e('float')})`,
        ])();
      case 'str':
        return r.pick([
          () => `${e('str')} + ${e('str')}`,
          () => `${e('str')} * ${r.int(4)}`,
          () =>
            `${e('str')}.${r.pick(['upper', 'lower', 'title', 'capitalize', 'strip', 'lstrip', 'rstrip'])}()`,
          () => `${e('str')}.replace(${e('str')}, ${e('str')})`,
          () => `${e('str')}[${e('int')}:${e('int')}]`,
          () => `${e('str')}[::${r.pick(['-1', '2', '-2', '3'])}]`,
          () => `${e('str')}.join([${e('str')}, ${e('str')}])`,
          () => `repr(${e(r.pick(TYPES))})`,
          () => `str(${e(r.pick(TYPES))})`,
          () => `"%s|%r|%d" % (${e(r.pick(TYPES))}, ${e(r.pick(TYPES))}, ${e('int')})`,
          () => `"%x %o %X" % (${e('int')}, ${e('int')}, ${e('int')})`,
          () => `"%e %f %g" % (${e('float')}, ${e('float')}, ${e('float')})`,
          () => `"{} {!r} {:}".format(${e(r.pick(TYPES))}, ${e(r.pick(TYPES))}, ${e('str')})`,
          () => `chr(${r.pick(['65', '233', '0x65e5', '0x1F600'])})`,
          () => `${e('str')}.removeprefix(${e('str')})`,
          () => `${e('str')}.removesuffix(${e('str')})`,
          () => `${e('str')}.strip(${e('str')})`,
          () => `"%s" % ${e('float')}`,
          () => `"%g %f %e %d|" % (${e('float')}, ${e('float')}, ${e('float')}, ${e('int')})`,
          () => `"{0} {0!r} {1}".format(${e(r.pick(TYPES))}, ${e(r.pick(TYPES))})`,
          () => `" ".join(sorted(${e('str')}.split()))`,
          () => `${e('str')}.title() + ${e('str')}.capitalize()`,
          () => `str(${e('float')} / ${r.pick(['3', '7.0', '1e-9', '-11'])})`,
          () => `str(set(${e('list')}))`,
        ])();
      case 'bytes':
        return r.pick([
          () => `${e('bytes')} * ${r.int(3)}`,
          () => `${e('bytes')} + ${e('bytes')}`,
          () => `bytes(${e('str')})`,
          () => `${e('bytes')}[${e('int')}:]`,
        ])();
      case 'bool':
        return r.pick([
          () =>
            `${e(r.pick(TYPES))} ${r.pick(['==', '!=', '<', '>=', 'in', 'not in'])} ${e(r.pick(TYPES))}`,
          () => `${e('str')}.${r.pick(['startswith', 'endswith'])}(${e('str')})`,
          () =>
            `${e('str')}.${r.pick(['isalpha', 'isdigit', 'isspace', 'isupper', 'islower', 'istitle', 'isalnum'])}()`,
          () => `bool(${e(r.pick(TYPES))})`,
          () => `not ${e('bool')}`,
          () => `any([${e('bool')}, ${e('bool')}])`,
        ])();
      case 'list':
        return r.pick([
          () => `${e('list')} + ${e('list')}`,
          () => `sorted(${e('list')}${r.pick(['', ', reverse = True'])})`,
          () => `list(reversed(${e('list')}))`,
          () => `${e('str')}.split(${r.pick(['', '","', '" "', '"a"'])})`,
          () => `${e('str')}.rsplit(${r.pick(['None', '","', '" "'])}, ${r.int(3)})`,
          () => `${e('str')}.splitlines(${r.pick(['', 'True'])})`,
          () => `list(${e('str')}.elems())`,
          () => `list(${e('str')}.codepoints())`,
          () => `list(${e('bytes')}.elems())`,
          () => `[x for x in ${e('list')} if x]`,
          () => `list(range(${r.int(5)}, ${r.int(9)}, ${r.pick(['1', '2', '-1'])}))`,
          () => `${e('dict')}.items()`,
          () => `list(zip(${e('list')}, ${e('list')}))`,
          () => `list(enumerate(${e('list')}))`,
          () => `${e('list')}[${e('int')}:${e('int')}:${r.pick(['1', '-1', '2'])}]`,
          () => `dir(${e(r.pick(TYPES))})`,
          () => `sorted(set(${e('list')}) | set(${e('list')}))`,
          () => `sorted(set(${e('list')}).intersection(${e('list')}))`,
          () => `[x * 2 for x in ${e('list')}][::-1]`,
          () => `${e('str')}.split(${e('str')}, ${r.int(3)})`,
          () => `${e('dict')}.values()`,
        ])();
      case 'tuple':
        return r.pick([
          () => `tuple(${e('list')})`,
          () => `${e('tuple')} + ${e('tuple')}`,
          () => `${e('str')}.partition(${e('str')})`,
        ])();
      case 'dict':
        return r.pick([
          () => `dict(${e('dict')}, k = ${e(r.pick(TYPES))})`,
          () => `${e('dict')} | ${e('dict')}`,
          () => `{str(x): x for x in ${e('list')}}`,
          () => `dict(zip(${e('list')}, ${e('list')}))`,
        ])();
    }
  }
}
