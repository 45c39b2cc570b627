import type { Cmd } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { FakeClock } from '../clock.ts';
import { StoreError } from './errors.ts';
import { configMap, describeEvents, flush, newTestStore } from './testing.ts';
import type { WatchEvent } from './watch.ts';

function cmd(name: string, args: string[]): Cmd {
  return { apiVersion: 'tilt.dev/v1alpha1', kind: 'Cmd', metadata: { name }, spec: { args } };
}

function thrown(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('ObjectStore', () => {
  test('create assigns uid, creationTimestamp, generation and resourceVersion', () => {
    const clock = new FakeClock(new Date('2024-05-01T10:00:00.250Z'));
    const store = newTestStore(clock);
    const created = store.create(configMap('a', { k: 'v' }));
    expect(created.metadata).toEqual({
      name: 'a',
      uid: 'uid-1',
      creationTimestamp: '2024-05-01T10:00:00Z',
      generation: 1,
      resourceVersion: '1',
    });
    expect(store.get('ConfigMap', 'a')).toBe(created);
  });

  test('create of an existing name is AlreadyExists', () => {
    const store = newTestStore();
    store.create(configMap('a'));
    const err = thrown(() => store.create(configMap('a')));
    expect([err.reason, err.code, err.message]).toEqual([
      'AlreadyExists',
      409,
      'configmaps.tilt.dev "a" already exists',
    ]);
  });

  test('stored objects are frozen so readers cannot change them by accident', () => {
    const store = newTestStore();
    const created = store.create(configMap('a', { k: 'v' }));
    expect(() => {
      created.data!.k = 'changed';
    }).toThrow(TypeError);
  });

  test('update bumps generation on a spec change but not on a label change', () => {
    const store = newTestStore();
    store.create(cmd('c', ['a']));
    const specChanged = store.update(cmd('c', ['b']));
    expect([specChanged.metadata.generation, specChanged.metadata.resourceVersion]).toEqual([
      2,
      '2',
    ]);
    const relabelled: Cmd = { ...cmd('c', ['b']), metadata: { name: 'c', labels: { x: 'y' } } };
    const labelled = store.update(relabelled);
    expect([labelled.metadata.generation, labelled.metadata.resourceVersion]).toEqual([2, '3']);
    expect(labelled.metadata.uid).toBe('uid-1');
  });

  test('update that changes nothing keeps the resourceVersion and sends no event', async () => {
    const store = newTestStore();
    const first = store.create(cmd('c', ['a']));
    const events: WatchEvent[] = [];
    store.watch((e) => events.push(e));
    expect(store.update(cmd('c', ['a']))).toBe(first);
    await flush();
    expect(events).toEqual([]);
  });

  test('update with a stale resourceVersion is a Conflict', () => {
    const store = newTestStore();
    const v1 = store.create(cmd('c', ['a']));
    store.update(cmd('c', ['b']));
    const err = thrown(() => store.update({ ...v1, spec: { args: ['c'] } }));
    expect([err.reason, err.code, err.message]).toEqual([
      'Conflict',
      409,
      'Operation cannot be fulfilled on cmds.tilt.dev "c": the object has been modified; please apply your changes to the latest version and try again',
    ]);
  });

  test('update of a missing object is NotFound', () => {
    const err = thrown(() => newTestStore().update(cmd('nope', [])));
    expect([err.reason, err.code, err.message]).toEqual([
      'NotFound',
      404,
      'cmds.tilt.dev "nope" not found',
    ]);
  });

  test('update keeps status; updateStatus changes only status', () => {
    const store = newTestStore();
    store.create(cmd('c', ['a']));
    const withStatus = store.updateStatus({ ...cmd('c', ['ignored']), status: { ready: true } });
    expect(withStatus.spec.args).toEqual(['a']);
    expect(withStatus.status).toEqual({ ready: true });
    expect(withStatus.metadata.generation).toBe(1);
    const updated = store.update({ ...cmd('c', ['b']), status: { ready: false } });
    expect(updated.status).toEqual({ ready: true });
  });

  test('upsert creates, then updates ignoring resourceVersion', () => {
    const store = newTestStore();
    const a = store.upsert(cmd('c', ['a']));
    const stale = { ...cmd('c', ['b']), metadata: { name: 'c', resourceVersion: '999' } };
    const b = store.upsert(stale);
    expect([a.metadata.resourceVersion, b.metadata.resourceVersion, b.spec.args]).toEqual([
      '1',
      '2',
      ['b'],
    ]);
  });

  test('list filters by structured and string label selectors, sorted by name', () => {
    const store = newTestStore();
    store.create(configMap('b', {}, { labels: { app: 'web', tier: 'front' } }));
    store.create(configMap('a', {}, { labels: { app: 'web' } }));
    store.create(configMap('c', {}, { labels: { app: 'db' } }));
    const names = (sel: Parameters<typeof store.list>[1]) =>
      store.list('ConfigMap', sel).map((o) => o.metadata.name);
    expect(names({})).toEqual(['a', 'b', 'c']);
    expect(names({ labelSelector: { matchLabels: { app: 'web' } } })).toEqual(['a', 'b']);
    expect(names({ labelSelector: 'app=web,!tier' })).toEqual(['a']);
    expect(names({ labelSelector: 'app in (db, web),tier' })).toEqual(['b']);
    expect(names({ labelSelector: 'app!=web' })).toEqual(['c']);
  });

  test('delete cascades to owned objects whose owners are all gone', () => {
    const store = newTestStore();
    const owner = store.create(configMap('owner'));
    const other = store.create(configMap('other'));
    const ref = (o: typeof owner) => ({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'ConfigMap',
      name: o.metadata.name,
      uid: o.metadata.uid!,
    });
    const child = store.create(configMap('child', {}, { ownerReferences: [ref(owner)] }));
    store.create(configMap('grandchild', {}, { ownerReferences: [ref(child)] }));
    store.create(configMap('shared', {}, { ownerReferences: [ref(owner), ref(other)] }));
    store.delete('ConfigMap', 'owner');
    expect(store.snapshot().map((o) => o.metadata.name)).toEqual(['other', 'shared']);
  });

  test('delete sends DELETED with deletionTimestamp and honours a resourceVersion precondition', async () => {
    const store = newTestStore();
    store.create(configMap('a'));
    const events: WatchEvent[] = [];
    store.watch((e) => events.push(e), { kind: 'ConfigMap' });
    expect(thrown(() => store.delete('ConfigMap', 'a', { resourceVersion: '7' })).reason).toBe(
      'Conflict',
    );
    store.delete('ConfigMap', 'a');
    await flush();
    expect(describeEvents(events)).toEqual(['DELETED ConfigMap/a']);
    expect(events[0]!.object.metadata.deletionTimestamp).toBe('2024-01-01T00:00:00Z');
    expect(store.get('ConfigMap', 'a')).toBeUndefined();
  });

  test('watch delivers after the write returns, in write order, filtered by kind', async () => {
    const store = newTestStore();
    const all: WatchEvent[] = [];
    const cmds: WatchEvent[] = [];
    store.watch((e) => all.push(e));
    store.watch((e) => cmds.push(e), { kind: 'Cmd' });
    store.create(configMap('a'));
    store.create(cmd('c', []));
    store.update(cmd('c', ['x']));
    expect(all).toEqual([]);
    await flush();
    expect(describeEvents(all)).toEqual(['ADDED ConfigMap/a', 'ADDED Cmd/c', 'MODIFIED Cmd/c']);
    expect(describeEvents(cmds)).toEqual(['ADDED Cmd/c', 'MODIFIED Cmd/c']);
  });

  test('watch with sendInitial lists existing objects before later writes, without gaps', async () => {
    const store = newTestStore();
    store.create(configMap('a'));
    const events: WatchEvent[] = [];
    store.watch((e) => events.push(e), { sendInitial: true });
    store.create(configMap('b'));
    await flush();
    expect(describeEvents(events)).toEqual(['ADDED ConfigMap/a', 'ADDED ConfigMap/b']);
  });

  test('a throwing watcher is reported and does not stop other watchers', async () => {
    const errors: unknown[] = [];
    const { ObjectStore } = await import('./store.ts');
    const store = new ObjectStore({
      clock: new FakeClock(),
      onWatcherError: (e) => errors.push(e),
    });
    const seen: string[] = [];
    store.watch(() => {
      throw new Error('boom');
    });
    store.watch((e) => seen.push(e.object.metadata.name));
    store.create(configMap('a'));
    await flush();
    expect(seen).toEqual(['a']);
    expect(String(errors[0])).toBe('Error: boom');
  });

  test('unsubscribed watchers get no pending events', async () => {
    const store = newTestStore();
    const events: WatchEvent[] = [];
    const stop = store.watch((e) => events.push(e));
    store.create(configMap('a'));
    stop();
    await flush();
    expect(events).toEqual([]);
  });

  test('snapshot sorts by kind then name', () => {
    const store = newTestStore();
    store.create(configMap('b'));
    store.create(cmd('z', []));
    store.create(configMap('a'));
    expect(store.snapshot().map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Cmd/z',
      'ConfigMap/a',
      'ConfigMap/b',
    ]);
  });

  test('create rejects a missing name with an Invalid error', () => {
    const err = thrown(() => newTestStore().create(configMap('')));
    expect([err.code, err.message]).toEqual([
      422,
      'ConfigMap.tilt.dev "" is invalid: metadata.name: Required value: name is required',
    ]);
  });

  test('watch from a resourceVersion replays kept events after it, then live ones', async () => {
    const store = newTestStore();
    store.create(configMap('a'));
    store.create(cmd('c', []));
    store.delete('ConfigMap', 'a');
    const events: WatchEvent[] = [];
    store.watch((e) => events.push(e), { kind: 'ConfigMap', sinceResourceVersion: '1' });
    store.create(configMap('b'));
    await flush();
    expect(describeEvents(events)).toEqual(['DELETED ConfigMap/a', 'ADDED ConfigMap/b']);
  });

  test('watch from a resourceVersion replays only the latest event of an object written twice', async () => {
    const store = newTestStore();
    store.create(cmd('c', ['a']));
    store.create(configMap('a'));
    store.update(cmd('c', ['b']));
    const events: string[] = [];
    store.watch(
      (e) =>
        events.push(`${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`),
      {
        sinceResourceVersion: '1',
      },
    );
    await flush();
    expect(events).toEqual(['ADDED a 2', 'MODIFIED c 3']);
  });

  test('watch from a resourceVersion older than the kept history is Expired', async () => {
    const { ObjectStore } = await import('./store.ts');
    const store = new ObjectStore({ clock: new FakeClock(), historySize: 1 });
    for (const n of ['a', 'b', 'c']) store.create(configMap(n));
    const err = thrown(() => store.watch(() => {}, { sinceResourceVersion: '1' }));
    expect([err.reason, err.code, err.message]).toEqual([
      'Expired',
      410,
      'too old resource version: 1 (2)',
    ]);
    expect(() => store.watch(() => {}, { sinceResourceVersion: '2' })).not.toThrow();
  });

  test('mutateStatus computes the new status from the current object', () => {
    const store = newTestStore();
    store.create(cmd('c', ['a']));
    const next = store.mutateStatus('Cmd', 'c', (cur) => ({ ...cur.status, ready: true }));
    expect([next.status, next.metadata.resourceVersion]).toEqual([{ ready: true }, '2']);
    expect(thrown(() => store.mutateStatus('Cmd', 'gone', () => ({}))).reason).toBe('NotFound');
  });

  test('delete does not cascade to an object whose owner reference was removed by update', () => {
    const store = newTestStore();
    const owner = store.create(configMap('owner'));
    const ref = {
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'ConfigMap',
      name: 'owner',
      uid: owner.metadata.uid!,
    };
    store.create(configMap('child', {}, { ownerReferences: [ref] }));
    store.update(configMap('child'));
    store.delete('ConfigMap', 'owner');
    expect(store.snapshot().map((o) => o.metadata.name)).toEqual(['child']);
  });
});
