import type { Tiltfile } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { createTiltfileReconciler } from '../../controllers/tiltfile/reconciler.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { flush, newTestStore } from '../../store/testing.ts';
import { fakeHost } from '../../tiltfile/host-fake.ts';
import { loadTiltfile } from '../../tiltfile/loader.ts';
import { Manager } from '../manager.ts';
import { addToTriggerQueue } from '../trigger-queue.ts';
import { type BuildActivity, BuildController } from './controller.ts';
import type { BuildExecutors, BuildPipeline, StepResult } from './run-update.ts';

const DEPLOY = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: ${name}, image: ${image}}]
`;

class FakeExecutors implements BuildExecutors {
  readonly calls: string[] = [];
  failImage: string | undefined;
  /** While set, image builds wait for it (to look at the controller mid-build). */
  gate: Promise<void> | undefined;
  private readonly store: ReturnType<typeof newTestStore>;
  constructor(store: ReturnType<typeof newTestStore>) {
    this.store = store;
  }
  async buildImage(
    _kind: string,
    name: string,
    _signal: AbortSignal,
    pipeline: BuildPipeline,
  ): Promise<StepResult> {
    this.calls.push(`build ${name}`);
    await this.gate;
    if (name === this.failImage) return { ok: false, error: 'Dockerfile: bad' };
    const map = name.slice(name.indexOf(':') + 1);
    pipeline.startStep(`Pushing localhost:5005/${map}:tilt-1`);
    this.store.mutateStatus('ImageMap', map, (m) => ({ ...m.status, image: `${map}:tilt-1` }));
    return { ok: true };
  }
  async applyK8s(name: string): Promise<StepResult> {
    this.calls.push(`apply ${name}`);
    return { ok: true };
  }
  async applyCompose(name: string): Promise<StepResult> {
    this.calls.push(`compose up ${name}`);
    return { ok: true };
  }
  async runCmd(name: string) {
    this.calls.push(`run ${name}`);
    return { exitCode: 0 };
  }
}

async function setup(files: Record<string, string>, onPass?: (activity: BuildActivity) => void) {
  const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
  const store = newTestStore(clock);
  const logs = new MemoryLogWriter();
  const host = fakeHost({ files });
  const manager = new Manager({ store, clock });
  manager.register(
    createTiltfileReconciler({
      store,
      clock,
      logs,
      load: (req) => loadTiltfile(host, { mainPath: req.path, args: req.args, watchConfigs: true }),
    }),
  );
  const tf: Tiltfile = {
    apiVersion: API_VERSION,
    kind: 'Tiltfile',
    metadata: { name: '(Tiltfile)' },
    spec: { path: '/p/Tiltfile', restartOn: { fileWatches: ['configs:(Tiltfile)'] } },
  };
  store.create(tf);
  const executors = new FakeExecutors(store);
  const builds = new BuildController({
    store,
    clock,
    logs,
    executors,
    cwd: '/p',
    ...(onPass === undefined ? {} : { onPass }),
  });
  manager.start();
  builds.start();
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 10; j++) await flush();
      await builds.idle();
    }
  };
  const touch = (watch: string, file: string) => {
    clock.advance(1000);
    const time = clock.now().toISOString();
    store.mutateStatus('FileWatch', watch, (fw) => ({
      ...fw.status,
      lastEventTime: time,
      fileEvents: [...(fw.status?.fileEvents ?? []), { time, seenFiles: [file] }],
    }));
  };
  await settle();
  // No Cluster reconciler here: mark the cluster connected, as it would be.
  if (store.get('Cluster', 'default') !== undefined) {
    store.mutateStatus('Cluster', 'default', (c) => ({
      ...c.status,
      connection: { kubernetes: { context: 'kind-kind', namespace: 'default', cluster: 'kind' } },
    }));
    await settle();
  }
  return { store, logs, executors, settle, touch, clock };
}

const TWO_IMAGES = {
  '/p/Tiltfile': `docker_build('api', 'api')
