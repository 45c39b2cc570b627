import type { Session, Tiltfile, UIResource, UIResourceStatus } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { Manager } from '../../engine/manager.ts';
import { MANIFEST_ANNOTATION } from '../../engine/manifest.ts';
import { flush, newTestStore } from '../../store/testing.ts';
import { createSessionReconciler } from './reconciler.ts';

function setup() {
  const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
  const store = newTestStore(clock);
  const manager = new Manager({ store, clock });
  manager.register(createSessionReconciler({ store, clock, pid: 42 }));
  const tf: Tiltfile = {
    apiVersion: API_VERSION,
    kind: 'Tiltfile',
    metadata: { name: '(Tiltfile)' },
    spec: { path: '/p/Tiltfile' },
    status: {
      terminated: { startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z' },
    },
  };
  store.create(tf);
  const session: Session = {
    apiVersion: API_VERSION,
    kind: 'Session',
    metadata: { name: 'Tiltfile' },
    spec: { tiltfilePath: '/p/Tiltfile', exitCondition: 'ci', ci: { timeout: '30m0s' } },
  };
  store.create(session);
  manager.start();
  const resource = (name: string, status: UIResourceStatus, type = 'k8s') => {
    const manifest = {
      type,
      order: 0,
      resourceDeps: [],
      triggerMode: 'auto',
      links: [],
      imageMapDeps: [],
    };
    const ui: UIResource = {
      apiVersion: API_VERSION,
      kind: 'UIResource',
      metadata: { name, annotations: { [MANIFEST_ANNOTATION]: JSON.stringify(manifest) } },
      spec: {},
      status,
    };
    store.upsert(ui);
    store.updateStatus({ ...store.getOrThrow('UIResource', name), status });
  };
  const status = async () => {
    for (let i = 0; i < 10; i++) await flush();
    return store.getOrThrow('Session', 'Tiltfile').status;
  };
  return { store, clock, resource, status };
}

const BUILT = { startTime: '2026-01-01T00:00:01Z', finishTime: '2026-01-01T00:00:02Z' };

describe('Session reconciler (ci)', () => {
  it('is done without error when every resource is updated and ready', async () => {
    const t = setup();
    t.resource('api', { updateStatus: 'ok', runtimeStatus: 'ok', buildHistory: [BUILT] });
    t.resource(
      'gen',
      { updateStatus: 'ok', runtimeStatus: 'not_applicable', buildHistory: [BUILT] },
      'local',
    );
    const st = await t.status();
    expect(st?.done).toBe(true);
    expect(st?.error).toBeUndefined();
    expect(st?.targets.map((x) => x.name)).toEqual([
      '(Tiltfile)',
      'api:update',
      'api:runtime',
      'gen:update',
    ]);
  });

  it('is not done while a pod is not ready, and fails on a build error', async () => {
    const t = setup();
    t.resource('api', { updateStatus: 'ok', runtimeStatus: 'pending', buildHistory: [BUILT] });
    expect((await t.status())?.done).toBe(false);
    t.resource('web', {
      updateStatus: 'error',
      buildHistory: [{ ...BUILT, error: 'Build Failed: boom' }],
    });
    const st = await t.status();
    expect(st?.done).toBe(true);
    expect(st?.error).toBe('Build Failed: boom');
  });

  it("times out with Tilt's summary of what is still waiting", async () => {
    const t = setup();
    t.resource('api', { updateStatus: 'ok', runtimeStatus: 'pending', buildHistory: [BUILT] });
    await t.status();
    t.clock.advance(31 * 60 * 1000);
    const st = await t.status();
    expect(st?.error).toBe('Timeout after 30m0s: 1 resources not ready (api:runtime)');
  });
});

describe('Session status at rest', () => {
  it('keeps the times of targets whose state did not change, though the clock moves', async () => {
    const t = setup();
    // `up`: the session never ends, so it keeps reconciling.
    const session = t.store.getOrThrow('Session', 'Tiltfile');
    t.store.upsert({ ...session, spec: { ...session.spec, exitCondition: 'manual' } });
    t.resource('web', { updateStatus: 'ok', runtimeStatus: 'ok', buildHistory: [BUILT] });
    const webTargets = async () =>
      (await t.status())?.targets.filter((x) => x.resources.includes('web'));
    const first = await webTargets();
    t.clock.advance(5_000);
    // Something else wakes the reconciler.
    t.resource('other', { updateStatus: 'pending' });
    expect((await t.status())?.targets.some((x) => x.resources.includes('other'))).toBe(true);
    expect(await webTargets()).toEqual(first);
  });
});
