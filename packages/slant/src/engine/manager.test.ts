// A toy reconciler proves the manager's contract: each ConfigMap labelled toy=source gets a
// "running" copy in a fake runtime (level-based: start, restart on change, stop when gone) and a
// ConfigMap `<name>-copy` it owns. Runtime actions are recorded so repeats show up.
import type { ApiObject, Cmd, ConfigMap } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { FakeClock } from '../clock.ts';
import { configMap, flush, newTestStore } from '../store/testing.ts';
import { Manager, type ReconcileContext, type Reconciler } from './manager.ts';

function toy(actions: string[], runtime: Map<string, string>): Reconciler & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'ConfigMap',
    name: 'toy',
    calls,
    owns: ['ConfigMap'],
    async reconcile(name: string, { store }: ReconcileContext) {
      calls.push(name);
      const cm = store.get('ConfigMap', name);
      const isSource = cm?.metadata.labels?.toy === 'source';
      if (cm !== undefined && !isSource) return;
      if (cm?.data?.fail === 'true') throw new Error(`cannot run ${name}`);
      const want = cm?.data?.value;
      const have = runtime.get(name);
      if (want === have) return;
      if (have !== undefined) {
        actions.push(`stop ${name}`);
        runtime.delete(name);
      }
      if (cm === undefined || want === undefined) return;
      actions.push(`start ${name}=${want}`);
      runtime.set(name, want);
      const ref = { apiVersion: cm.apiVersion, kind: 'ConfigMap', name, uid: cm.metadata.uid! };
      store.upsert(configMap(`${name}-copy`, { value: want }, { ownerReferences: [ref] }));
    },
  };
}

function source(name: string, data: Record<string, string>): ConfigMap {
  return configMap(name, data, { labels: { toy: 'source' } });
}

function setup() {
  const clock = new FakeClock();
  const store = newTestStore(clock);
  const errors: string[] = [];
  const manager = new Manager({
    store,
    clock,
    backoffBaseMs: 100,
    onReconcileError: (r, name, err, ms) => errors.push(`${r}/${name}: ${String(err)} +${ms}ms`),
  });
  const actions: string[] = [];
  const runtime = new Map<string, string>();
  const reconciler = toy(actions, runtime);
  manager.register(reconciler);
  return { clock, store, manager, actions, runtime, errors, calls: reconciler.calls };
}

describe('Manager with a toy ConfigMap reconciler', () => {
  test('Manager reconciles objects that exist at start and converges once', async () => {
    const { store, manager, actions, calls } = setup();
    store.create(source('a', { value: '1' }));
    manager.start();
    await flush();
    expect(actions).toEqual(['start a=1']);
    expect(store.get('ConfigMap', 'a-copy')?.data).toEqual({ value: '1' });
    // The copy's ADDED event is of the own kind and owned by a: both reconcile, both no-ops.
    expect(calls).toEqual(['a', 'a-copy', 'a']);
    await manager.stop();
  });

  test('Manager reconcile is level-based: a change restarts, a delete stops and cascades', async () => {
    const { store, manager, actions } = setup();
    manager.start();
    store.create(source('a', { value: '1' }));
    await flush();
    store.update(source('a', { value: '2' }));
    await flush();
    store.delete('ConfigMap', 'a');
    await flush();
    expect(actions).toEqual(['start a=1', 'stop a', 'start a=2', 'stop a']);
    expect(store.snapshot()).toEqual([]);
    await manager.stop();
  });

  test('Manager coalesces a burst of writes during a reconcile into one more reconcile', async () => {
    const clock = new FakeClock();
    const store = newTestStore(clock);
    const manager = new Manager({ store, clock });
    const seen: string[] = [];
    let release = () => {};
    manager.register({
      kind: 'ConfigMap',
      reconcile: async (name, ctx) => {
        seen.push(ctx.store.get('ConfigMap', name)?.data?.value ?? 'gone');
        if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    manager.start();
    store.create(configMap('a', { value: '0' }));
    await flush();
    for (let i = 1; i <= 5; i++) store.update(configMap('a', { value: String(i) }));
    await flush();
    release();
    await flush();
    await flush();
    expect(seen).toEqual(['0', '5']);
    await manager.stop();
  });

  test('Manager retries a throwing reconcile with backoff until it succeeds', async () => {
    const { clock, store, manager, actions, errors } = setup();
    manager.start();
    store.create(source('a', { value: '1', fail: 'true' }));
    await flush();
    clock.advance(100);
    await flush();
    expect(errors).toEqual([
      'toy/a: Error: cannot run a +100ms',
      'toy/a: Error: cannot run a +200ms',
    ]);
    store.update(source('a', { value: '1' }));
    await flush();
    expect(actions).toEqual(['start a=1']);
    clock.advance(1000);
    await flush();
    expect(errors.length).toBe(2);
    expect(manager.isIdle()).toBe(true);
    await manager.stop();
  });

  test('Manager stop waits for a running reconcile and aborts its signal', async () => {
    const clock = new FakeClock();
    const store = newTestStore(clock);
    const manager = new Manager({ store, clock });
    let release = () => {};
    let sawAbort = false;
    manager.register({
      kind: 'ConfigMap',
      reconcile: (_name, { signal }) =>
        new Promise<void>((resolve) => {
          release = () => {
            sawAbort = signal.aborted;
            resolve();
          };
        }),
    });
    manager.start();
    store.create(configMap('a'));
    await flush();
    let stopped = false;
    const stopping = manager.stop().then(() => {
      stopped = true;
    });
    await flush();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(sawAbort).toBe(true);
  });

  test('Manager maps events of watched kinds to its own keys', async () => {
    const clock = new FakeClock();
    const store = newTestStore(clock);
    const manager = new Manager({ store, clock });
    const calls: string[] = [];
    manager.register({
      kind: 'Cmd',
      watches: [
        {
          kind: 'ConfigMap',
          map: (obj: ApiObject) => (obj.kind === 'ConfigMap' ? [obj.data?.cmd ?? ''] : []),
        },
      ],
      reconcile: async (name) => {
        calls.push(name);
      },
    });
    manager.start();
    const cmd: Cmd = {
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'Cmd',
      metadata: { name: 'c' },
      spec: {},
    };
    store.create(cmd);
    await flush();
    store.create(configMap('trigger', { cmd: 'c' }));
    await flush();
    expect(calls).toEqual(['c', 'c']);
    await manager.stop();
  });

  test('Manager reports a throwing map function and still routes the event elsewhere', async () => {
    const clock = new FakeClock();
    const store = newTestStore(clock);
    const mapErrors: string[] = [];
    const manager = new Manager({
      store,
      clock,
      onMapError: (r, obj, err) => mapErrors.push(`${r} ${obj.metadata.name}: ${String(err)}`),
    });
    const calls: string[] = [];
    manager.register({
      kind: 'Cmd',
      watches: [
        {
          kind: 'ConfigMap',
          map: () => {
            throw new Error('bad map');
          },
        },
      ],
      reconcile: async () => {},
    });
    manager.register({
      kind: 'ConfigMap',
      reconcile: async (name) => {
        calls.push(name);
      },
    });
    manager.start();
    store.create(configMap('a'));
    await flush();
    expect(mapErrors).toEqual(['Cmd a: Error: bad map']);
    expect(calls).toEqual(['a']);
    await manager.stop();
  });
});
