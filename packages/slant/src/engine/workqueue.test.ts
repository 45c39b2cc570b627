import { describe, expect, test } from 'vitest';
import { FakeClock } from '../clock.ts';
import { flush } from '../store/testing.ts';
import { WorkQueue } from './workqueue.ts';

/** A process() whose calls stay pending until the test resolves or rejects them. */
function controllable() {
  const calls: { key: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const process = (key: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ key, resolve, reject });
    });
  return { calls, process };
}

describe('WorkQueue', () => {
  test('WorkQueue runs a key once however often it is added before it starts', async () => {
    const c = controllable();
    const q = new WorkQueue({ clock: new FakeClock(), process: c.process });
    q.add('a');
    q.add('a');
    q.add('a');
    await flush();
    expect(c.calls.map((x) => x.key)).toEqual(['a']);
  });

  test('WorkQueue coalesces adds during a run into exactly one more run', async () => {
    const c = controllable();
    const q = new WorkQueue({ clock: new FakeClock(), process: c.process, maxConcurrent: 4 });
    q.add('a');
    await flush();
    q.add('a');
    q.add('a');
    await flush();
    expect(c.calls.length).toBe(1); // never two runs of one key at once
    c.calls[0]!.resolve();
    await flush();
    expect(c.calls.length).toBe(2);
    c.calls[1]!.resolve();
    await flush();
    expect(c.calls.length).toBe(2);
    expect(q.isIdle()).toBe(true);
  });

  test('WorkQueue retries a throwing key with exponential backoff and resets on success', async () => {
    const clock = new FakeClock();
    const c = controllable();
    const errors: string[] = [];
    const q = new WorkQueue({
      clock,
      process: c.process,
      backoffBaseMs: 10,
      backoffMaxMs: 35,
      onError: (key, err, ms) => errors.push(`${key}: ${String(err)} (retry in ${ms} ms)`),
    });
    q.add('a');
    for (let i = 0; i < 4; i++) {
      await flush();
      c.calls[i]!.reject(new Error(`fail ${i + 1}`));
      await flush();
      clock.advance(clock.pendingDelays()[0] ?? 0);
    }
    expect(errors).toEqual([
      'a: Error: fail 1 (retry in 10 ms)',
      'a: Error: fail 2 (retry in 20 ms)',
      'a: Error: fail 3 (retry in 35 ms)',
      'a: Error: fail 4 (retry in 35 ms)',
    ]);
    await flush();
    expect(c.calls.length).toBe(5);
    c.calls[4]!.resolve();
    await flush();
    expect(q.failureCount('a')).toBe(0);
    expect(q.isIdle()).toBe(true);
  });

  test('WorkQueue does not retry before the backoff delay has passed', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue({
      clock,
      backoffBaseMs: 100,
      process: () => Promise.reject(new Error('no')),
    });
    q.add('a');
    await flush();
    expect(clock.pendingDelays()).toEqual([100]);
    clock.advance(99);
    await flush();
    expect(q.failureCount('a')).toBe(1);
    clock.advance(1);
    await flush();
    expect(q.failureCount('a')).toBe(2);
    await q.stop();
  });

  test('WorkQueue runs at most maxConcurrent keys at once, in arrival order', async () => {
    const c = controllable();
    const q = new WorkQueue({ clock: new FakeClock(), process: c.process, maxConcurrent: 2 });
    for (const k of ['a', 'b', 'c']) q.add(k);
    await flush();
    expect(c.calls.map((x) => x.key)).toEqual(['a', 'b']);
    c.calls[1]!.resolve();
    await flush();
    expect(c.calls.map((x) => x.key)).toEqual(['a', 'b', 'c']);
  });

  test('WorkQueue requeues after the delay a process() result asks for', async () => {
    const clock = new FakeClock();
    let runs = 0;
    const q = new WorkQueue({
      clock,
      process: async () => {
        runs++;
        return runs === 1 ? { requeueAfter: 50 } : undefined;
      },
    });
    q.add('a');
    await flush();
    expect(clock.pendingDelays()).toEqual([50]);
    clock.advance(50);
    await flush();
    expect(runs).toBe(2);
    expect(q.isIdle()).toBe(true);
  });

  test('WorkQueue stop waits for in-flight work and drops the rest', async () => {
    const c = controllable();
    const q = new WorkQueue({ clock: new FakeClock(), process: c.process });
    q.add('a');
    q.add('b');
    await flush();
    let stopped = false;
    const stopping = q.stop().then(() => {
      stopped = true;
    });
    q.add('c');
    await flush();
    expect(stopped).toBe(false);
    c.calls[0]!.resolve();
    await stopping;
    expect(c.calls.map((x) => x.key)).toEqual(['a']);
  });

  test('WorkQueue rate-limits starts with a token bucket', async () => {
    const clock = new FakeClock();
    const started: string[] = [];
    const q = new WorkQueue({
      clock,
      maxConcurrent: 10,
      rateLimit: { burst: 2, perSecond: 4 },
      process: async (key) => {
        started.push(key);
      },
    });
    for (const k of ['a', 'b', 'c', 'd']) q.add(k);
    await flush();
    expect(started).toEqual(['a', 'b']);
    expect(clock.pendingDelays()).toEqual([250]);
    clock.advance(250);
    await flush();
    expect(started).toEqual(['a', 'b', 'c']);
    clock.advance(250);
    await flush();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(q.isIdle()).toBe(true);
  });
});
