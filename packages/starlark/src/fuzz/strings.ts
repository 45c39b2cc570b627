// String-method programs over tricky text: non-ASCII letters, title-case digraphs, Unicode
// spaces, invalid UTF-8 bytes, empty strings; each call's result (or error) is printed.
import type { Rand } from './random.ts';
import { toBinary } from './random.ts';

const TEXTS = [
  '""',
  '" "',
  '"abc"',
  '"Hello, World"',
  '"hello world  "',
  '"\\tTab\\nLine\\r\\n"',
  '"ǅemal ǈ ǋ"',
  '"ÉCOLE école"',
  '"straße"',
  '"ΣΑΣ σας"',
  '"日本語テキスト"',
  '"a\\u00a0b\\u2028c"',
  '"\\xff\\xfeab"',
  '"x\\x00y"',
  '"1,2,,3,"',
  '"aaa"',
  '"AbC123"',
  '"  spaced   out  "',
  '"İstanbul"',
  '"ﬁne"',
  '"a-b_c d"',
  '"🙂 smile"',
  '"Ⅻ ⅻ"',
  '"ǉ"',
  '"123"',
  '"١٢٣"',
  '"²"',
];
const METHODS: ReadonlyArray<readonly [string, number]> = [
  ['capitalize', 0],
  ['title', 0],
  ['upper', 0],
  ['lower', 0],
  ['strip', 0],
  ['lstrip', 1],
  ['rstrip', 1],
  ['strip', 1],
  ['split', 0],
  ['split', 1],
  ['rsplit', 1],
  ['splitlines', 0],
  ['isalpha', 0],
  ['isalnum', 0],
  ['isdigit', 0],
  ['isspace', 0],
  ['islower', 0],
  ['isupper', 0],
  ['istitle', 0],
  ['find', 1],
  ['rfind', 1],
  ['count', 1],
  ['startswith', 1],
  ['endswith', 1],
  ['replace', 2],
  ['partition', 1],
  ['rpartition', 1],
  ['elems', 0],
  ['codepoints', 0],
  ['elem_ords', 0],
  ['codepoint_ords', 0],
  ['removeprefix', 1],
  ['removesuffix', 1],
  ['join', 1],
  ['format', 1],
  ['index', 1],
];

export class StringGenerator {
  private readonly r: Rand;
  constructor(r: Rand) {
    this.r = r;
  }

  program(): string {
    const r = this.r;
    const lines: string[] = [];
    for (let i = 0; i < 6; i++) {
      const [m, arity] = r.pick(METHODS);
      const recv = r.pick(TEXTS);
      const args = Array.from({ length: arity }, () =>
        m === 'join' ? `[${r.pick(TEXTS)}, ${r.pick(TEXTS)}]` : r.pick(TEXTS),
      );
      const call = `${recv}.${m}(${args.join(', ')})`;
      const shown = m.startsWith('elem') || m.startsWith('codepoint') ? `list(${call})` : call;
      lines.push(`print(repr(${shown}))`);
      if (r.chance(0.3))
        lines.push(`print(${recv}[${r.int(5)}:${r.int(9)}], len(${recv}), repr(${recv}))`);
    }
    return toBinary(`${lines.join('\n')}\n`);
  }
}
