import { describe, expect, test } from 'vitest';
import { parseAnsi, stripAnsi } from './ansi.ts';
import { matches, parseSearch } from './filter.ts';
import { pieces } from './highlight.ts';
import type { LogLine } from './log-store.ts';

const line = (text: string, spanId = 'build:a:1', level: LogLine['level'] = 'INFO'): LogLine => ({
  id: 1,
  seq: 1,
  spanId,
  manifestName: 'a',
  level,
  text,
  time: '',
});

describe('log filters', () => {
  test('plain search is case-insensitive and literal; /regex/ is a regular expression', () => {
    expect(parseSearch('A.B')?.ranges('xa.b aXb')).toEqual([[1, 4]]);
    expect(parseSearch('/a.b/')?.ranges('xa.b aXb')).toEqual([
      [1, 4],
      [5, 8],
    ]);
    expect(parseSearch('/(/')?.error).toBe('Invalid regular expression: /(/gi: Unterminated group');
  });

  test('source and level filters', () => {
    const f = { source: 'runtime', level: 'all' } as const;
    expect(matches(line('x', 'pod:a:p'), f, 'x')).toBe(true);
    expect(matches(line('x'), f, 'x')).toBe(false);
    expect(matches(line('x', 'b', 'WARN'), { source: 'all', level: 'warn' }, 'x')).toBe(true);
    expect(matches(line('x', 'b', 'ERROR'), { source: 'all', level: 'warn' }, 'x')).toBe(false);
  });
});

describe('ANSI colours and highlights', () => {
  test('SGR codes become styled runs; other escapes are dropped', () => {
    expect(parseAnsi('\u001b[1;31mred\u001b[0m plain\u001b[2K')).toEqual([
      { text: 'red', style: { bold: true, fg: '#cd3131' } },
      { text: ' plain', style: {} },
    ]);
    expect(parseAnsi('\u001b[38;5;196mx\u001b[48;2;1;2;3my')).toEqual([
      { text: 'x', style: { fg: 'rgb(255,0,0)' } },
      { text: 'y', style: { fg: 'rgb(255,0,0)', bg: 'rgb(1,2,3)' } },
    ]);
    expect(stripAnsi('\u001b[32mok\u001b[0m')).toBe('ok');
  });

  test('a match across colour runs is cut into marked pieces', () => {
    const text = 'ab\u001b[31mcd\u001b[0mef';
    expect(
      pieces(text, [[1, 5]]).map((p) => `${p.match ? '[' : ''}${p.text}${p.match ? ']' : ''}`),
    ).toEqual(['a', '[b]', '[cd]', '[e]', 'f']);
  });
});
