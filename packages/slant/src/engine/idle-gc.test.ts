import { describe, expect, test } from 'vitest';
import { FakeClock } from '../clock.ts';
import { type ActivitySource, IdleCollector } from './idle-gc.ts';

function setup(opts: { quietMs?: number; minIntervalMs?: number } = {}) {
  const clock = new FakeClock();
  const listeners = new Set<() => void>();
  const source: ActivitySource = (fn) => {
    listeners.add(fn);
    return () => listeners.delete(fn);
  };
  let collections = 0;
  const collector = new IdleCollector({
    clock,
    collect: () => collections++,
    sources: [source],
    ...opts,
  });
  collector.start();
  const work = () => {
    for (const fn of listeners) fn();
  };
  return { clock, collector, work, collections: () => collections, listeners };
}

describe('IdleCollector', () => {
  test('collects once after the quiet time that follows work, then not again while quiet', () => {
    const s = setup({ quietMs: 3000 });
    s.work();
    s.clock.advance(2999);
    expect(s.collections()).toBe(0);
    s.clock.advance(1);
    expect(s.collections()).toBe(1);
    s.clock.advance(600_000);
    expect(s.collections()).toBe(1);
  });

  test('does not collect while work keeps coming, and collects once it stops', () => {
    const s = setup({ quietMs: 3000, minIntervalMs: 0 });
    for (let i = 0; i < 20; i++) {
      s.work();
      s.clock.advance(1000);
    }
    expect(s.collections()).toBe(0);
    s.clock.advance(2000);
    expect(s.collections()).toBe(1);
  });

  test('never collects without work', () => {
    const s = setup();
    s.clock.advance(600_000);
    expect(s.collections()).toBe(0);
  });

  test('keeps one timer however much work comes', () => {
    const s = setup({ quietMs: 3000 });
    for (let i = 0; i < 1000; i++) s.work();
    expect(s.clock.pendingDelays()).toEqual([3000]);
  });

  test('spaces collections by the minimum interval when quiet spells are short', () => {
    const s = setup({ quietMs: 3000, minIntervalMs: 30_000 });
    s.work();
    s.clock.advance(3000);
    expect(s.collections()).toBe(1);
    s.work();
    s.clock.advance(3000);
    expect(s.collections()).toBe(1);
    s.clock.advance(26_999);
    expect(s.collections()).toBe(1);
    s.clock.advance(1);
    expect(s.collections()).toBe(2);
  });

  test('stop unsubscribes and cancels the pending collection', () => {
    const s = setup({ quietMs: 3000 });
    s.work();
    s.collector.stop();
    s.clock.advance(10_000);
    expect([s.collections(), s.listeners.size, s.clock.pendingDelays()]).toEqual([0, 0, []]);
  });
});