docker_build('worker', 'worker')
k8s_yaml(['api.yaml', 'worker.yaml'])
k8s_resource('worker', resource_deps=['api'])
`,
  '/p/api/Dockerfile': 'FROM busybox\n',
  '/p/worker/Dockerfile': 'FROM busybox\n',
  '/p/api.yaml': DEPLOY('api', 'api'),
  '/p/worker.yaml': DEPLOY('worker', 'worker'),
};

describe('BuildController', () => {
  it('builds then deploys each resource once, dependencies first', async () => {
    const t = await setup(TWO_IMAGES);
    // worker waits for api to be ready; the roll-up would set runtimeStatus from the pods.
    expect(t.executors.calls).toEqual(['build api:api', 'apply api']);
    expect(t.store.get('UIResource', 'worker')?.status?.waiting).toEqual({
      reason: 'waiting-for-dep',
      on: [{ group: 'tilt.dev', apiVersion: 'v1alpha1', kind: 'UIResource', name: 'api' }],
    });
    t.store.mutateStatus('UIResource', 'api', (ui) => ({
      ...ui.status,
      runtimeStatus: 'ok' as const,
    }));
    await t.settle();
    expect(t.executors.calls).toEqual([
      'build api:api',
      'apply api',
      'build worker:worker',
      'apply worker',
    ]);
    const api = t.store.getOrThrow('UIResource', 'api').status;
    expect(api?.updateStatus).toBe('ok');
    expect(api?.buildHistory?.length).toBe(1);
    expect(t.logs.text('api')).toContain(
      'Initial Build\nSTEP 1/3 — Building Dockerfile: [api]\n\nSTEP 2/3 — Pushing localhost:5005/api:tilt-1\n\nSTEP 3/3 — Deploying\n',
    );
  });

  it('tells after each pass whether an update runs and how many finished (the pruner waits on it)', async () => {
    const seen: BuildActivity[] = [];
    const t = await setup(TWO_IMAGES, (a) => seen.push(a));
    // api was built and deployed; worker waits for api: nothing runs or can start.
    expect(seen.some((a) => a.building && a.completedBuilds === 0)).toBe(true);
    expect(seen.at(-1)).toEqual({ building: false, completedBuilds: 1 });
    t.store.mutateStatus('UIResource', 'api', (ui) => ({
      ...ui.status,
      runtimeStatus: 'ok' as const,
    }));
    await t.settle();
    expect(seen.some((a) => a.building && a.completedBuilds === 1)).toBe(true);
    expect(seen.at(-1)).toEqual({ building: false, completedBuilds: 2 });
  });

  it('rebuilds only the image whose files changed', async () => {
    const t = await setup(TWO_IMAGES);
    t.store.mutateStatus('UIResource', 'api', (ui) => ({
      ...ui.status,
      runtimeStatus: 'ok' as const,
    }));
    await t.settle();
    t.executors.calls.length = 0;
    t.touch('image:worker', '/p/worker/main.py');
    await t.settle();
    expect(t.executors.calls).toEqual(['build worker:worker', 'apply worker']);
    expect(t.logs.text('worker')).toContain('1 File Changed: [worker/main.py]');
  });

  it('shows a failed build on the resource and recovers on the next change', async () => {
    const t = await setup(TWO_IMAGES);
    t.executors.failImage = 'api:api';
    t.touch('image:api', '/p/api/Dockerfile');
    await t.settle();
    const failed = t.store.getOrThrow('UIResource', 'api').status;
    expect(failed?.updateStatus).toBe('error');
    expect(failed?.buildHistory?.[0]?.error).toBe('Dockerfile: bad');
    expect(t.logs.text('api')).toContain('Build Failed: Dockerfile: bad\n');
    t.executors.failImage = undefined;
    t.touch('image:api', '/p/api/Dockerfile');
    await t.settle();
    expect(t.store.getOrThrow('UIResource', 'api').status?.updateStatus).toBe('ok');
  });

  it('runs a manual resource only when triggered, and re-runs the whole update', async () => {
    const t = await setup({
      '/p/Tiltfile':
        "local_resource('m', 'make', trigger_mode=TRIGGER_MODE_MANUAL, auto_init=False)\n",
    });
    expect(t.executors.calls).toEqual([]);
    expect(t.store.getOrThrow('UIResource', 'm').status?.updateStatus).toBe('none');
    addToTriggerQueue(t.store, 'm');
    await t.settle();
    expect(t.executors.calls).toEqual(['run m:update']);
    expect(t.store.get('ConfigMap', 'tilt-trigger-queue')?.data).toEqual({});
  });

  it('starts the serve command after the update and replaces it on the next update', async () => {
    const t = await setup({
      '/p/Tiltfile': "local_resource('s', cmd='make', serve_cmd='./serve', deps=['src'])\n",
    });
    expect(t.executors.calls).toEqual(['run s:update']);
    expect(t.store.get('Cmd', 's-serve-1')?.spec.args).toEqual(['sh', '-c', './serve']);
    t.touch('local:s', '/p/src/a.c');
    await t.settle();
    expect(t.store.get('Cmd', 's-serve-1')).toBeUndefined();
    expect(t.store.get('Cmd', 's-serve-2')).toBeDefined();
  });

  it('waits for the Tiltfile to re-run before updating on a config change', async () => {
    const t = await setup({ '/p/Tiltfile': "local_resource('a', 'make', deps=['x'])\n" });
    t.executors.calls.length = 0;
    t.touch('configs:(Tiltfile)', '/p/Tiltfile');
    t.touch('local:a', '/p/x');
    await t.settle();
    // The Tiltfile re-ran (same spec), then the pending file change updated the resource once.
    expect(t.executors.calls).toEqual(['run a:update']);
  });

  it('updates a re-enabled resource again from an initial build, as Tilt does', async () => {
    const t = await setup({ '/p/Tiltfile': "local_resource('a', 'make')\n" });
    expect(t.executors.calls).toEqual(['run a:update']);
    const setDisabled = (v: string) =>
      t.store.upsert({ ...t.store.getOrThrow('ConfigMap', 'a-disable'), data: { isDisabled: v } });
    setDisabled('true');
    addToTriggerQueue(t.store, 'a');
    await t.settle();
    expect(t.executors.calls).toEqual(['run a:update']);
    expect(t.store.get('ConfigMap', 'tilt-trigger-queue')?.data).toEqual({});
    setDisabled('false');
    await t.settle();
    expect(t.executors.calls).toEqual(['run a:update', 'run a:update']);
    expect(t.logs.text('a').match(/Initial Build/g)).toHaveLength(2);
  });

  it('builds a base image shared by two resources once, holding the second meanwhile', async () => {
    let open = () => {};
    const files = {
      '/p/Tiltfile': `docker_build('base', 'base')
