import { API_VERSION, type ConfigMap, type FileWatch, type FileWatchSpec } from '@slant/api';
import { afterEach, describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { Manager } from '../../engine/manager.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import { FakeWatcherFactory } from '../../watch/fake.ts';
import { createFileWatchReconciler } from './reconciler.ts';

function fileWatch(name: string, spec: FileWatchSpec): FileWatch {
  return {
    apiVersion: API_VERSION,
    kind: 'FileWatch',
    metadata: { name, annotations: { 'tilt.dev/resource': 'web' } },
    spec,
  };
}

function disableMap(value: string): ConfigMap {
  return {
    apiVersion: API_VERSION,
    kind: 'ConfigMap',
    metadata: { name: 'web-disable' },
    data: { isDisabled: value },
  };
}

const T0 = '2024-01-01T00:00:00.000000Z';

let stopManager: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopManager?.();
  stopManager = undefined;
});

function setup(opts: { debounceMs?: number; fingerprint?: (path: string) => string } = {}) {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const watcher = new FakeWatcherFactory();
  const logs = new MemoryLogWriter();
  const manager = new Manager({ store, clock });
  const reconciler = createFileWatchReconciler({ store, clock, watcher, logs, ...opts });
  manager.register(reconciler);
  manager.start();
  stopManager = () => manager.stop();
  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (i > 3 && manager.isIdle()) return;
    }
    throw new Error('the manager did not go idle');
  };
  /** For states with a requeue timer pending (the manager is never idle then). */
  const yieldAll = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  const status = (name = 'web') => store.get('FileWatch', name)?.status;
  return { clock, store, watcher, logs, reconciler, settle, yieldAll, status };
}

