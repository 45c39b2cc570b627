import { describe, expect, it } from 'vitest';
import { type ResourceView, type ScheduleInput, schedule } from './scheduler.ts';

function r(name: string, over: Partial<ResourceView> = {}): ResourceView {
  return {
    name,
    type: 'k8s',
    order: 0,
    resourceDeps: [],
    disabled: false,
    building: false,
    startedFirstBuild: false,
    everReady: false,
    autoInit: true,
    autoOnChange: true,
    pendingSince: undefined,
    triggered: false,
    unparallelizable: false,
    needsCluster: false,
    staleImages: [],
    buildingImages: [],
    ...over,
  };
}

function run(resources: ResourceView[], over: Partial<ScheduleInput> = {}) {
  const d = schedule({
    resources,
    tiltfilePending: false,
    maxParallelUpdates: 3,
    triggerQueue: [],
    ...over,
  });
  return { start: d.start, holds: Object.fromEntries(d.holds) };
}

describe('schedule', () => {
  it('starts an auto_init=False resource on its first file change (auto trigger mode) only', () => {
    const idle = r('gen', { autoInit: false });
    expect(run([idle]).start).toEqual([]);
    expect(run([{ ...idle, pendingSince: 5 }]).start).toEqual(['gen']);
    expect(run([{ ...idle, autoOnChange: false, pendingSince: 5 }]).start).toEqual([]);
    expect(run([{ ...idle, autoOnChange: false, triggered: true }]).start).toEqual(['gen']);
  });

  it('holds everything while the Tiltfile has pending changes', () => {
    expect(run([r('a')], { tiltfilePending: true })).toEqual({
      start: [],
      holds: { a: { reason: 'tiltfile-reload', on: ['(Tiltfile)'] } },
    });
  });

  it('starts never-built resources up to max_parallel_updates, local ones first', () => {
    const d = run(
      [
        r('k1', { order: 0 }),
        r('k2', { order: 1 }),
        r('loc', { order: 2, type: 'local', unparallelizable: false }),
        r('k3', { order: 3 }),
      ],
      { maxParallelUpdates: 2 },
    );
    expect(d.start).toEqual(['loc', 'k1']);
  });

  it('holds a first update on resource_deps until they were ready once', () => {
    const d = run([
      r('db', { building: true, startedFirstBuild: true }),
      r('api', { resourceDeps: ['db'] }),
    ]);
    expect(d).toEqual({ start: [], holds: { api: { reason: 'waiting-for-dep', on: ['db'] } } });
    const ready = run([
      r('db', { startedFirstBuild: true, everReady: true }),
      r('api', { resourceDeps: ['db'] }),
    ]);
    expect(ready.start).toEqual(['api']);
  });

  it('runs an unparallelizable local resource alone', () => {
    const d = run([
      r('gen', { type: 'local', unparallelizable: true, building: true, startedFirstBuild: true }),
      r('web'),
    ]);
    expect(d).toEqual({ start: [], holds: { web: { reason: 'waiting-for-local', on: ['gen'] } } });
    const busy = run([
      r('web', { building: true, startedFirstBuild: true }),
      r('gen', { type: 'local', unparallelizable: true }),
    ]);
    expect(busy).toEqual({
      start: [],
      holds: { gen: { reason: 'is-unparallelizable-local', on: [] } },
    });
  });

  it('leaves manual resources alone until triggered, then takes the queue in order', () => {
    const manual = { autoInit: false, autoOnChange: false };
    expect(run([r('m', manual)]).start).toEqual([]);
    const built = { startedFirstBuild: true, pendingSince: 5 };
    const d = run(
      [r('a', { ...built, triggered: true }), r('b', { ...built, triggered: true }), r('c', built)],
      { triggerQueue: ['b', 'a'], maxParallelUpdates: 1 },
    );
    expect(d.start).toEqual(['b']);
  });

  it('updates the earliest pending change first and skips disabled resources', () => {
    const d = run(
      [
        r('late', { startedFirstBuild: true, pendingSince: 20 }),
        r('early', { startedFirstBuild: true, pendingSince: 10 }),
        r('off', { startedFirstBuild: true, pendingSince: 1, disabled: true }),
      ],
      { maxParallelUpdates: 1 },
    );
    expect(d.start).toEqual(['early']);
  });

  it('holds cluster resources until the cluster is connected', () => {
    const d = run([r('k', { needsCluster: true }), r('loc', { type: 'local' })], {
      clusterPending: true,
    });
    expect(d).toEqual({ start: ['loc'], holds: { k: { reason: 'waiting-for-cluster', on: [] } } });
  });

  it('does not update manual-trigger resources on file changes', () => {
    const d = run([r('m', { startedFirstBuild: true, pendingSince: 1, autoOnChange: false })]);
    expect(d.start).toEqual([]);
  });

  it('holds a resource whose image another resource is building (building-component)', () => {
    // Four services on one base image: the first builds it, the others wait, then reuse it.
    const svc = (name: string, order: number) =>
      r(name, { order, staleImages: ['dockercoins-base', name] });
    expect(run([svc('rng', 0), svc('worker', 1), svc('web', 2), svc('hasher', 3)])).toEqual({
      start: ['rng'],
      holds: {
        worker: { reason: 'building-component', on: ['dockercoins-base'], onKind: 'ImageMap' },
        web: { reason: 'building-component', on: ['dockercoins-base'], onKind: 'ImageMap' },
        hasher: { reason: 'building-component', on: ['dockercoins-base'], onKind: 'ImageMap' },
      },
    });
    // While rng builds the base, its queued neighbours stay held; one whose base result is
    // reusable (only its own image is stale) starts.
    const building = r('rng', {
      building: true,
      startedFirstBuild: true,
      buildingImages: ['dockercoins-base', 'rng'],
    });
    expect(run([building, svc('worker', 1), r('web', { order: 2, staleImages: ['web'] })])).toEqual(
      {
        start: ['web'],
        holds: {
          worker: { reason: 'building-component', on: ['dockercoins-base'], onKind: 'ImageMap' },
        },
      },
    );
  });
});