docker_build('rng', 'rng')
docker_build('worker', 'worker')
k8s_yaml(['rng.yaml', 'worker.yaml'])
`,
      '/p/base/Dockerfile': 'FROM busybox\n',
      '/p/rng/Dockerfile': 'FROM base\n',
      '/p/worker/Dockerfile': 'FROM base\n',
      '/p/rng.yaml': DEPLOY('rng', 'rng'),
      '/p/worker.yaml': DEPLOY('worker', 'worker'),
    };
    const t = await setup(files);
    expect(t.executors.calls).toEqual([
      'build rng:base',
      'build rng:rng',
      'apply rng',
      'build worker:worker',
      'apply worker',
    ]);
    // A change to the base: rng rebuilds it, worker waits on the ImageMap, then reuses the result
    // and rebuilds only its own image on top of it.
    t.executors.calls.length = 0;
    t.executors.gate = new Promise((resolve) => {
      open = resolve;
    });
    t.touch('image:base', '/p/base/Dockerfile');
    for (let i = 0; i < 10; i++) await flush();
    expect(t.store.get('UIResource', 'worker')?.status?.waiting).toEqual({
      reason: 'building-component',
      on: [{ group: 'tilt.dev', apiVersion: 'v1alpha1', kind: 'ImageMap', name: 'base' }],
    });
    open();
    t.executors.gate = undefined;
    await t.settle();
    expect(t.executors.calls).toEqual([
      'build rng:base',
      'build rng:rng',
      'apply rng',
      'build worker:worker',
      'apply worker',
    ]);
    expect(t.logs.text('worker')).toContain('1 File Changed: [base/Dockerfile]');
  });
});