describe('FileWatch reconciler', () => {
  test('watches the paths and records when monitoring started', async () => {
    const f = setup();
    f.store.create(fileWatch('web', { watchedPaths: ['/src', '/Tiltfile'] }));
    await f.settle();
    expect(f.watcher.open().map((w) => w.paths)).toEqual([['/src', '/Tiltfile']]);
    expect(f.status()).toEqual({
      monitorStartTime: T0,
      disableStatus: {
        disabled: false,
        lastUpdateTime: '2024-01-01T00:00:00Z',
        reason: 'object does not specify a DisableSource',
        state: 'Enabled',
      },
    });
  });

  test('coalesces events into one batch once they pause for the debounce time', async () => {
    const f = setup();
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.settle();
    const w = f.watcher.open()[0]!;
    w.emit('/src/a.go');
    f.clock.advance(8);
    w.emit('/src/b.go', '/src/a.go');
    f.clock.advance(9);
    await f.settle();
    expect(f.status()?.fileEvents).toBeUndefined();
    f.clock.advance(1);
    await f.settle();
    expect(f.status()?.fileEvents).toEqual([
      { time: '2024-01-01T00:00:00.018000Z', seenFiles: ['/src/a.go', '/src/b.go'] },
    ]);
    expect(f.status()?.lastEventTime).toBe('2024-01-01T00:00:00.018000Z');
  });

  test('a second event for a file that has not changed since the last batch is dropped', async () => {
    const mtimes: Record<string, number> = { '/src/a.go': 1 };
    const f = setup({ fingerprint: (p) => String(mtimes[p] ?? 'missing') });
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.settle();
    const w = f.watcher.open()[0]!;
    w.emit('/src/a.go');
    f.clock.advance(50);
    await f.settle();
    // The tail of the same save, after the batch was reported: nothing new.
    w.emit('/src/a.go');
    f.clock.advance(50);
    await f.settle();
    expect(f.status()?.fileEvents?.map((e) => e.seenFiles)).toEqual([['/src/a.go']]);
    // A real change (new mtime) and a deletion are reported.
    mtimes['/src/a.go'] = 2;
    w.emit('/src/a.go');
    f.clock.advance(50);
    await f.settle();
    delete mtimes['/src/a.go'];
    w.emit('/src/a.go');
    f.clock.advance(50);
    await f.settle();
    expect(f.status()?.fileEvents?.map((e) => e.seenFiles)).toEqual([
      ['/src/a.go'],
      ['/src/a.go'],
      ['/src/a.go'],
    ]);
  });

  test('the debounce time is configurable (Tilt uses 200 ms)', async () => {
    const f = setup({ debounceMs: 200 });
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.settle();
    f.watcher.open()[0]!.emit('/src/a.go');
    f.clock.advance(199);
    await f.settle();
    expect(f.status()?.lastEventTime).toBeUndefined();
    f.clock.advance(1);
    await f.settle();
    expect(f.status()?.lastEventTime).toBe('2024-01-01T00:00:00.200000Z');
  });

  test('reports a batch after 10 s even while events keep coming', async () => {
    const f = setup();
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.settle();
    const w = f.watcher.open()[0]!;
    for (let t = 0; t < 10_000; t += 5) {
      w.emit(`/src/f${t}`);
      f.clock.advance(5);
    }
    await f.settle();
    expect(f.status()?.fileEvents?.[0]?.time).toBe('2024-01-01T00:00:10.000000Z');
    expect(f.status()?.fileEvents?.[0]?.seenFiles).toHaveLength(2000);
  });

  test('drops events matching spec.ignores and editor temporary files', async () => {
    const f = setup();
    const ignores = [{ basePath: '/src', patterns: ['*.log'] }, { basePath: '/src/node_modules' }];
    f.store.create(fileWatch('web', { watchedPaths: ['/src'], ignores }));
    await f.settle();
    const w = f.watcher.open()[0]!;
    w.emit('/src/debug.log', '/src/node_modules/x/index.js', '/src/.main.go.swp', '/src/main.go~');
    f.clock.advance(1000);
    await f.settle();
    expect(f.status()?.fileEvents).toBeUndefined();
    w.emit('/src/debug.log', '/src/main.go');
    f.clock.advance(50);
    await f.settle();
    expect(f.status()?.fileEvents?.map((e) => e.seenFiles)).toEqual([['/src/main.go']]);
  });

  test('keeps the last 20 batches', async () => {
    const f = setup();
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.settle();
    const w = f.watcher.open()[0]!;
    for (let i = 1; i <= 22; i++) {
      w.emit(`/src/${i}`);
      f.clock.advance(50);
    }
    await f.settle();
    const events = f.status()?.fileEvents ?? [];
    expect(events).toHaveLength(20);
    expect(events[0]?.seenFiles).toEqual(['/src/3']);
    expect(events[19]?.seenFiles).toEqual(['/src/22']);
  });

  test('restarts the watch when the spec changes, keeping the event history', async () => {
    const f = setup();
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.settle();
    const first = f.watcher.open()[0]!;
    first.emit('/src/a');
    f.clock.advance(50);
    await f.settle();
    f.store.update(
      fileWatch('web', { watchedPaths: ['/src'], ignores: [{ basePath: '/src/gen' }] }),
    );
    await f.settle();
    expect(first.closed).toBe(true);
    const second = f.watcher.open()[0]!;
    expect(second.paths).toEqual(['/src']);
    second.emit('/src/gen/x', '/src/b');
    f.clock.advance(50);
    await f.settle();
    expect(f.status()?.fileEvents?.map((e) => e.seenFiles)).toEqual([['/src/a'], ['/src/b']]);
    expect(f.status()?.monitorStartTime).toBe('2024-01-01T00:00:00.050000Z');
  });

  test('stops watching when the FileWatch is deleted', async () => {
    const f = setup();
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.settle();
    f.store.delete('FileWatch', 'web');
    await f.settle();
    expect(f.watcher.open()).toEqual([]);
  });

  test('stops watching while disabled and starts again when enabled', async () => {
    const f = setup();
    f.store.create(disableMap('false'));
    const disableSource = { configMap: { name: 'web-disable', key: 'isDisabled' } };
    f.store.create(fileWatch('web', { watchedPaths: ['/src'], disableSource }));
    await f.settle();
    expect(f.watcher.open()).toHaveLength(1);
    f.store.update(disableMap('true'));
    await f.settle();
    expect(f.watcher.open()).toEqual([]);
    expect(f.status()).toEqual({
      disableStatus: {
        disabled: true,
        lastUpdateTime: '2024-01-01T00:00:00Z',
        reason: 'ConfigMap/key "web-disable"/"isDisabled" is true',
        state: 'Disabled',
      },
    });
    f.store.update(disableMap('false'));
    await f.settle();
    expect(f.watcher.open()).toHaveLength(1);
    expect(f.watcher.watches).toHaveLength(2);
  });

  test('a watch that cannot start is an error, logged once and retried after a backoff', async () => {
    const f = setup();
    f.watcher.failNext = new Error('inotify_add_watch: no space left on device');
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.yieldAll();
    expect(f.status()?.error).toBe('filewatch init: inotify_add_watch: no space left on device');
    expect(f.logs.entries).toEqual([
      {
        resource: 'web',
        spanId: 'FileWatch-web',
        text: 'filewatch web: filewatch init: inotify_add_watch: no space left on device\n',
        level: 'ERROR',
      },
    ]);
    f.clock.advance(999);
    await f.yieldAll();
    expect(f.watcher.watches).toHaveLength(0);
    f.clock.advance(1);
    await f.yieldAll();
    expect(f.watcher.open()).toHaveLength(1);
    expect(f.status()?.error).toBeUndefined();
    expect(f.status()?.monitorStartTime).toBe('2024-01-01T00:00:01.000000Z');
  });

  test('an error of a running watch lands in status.error until the next batch', async () => {
    const f = setup();
    f.store.create(fileWatch('web', { watchedPaths: ['/src'] }));
    await f.settle();
    const w = f.watcher.open()[0]!;
    w.fail(new Error('watch overflow'));
    await f.settle();
    expect(f.status()?.error).toBe('watch overflow');
    w.emit('/src/a');
    f.clock.advance(50);
    await f.settle();
    expect(f.status()?.error).toBeUndefined();
  });

  test('stopAll closes every watch', async () => {
    const f = setup();
    f.store.create(fileWatch('a', { watchedPaths: ['/a'] }));
    f.store.create(fileWatch('b', { watchedPaths: ['/b'] }));
    await f.settle();
    await f.reconciler.stopAll();
    expect(f.watcher.open()).toEqual([]);
  });
});
