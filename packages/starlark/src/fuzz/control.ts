// Control-flow programs: loops with break/continue, nested functions and closures,
// comprehensions over outer variables, augmented assignments to names, indexes and slices,
// unpacking in for loops, early returns. Values stay small and typed so most programs run to the
// end; the failures they do reach (bad index, unpack counts, ...) compare error positions.
import type { Rand } from './random.ts';
import { toBinary } from './random.ts';

export class ControlGenerator {
  private readonly r: Rand;
  private tmp = 0;
  constructor(r: Rand) {
    this.r = r;
  }

  program(): string {
    const lines = [
      'data = [3, 1, 4, 1, 5, 9, 2, 6]',
      'pairs = [(1, "a"), (2, "b"), (3, "c")]',
      'table = {"x": 1, "y": 2}',
      'def run(n):',
      '    acc = []',
      '    total = 0',
      ...this.block(1, 2).map((l) => `    ${l}`),
      '    return (acc, total)',
      `print(run(${this.r.int(5)}))`,
      `print(run(${this.r.int(5)}))`,
      'print(data, table)',
    ];
    return toBinary(`${lines.join('\n')}\n`);
  }

  private block(depth: number, n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(...this.stmt(depth));
    return out;
  }

  private indent(lines: string[]): string[] {
    return lines.map((l) => `    ${l}`);
  }

  private stmt(depth: number): string[] {
    const r = this.r;
    const k = depth > 3 ? r.int(5) : r.int(11);
    const v = `t${this.tmp++}`;
    switch (k) {
      case 0:
        return [
          `total ${r.pick(['+=', '-=', '*=', '//=', '%=', '|=', '^='])} ${r.pick(['n', '1', '2', 'len(acc)', 'data[0]', '3'])}`,
        ];
      case 1:
        return [`acc.append(${r.pick(['n', 'total', '"s"', 'len(data)', '(n, total)'])})`];
      case 2:
        return [
          `data[${r.pick(['0', '-1', 'n', 'n % 8', '9'])}] ${r.pick(['+=', '=', '*='])} ${r.pick(['1', 'n', 'total'])}`,
        ];
      case 3:
        return [
          `table[${r.pick(['"x"', '"z"', 'str(n)'])}] ${r.pick(['+=', '='])} ${r.pick(['1', 'n', '"v"'])}`,
        ];
      case 4:
        return [
          `acc += [x * 2 for x in data${r.pick(['', '[:n]', '[::-1]', '[n:]'])} if x ${r.pick(['>', '<', '!='])} ${r.pick(['n', 'total', '3'])}]`,
        ];
      case 5:
        return [
          `for ${r.pick(['i', 'i, s'])} in ${r.pick(['pairs', 'data', 'range(n)', 'enumerate(data)', 'table.items()'])}:`,
          ...this.indent([
            ...(r.chance(0.5)
              ? [
                  `if ${r.pick(['n > 2', 'total > 10', 'len(acc) > 3'])}:`,
                  `    ${r.pick(['break', 'continue'])}`,
                ]
              : []),
            ...this.block(depth + 1, 1 + r.int(2)),
          ]),
        ];
      case 6:
        return [
          `def ${v}(a, b = n):`,
          ...this.indent([`return ${r.pick(['a + b', 'a * total', '[a] + acc[-1:]', 'b - a'])}`]),
          `acc.append(${v}(${r.pick(['1', 'n', 'total', '"q"'])}))`,
        ];
      case 7:
        return [
          `if ${r.pick(['n % 2 == 0', 'total', 'acc', 'not data'])}:`,
          ...this.indent(this.block(depth + 1, 1)),
          'else:',
          ...this.indent(this.block(depth + 1, 1)),
        ];
      case 8:
        return [
          `${v}, ${v}b = ${r.pick(['n, total', 'pairs[0]', 'acc[:2]', '(1, 2, 3)', 'table'])}`,
          `total += len(str(${v}))`,
        ];
      case 9:
        return [`data[${r.pick(['1:3', ':n', '::2'])}] ${r.pick(['=', '+='])} [n]`];
      default:
        return [
          `acc.extend(sorted(${r.pick(['data', 'table', 'acc', 'pairs'])}${r.pick(['', ', reverse = True'])})[:3])`,
        ];
    }
  }
}
