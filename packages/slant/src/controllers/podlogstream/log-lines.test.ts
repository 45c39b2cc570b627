import { describe, expect, test } from 'vitest';
import {
  compareTimestamps,
  dateToTimestamp,
  LineSplitter,
  splitTimestamp,
  timestampToDate,
} from './log-lines.ts';

describe('splitTimestamp', () => {
  test('splits the kubelet timestamp off the text, keeping nanoseconds', () => {
    const { ts, text } = splitTimestamp('2024-01-01T10:00:00.123456789Z hello world');
    expect(text).toBe('hello world');
    expect(ts).toEqual({ sec: Date.parse('2024-01-01T10:00:00Z') / 1000, nano: 123456789 });
  });

  test('reads short fractions as nanoseconds and accepts none', () => {
    expect(splitTimestamp('2024-01-01T10:00:00.5Z x').ts?.nano).toBe(500000000);
    expect(splitTimestamp('2024-01-01T10:00:00Z x').ts?.nano).toBe(0);
  });

  test('leaves a line without a timestamp whole', () => {
    expect(splitTimestamp('plain line')).toEqual({ text: 'plain line' });
  });
});

describe('compareTimestamps', () => {
  test('orders by seconds, then nanoseconds that Date cannot hold', () => {
    const a = splitTimestamp('2024-01-01T10:00:00.000000001Z a').ts!;
    const b = splitTimestamp('2024-01-01T10:00:00.000000002Z b').ts!;
    const c = splitTimestamp('2024-01-01T10:00:01Z c').ts!;
    expect(compareTimestamps(a, b)).toBeLessThan(0);
    expect(compareTimestamps(b, a)).toBeGreaterThan(0);
    expect(compareTimestamps(c, b)).toBeGreaterThan(0);
    expect(compareTimestamps(a, a)).toBe(0);
  });

  test('converts to and from Date at millisecond precision', () => {
    const d = new Date('2024-01-01T10:00:00.250Z');
    expect(timestampToDate(dateToTimestamp(d))).toEqual(d);
  });
});

describe('LineSplitter', () => {
  test('joins lines split across chunks and keeps the partial tail', () => {
    const s = new LineSplitter();
    expect(s.push('one\ntw')).toEqual(['one']);
    expect(s.push('o\nthree\n')).toEqual(['two', 'three']);
    expect(s.push('four')).toEqual([]);
    expect(s.flush()).toBe('four');
    expect(s.flush()).toBeUndefined();
  });
});
