import { describe, expect, test } from 'vitest';
import { goKeyLess, goYAMLMarshal } from './goyaml-emit.ts';

// Expected texts are go-yaml v2's output for the same data (Tilt's encode_yaml of the same values).
describe('goYAMLMarshal', () => {
  test('orders keys as go-yaml does: digit runs by value, other runes before letters', () => {
    expect(['a10', 'a9', 'b', 'A', '_x', 'a'].sort((x, y) => (goKeyLess(x, y) ? -1 : 1))).toEqual([
      '_x',
      'A',
      'a',
      'a9',
      'a10',
      'b',
    ]);
  });

  test('quotes what YAML 1.1 would read as another type, and indicators', () => {
    expect(
      goYAMLMarshal({
        a: 'on',
        b: 'y',
        c: '0x1F',
        d: '1_000',
        e: '1:20',
        f: '',
        g: '- x',
        h: 'a: b',
        i: "it's",
      }),
    ).toBe(
      `a: "on"\nb: "y"\nc: "0x1F"\nd: "1_000"\ne: "1:20"\nf: ""\ng: '- x'\nh: 'a: b'\ni: it's\n`,
    );
  });

  test('folds a long plain string at the first space past column 80', () => {
    const s =
      'echo this is a very long command line that goes on and on and on past eighty columns for sure';
    expect(goYAMLMarshal({ command: ['sh', s] })).toBe(
      'command:\n- sh\n- echo this is a very long command line that goes on and on and on past eighty columns\n  for sure\n',
    );
  });

  test('writes multi-line strings as literal blocks with their chomping', () => {
    expect(goYAMLMarshal({ a: 'x\ny\n', b: 'x\ny', c: 'x\n\n', d: ' lead\n' })).toBe(
      'a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\nd: |2\n   lead\n',
    );
  });

  test('writes floats as Go formats them, and empty collections in flow style', () => {
    expect(goYAMLMarshal({ f: 1.5, g: 1234567.5, h: 0.00001, n: null, e: {}, l: [] })).toBe(
      'e: {}\nf: 1.5\ng: 1.2345675e+06\nh: 1e-05\nl: []\n"n": null\n',
    );
  });
});
