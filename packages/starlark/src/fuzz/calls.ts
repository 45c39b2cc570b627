// Generation of function definitions and calls with random parameter lists and arguments, to
// compare argument binding (and its many error messages) with starlark-go.
import type { Rand } from './random.ts';
import { toBinary } from './random.ts';

export class CallGenerator {
  private readonly r: Rand;
  constructor(r: Rand) {
    this.r = r;
  }

  private params(): string[] {
    const r = this.r;
    const out: string[] = [];
    const required = r.int(3);
    for (let i = 0; i < required; i++) out.push('ab'[i] ?? 'z');
    const optional = r.int(3);
    for (let i = 0; i < optional; i++) out.push(`${'cd'[i] ?? 'y'} = ${i + 10}`);
    const star = r.int(3); // 0: none, 1: *args, 2: bare *
    const kwonly = ['e', 'f = 30', 'g'].filter(() => r.chance(0.4));
    if (star === 1) out.push('*args');
    if (star === 2 || (star === 0 && kwonly.length > 0 && r.chance(0.5))) {
      if (kwonly.length > 0) out.push('*');
    }
    if (out.includes('*') || out.includes('*args')) out.push(...kwonly);
    if (r.chance(0.4)) out.push('**kw');
    return out;
  }

  private args(): string[] {
    const r = this.r;
    const out: string[] = [];
    const positional = r.int(5);
    for (let i = 0; i < positional; i++) out.push(String(i + 1));
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'args', 'kw', 'zz'];
    for (const n of names) if (r.chance(0.2)) out.push(`${n} = "${n}"`);
    if (r.chance(0.25)) out.push(`*${r.pick(['[]', '[7, 8]', '(9,)', '"s"', 'None', '{"k": 1}'])}`);
    if (r.chance(0.25)) {
      out.push(`**${r.pick(['{}', '{"b": 2}', '{"e": 5, "q": 6}', '[]', '{1: 2}', '{"a": 0}'])}`);
    }
    return out;
  }

  program(): string {
    const params = this.params();
    const body = params.map((p) => p.split(' ')[0]!.replace(/^\*+/, '')).filter((p) => p !== '');
    const lines = [
      `def fn(${params.join(', ')}):`,
      `    return (${body.map((n) => `${n},`).join(' ')})`,
    ];
    for (let i = 0; i < 1 + this.r.int(3); i++) {
      lines.push(`print(fn(${this.args().join(', ')}))`);
    }
    lines.push('lam = lambda x, y = 2, *r, **k: (x, y, r, k)');
    lines.push(`print(lam(${this.args().join(', ')}))`);
    return toBinary(`${lines.join('\n')}\n`);
  }
}
