import type { View } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { FakeClock } from '../clock.ts';
import { LogStore } from '../logs/log-store.ts';
import { flush, newTestStore } from '../store/testing.ts';
import { uiResource } from './testing.ts';
import { ViewStream } from './view-stream.ts';

function setup(opts: { maxSegments?: number; maxBuffered?: number } = {}) {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const logs = new LogStore({ clock });
  const sent: View[] = [];
  const sink = {
    buffered: 0,
    send: (t: string) => sent.push(JSON.parse(t) as View),
    bufferedAmount: () => sink.buffered,
  };
  const source = { store, logs, startTime: 't0', version: 'v', tiltfileKey: 'k' };
  const stream = (from = 0) =>
    new ViewStream({ source, clock, sink, fromCheckpoint: from, flushMs: 50, ...opts });
  const write = (n: number, from = 1) => {
    for (let i = from; i < from + n; i++)
      logs.write({ resource: 'a', spanId: 's', text: `l${i}\n` });
  };
  const texts = (v: View | undefined) => v?.logList?.segments?.map((s) => s.text?.trim());
  return { clock, store, logs, sent, sink, stream, write, texts };
}

describe('ViewStream', () => {
  test('pages a long log into messages of maxSegments, sent back to back', () => {
    const t = setup({ maxSegments: 2 });
    t.write(5);
    t.stream().start();
    expect(t.texts(t.sent[0])).toEqual(['l1', 'l2']);
    expect(t.clock.pendingDelays()).toEqual([0]);
    t.clock.advance(0);
    t.clock.advance(0);
    expect(t.sent.slice(1).map(t.texts)).toEqual([['l3', 'l4'], ['l5']]);
    expect(t.sent.map((v) => [v.logList?.fromCheckpoint, v.logList?.toCheckpoint])).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
  });

  test('batches changes over the flush interval into one update', async () => {
    const t = setup();
    t.stream().start();
    t.store.create(uiResource('a'));
    t.write(2);
    await flush();
    expect(t.sent).toHaveLength(1);
    t.clock.advance(50);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]?.uiResources?.map((r) => r.metadata.name)).toEqual(['a']);
    expect(t.texts(t.sent[1])).toEqual(['l1', 'l2']);
  });

  test('holds updates while the socket buffer is full, then sends what piled up in one', async () => {
    const t = setup({ maxBuffered: 100 });
    t.stream().start();
    t.sink.buffered = 1000;
    t.write(3);
    await flush();
    t.clock.advance(50);
    t.clock.advance(10);
    expect(t.sent).toHaveLength(1);
    t.sink.buffered = 0;
    t.clock.advance(10);
    expect(t.sent).toHaveLength(2);
    expect(t.texts(t.sent[1])).toEqual(['l1', 'l2', 'l3']);
  });

  test('resumes after the client checkpoint; a checkpoint from another run starts over', () => {
    const t = setup();
    t.write(3);
    t.stream(2).start();
    expect(t.texts(t.sent[0])).toEqual(['l3']);
    t.stream(99).start();
    expect(t.texts(t.sent[1])).toEqual(['l1', 'l2', 'l3']);
  });
});
