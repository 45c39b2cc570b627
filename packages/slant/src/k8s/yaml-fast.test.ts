import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullYAMLValues, parseYAMLValues, SCHEMA_TAGS, YAML11_FIRST_CHARS } from './yaml.ts';

const REPO = resolve(import.meta.dirname, '../../../..');

// Every YAML file the repository's tests and demo use: the realistic inputs.
function corpus(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.set(p.slice(REPO.length + 1), readFileSync(p, 'utf8'));
    }
  };
  for (const d of ['integration', 'packages/slant', 'examples']) {
    try {
      walk(join(REPO, d));
    } catch {
      // a folder this checkout doesn't have
    }
  }
  return out;
}

type Outcome = { values: unknown[] } | { error: string };

function outcome(f: () => unknown[]): Outcome {
  try {
    return { values: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

// The fast path must read exactly what the full path reads, and fail exactly where it fails.
function expectSameAsFullPath(src: string): void {
  expect(outcome(() => parseYAMLValues(src))).toEqual(outcome(() => fullYAMLValues(src)));
}

const CASES: Record<string, string> = {
  'YAML 1.1 booleans': 'a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: True\nh: "yes"\n',
  'octal, hex, binary, underscores': 'a: 0755\nb: 0x1F\nc: 0b101\nd: 1_000\ne: -017\nf: 08\n',
  floats: 'a: 1.5\nb: 1e3\nc: .inf\nd: -.Inf\ne: .NaN\nf: 6.8523015e+5\ng: 1.\nh: .5\n',
  'nulls and empties': 'a:\nb: ~\nc: null\nd: NULL\ne: ""\nf: []\ng: {}\n',
  'timestamps stay strings': 'a: 2001-12-14t21:59:43.10-05:00\nb: 2002-12-14\n',
  'base-60 stays a string': 'a: 190:20:30\nb: 1:20.5\n',
  'quoted and block scalars':
    "a: 'it''s'\nb: \"tab\\tnew\\nline\"\nc: |\n  line 1\n  line 2\nd: >-\n  folded\n  text\n\ne: |+\n  keep\n\n",
  'flow collections': 'a: {b: [1, two, "3"], c: {d: e}}\nf: [ {g: h}, [i] ]\n',
  'multi-document with empty ones': '---\na: 1\n---\n---\n# only a comment\n---\nb: 2\n...\n',
  'a comment-only stream': '# nothing here\n',
  'an empty stream': '',
  'duplicate keys: the later wins': 'a: 1\nb: 2\na: 3\n',
  'anchors and aliases': 'a: &x {b: 1}\nc: *x\n',
  'merge keys': 'base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n',
  'explicit tags': 'a: !!str 1\nb: !!int "2"\n',
  'non-string keys': '1: a\ntrue: b\nnull: c\n~: d\n',
  'complex keys': '? [a, b]\n: c\n',
  'a prototype key': '__proto__: {polluted: true}\n',
  'a YAML directive': '%YAML 1.2\n---\na: yes\n',
  'a top-level scalar and list': '---\nplain text\n---\n- 1\n- two\n',
  'CRLF line endings': 'a: 1\r\nb:\r\n  - x\r\n',
  'unicode and keys with colons': 'naïve: "☃"\n"a:b": c\nurl: http://x/y?z=1&w=2\n',
  'a JSON document': '{"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "p"}}',
  'a tab after a value': 'a: 1\t\nb: 2\n',
  'a bad indent': 'a:\n  b: 1\n c: 2\n',
  'an unterminated quote': 'a: "open\n',
  'a tab indent': 'a:\n\tb: 1\n',
  'a mapping in a plain scalar': 'a: b: c\n',
  'a tab in the indentation': '#a:\n\tb, 1\n',
  'a lone carriage return': 'a: 1\r\nb:\r\n  - x\r \n',
  'a document end followed by text': 'a: 1\n... more\n',
  'multi-line scalars and flows':
    'a: |\n  x\n   y\nb: "multi\n  line"\nc: plain\n  more\nd: [a,\n  b]\n',
  'deep nesting': `${'['.repeat(150)}${']'.repeat(150)}\n`,
};

describe('the fast YAML path', () => {
  for (const [name, src] of Object.entries(CASES)) {
    it(`reads ${name} as the full path does`, () => expectSameAsFullPath(src));
  }

  it('tries the YAML 1.1 tags for every text they can match', () => {
    const tests = SCHEMA_TAGS.flatMap((t) => (t.test === undefined ? [] : [t.test]));
    expect(tests.length).toBeGreaterThan(5);
    const tails = ['', 'ull', 'ULL', 'es', 'ES', 'o', 'O', 'rue', 'RUE', 'alse', 'n', 'N', 'ff'];
    tails.push(
      'FF',
      '1',
      '0',
      'x1F',
      'b10',
      '.5',
      'e3',
      'E1',
      '_1',
      'inf',
      'nan',
      'Inf',
      'NaN',
      '<',
    );
    for (let c = 0; c < 128; c++) {
      const first = String.fromCharCode(c);
      if (YAML11_FIRST_CHARS.includes(first)) continue;
      for (const tail of tails) {
        for (const re of tests)
          expect([first + tail, re.test(first + tail)]).toEqual([first + tail, false]);
      }
    }
  });

  it('reads every YAML file of the repository as the full path does', () => {
    const files = corpus();
    expect(files.size).toBeGreaterThan(30);
    for (const [path, src] of files) {
      expect(
        outcome(() => parseYAMLValues(src)),
        path,
      ).toEqual(outcome(() => fullYAMLValues(src)));
    }
  });

  it('agrees with the full path on 3,000 seeded mutations of that corpus', () => {
    const texts = [...corpus().values(), ...Object.values(CASES)].filter((t) => t.length > 0);
    // A small deterministic generator, so a failure reproduces.
    let seed = 20261124;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = [' ', '\n', ':', '-', '  ', '#', '"', "'", '[', ']', '{', '}', ',', '|', '>'];
    pieces.push('\t', '?', '&', '*', '!', '%', '@', '`', '---', '...', ': ', '- ', '\n  ', '\n- ');
    pieces.push('|-', '>+', '\\', '\r\n', '  - ', 'x: ', 'é', '"a": ', '0755', 'yes', '~', '<<: ');
    const mutate = (text: string): string => {
      const at = rand(text.length);
      return text.slice(0, at) + pieces[rand(pieces.length)] + text.slice(at + rand(3));
    };
    for (let i = 0; i < 3000; i++) {
      const once = mutate(texts[rand(texts.length)]!);
      const mutated = rand(2) === 0 ? once : mutate(once);
      const fast = outcome(() => parseYAMLValues(mutated));
      const full = outcome(() => fullYAMLValues(mutated));
      if (JSON.stringify(fast) !== JSON.stringify(full)) {
        expect({ mutated, fast }).toEqual({ mutated, fast: full });
      }
    }
  });
});
