import { describe, expect, test } from 'vitest';
import { ClientLogStore, isRuntimeSpan } from './log-store.ts';

describe('ClientLogStore', () => {
  test('joins segments into lines per span and indexes them by resource', () => {
    const s = new ClientLogStore();
    s.append({
      spans: { 'build:web:1': { manifestName: 'web' }, 'pod:web:p': { manifestName: 'web' } },
      segments: [
        { spanId: 'build:web:1', text: 'Step 1\n' },
        { spanId: 'pod:web:p', text: 'listen' },
        { spanId: 'build:web:1', text: 'done\n', level: 'WARN' },
        { spanId: 'pod:web:p', text: 'ing\n' },
      ],
      fromCheckpoint: 0,
      toCheckpoint: 4,
    });
    s.append({
      spans: { g: { manifestName: '' } },
      segments: [{ spanId: 'g', text: 'global\n' }],
      fromCheckpoint: 4,
      toCheckpoint: 5,
    });
    expect(s.linesOf('web').map((l) => `${l.spanId} ${l.level} ${l.text}`)).toEqual([
      'build:web:1 INFO Step 1',
      'build:web:1 WARN done',
      'pod:web:p INFO listening',
    ]);
    expect(s.linesOf(undefined).map((l) => l.text)).toEqual([
      'Step 1',
      'done',
      'listening',
      'global',
    ]);
    expect(s.checkpoint).toBe(5);
  });

  test('past the cap it drops the oldest tenth, from every resource', () => {
    const s = new ClientLogStore(10);
    const segments = Array.from({ length: 11 }, (_, i) => ({
      spanId: i % 2 ? 'a' : 'b',
      text: `l${i}\n`,
    }));
    s.append({
      spans: { a: { manifestName: 'A' }, b: { manifestName: 'B' } },
      segments,
      fromCheckpoint: 0,
      toCheckpoint: 11,
    });
    expect(s.size).toBe(10);
    expect(s.linesOf(undefined)[0]?.text).toBe('l1');
    expect(s.linesOf('B').map((l) => l.text)).toEqual(['l2', 'l4', 'l6', 'l8', 'l10']);
  });

  test('pod, serve and Compose spans are runtime; builds and the Tiltfile are not', () => {
    expect(
      ['pod:w:p', 'localserve:3', 'dc:x', 'build:w:1', 'tiltfile:(Tiltfile):1'].map(isRuntimeSpan),
    ).toEqual([true, true, true, false, false]);
  });

  test('counts warnings and errors per span, and forgets the dropped ones', () => {
    const s = new ClientLogStore(10);
    const seg = (spanId: string, level: 'WARN' | 'ERROR' | 'INFO') => ({
      spanId,
      level,
      text: 'x\n',
      ...(level === 'INFO' ? {} : { anchor: true }),
    });
    s.append({
      spans: { b: { manifestName: 'a' }, p: { manifestName: 'a' } },
      segments: [seg('b', 'ERROR'), seg('b', 'WARN'), seg('p', 'WARN'), seg('p', 'INFO')],
      fromCheckpoint: 0,
      toCheckpoint: 4,
    });
    expect([s.alertsOf('b'), s.alertsOf('p'), s.alertsOf(undefined)]).toEqual([
      { warnings: 1, errors: 1 },
      { warnings: 1, errors: 0 },
      { warnings: 0, errors: 0 },
    ]);
    s.append({
      segments: Array.from({ length: 7 }, () => seg('p', 'INFO')),
      fromCheckpoint: 4,
      toCheckpoint: 11,
    });
    // 11 lines > 10: the oldest (b's ERROR) is gone, and so is its alert.
    expect(s.alertsOf('b')).toEqual({ warnings: 1, errors: 0 });
  });

  test('a many-line error is one alert: only its first (anchored) line counts', () => {
    const s = new ClientLogStore();
    s.append({
      spans: { t: { manifestName: '(Tiltfile)' } },
      segments: [
        { spanId: 't', level: 'ERROR', anchor: true, text: 'Traceback (most recent call last):\n' },
        { spanId: 't', level: 'ERROR', text: '  Tiltfile:1:1: in <toplevel>\n' },
        { spanId: 't', level: 'ERROR', text: 'Error: boom\n' },
      ],
      fromCheckpoint: 0,
      toCheckpoint: 3,
    });
    expect(s.alertsOf('t')).toEqual({ warnings: 0, errors: 1 });
    expect(s.linesOf('(Tiltfile)').map((l) => l.level)).toEqual(['ERROR', 'ERROR', 'ERROR']);
  });
});
