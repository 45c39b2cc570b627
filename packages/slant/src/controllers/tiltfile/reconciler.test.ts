import type { Tiltfile } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { Manager } from '../../engine/manager.ts';
import { readManifest } from '../../engine/manifest.ts';
import { addToTriggerQueue } from '../../engine/trigger-queue.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { flush, newTestStore } from '../../store/testing.ts';
import { fakeHost } from '../../tiltfile/host-fake.ts';
import { StreamLog } from '../../tiltfile/host-node.ts';
import { loadTiltfile } from '../../tiltfile/loader.ts';
import { createTiltfileReconciler, NO_RESOURCES_ERROR } from './reconciler.ts';

const YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: busybox}]
`;

function setup(files: Record<string, string>) {
  const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
  const store = newTestStore(clock);
  const logs = new MemoryLogWriter();
  const host = fakeHost({ files });
  let loads = 0;
  const reconciler = createTiltfileReconciler({
    store,
    clock,
    logs,
    load: (req) => {
      loads++;
      return loadTiltfile(host, { mainPath: req.path, args: req.args, watchConfigs: true });
    },
  });
  const manager = new Manager({ store, clock });
  manager.register(reconciler);
  const tf: Tiltfile = {
    apiVersion: API_VERSION,
    kind: 'Tiltfile',
    metadata: { name: '(Tiltfile)' },
    spec: { path: '/p/Tiltfile', restartOn: { fileWatches: ['configs:(Tiltfile)'] } },
  };
  store.create(tf);
  manager.start();
  const settle = async () => {
    for (let i = 0; i < 20; i++) await flush();
  };
  // What the configs FileWatch reports when a file the Tiltfile read changes.
  const fileChanged = async () => {
    clock.advance(1000);
    store.mutateStatus('FileWatch', 'configs:(Tiltfile)', (fw) => ({
      ...fw.status,
      lastEventTime: clock.now().toISOString(),
    }));
    await settle();
  };
  return { store, logs, host, clock, settle, fileChanged, loads: () => loads, manager };
}

describe('Tiltfile reconciler', () => {
  it('runs the Tiltfile once and writes its objects, owned by the Tiltfile, with the manifest', async () => {
    const t = setup({
      '/p/Tiltfile': "k8s_yaml('web.yaml')\nlocal_resource('gen', 'make', resource_deps=['web'])\n",
      '/p/web.yaml': YAML,
    });
    await t.settle();
    expect(t.loads()).toBe(1);
    const tf = t.store.getOrThrow('Tiltfile', '(Tiltfile)');
    expect(tf.status?.terminated?.error).toBeUndefined();
    expect(t.store.get('KubernetesApply', 'web')?.metadata.ownerReferences?.[0]?.uid).toBe(
      tf.metadata.uid,
    );
    expect(readManifest(t.store.get('UIResource', 'gen'))).toMatchObject({
      type: 'local',
      resourceDeps: ['web'],
      triggerMode: 'auto',
      order: 1,
    });
    expect(t.store.get('FileWatch', 'configs:(Tiltfile)')?.spec.watchedPaths).toContain(
      '/p/Tiltfile',
    );
    expect(t.logs.text('(Tiltfile)')).toMatch(
      /^Loading Tiltfile at: \/p\/Tiltfile\nSuccessfully loaded Tiltfile \(.+\)\n$/,
    );
    expect(tf.metadata.annotations?.['slant.dev/max-parallel-updates']).toBe('3');
  });

  it("keeps the last good run's docker_prune_settings on the Tiltfile for the pruner", async () => {
    const t = setup({
      '/p/Tiltfile': "docker_prune_settings(num_builds=5, keep_recent=1)\nk8s_yaml('web.yaml')\n",
      '/p/web.yaml': YAML,
    });
    await t.settle();
    const annotation = () =>
      t.store.getOrThrow('Tiltfile', '(Tiltfile)').metadata.annotations?.[
        'slant.dev/docker-prune-settings'
      ];
    const expected =
      '{"enabled":true,"maxAgeMins":360,"numBuilds":5,"intervalHrs":1,"keepRecent":1}';
    expect(annotation()).toBe(expected);
    t.host.fs.write('/p/Tiltfile', 'docker_prune_settings(disable=True)\nfoo(\n');
    await t.fileChanged();
    expect(annotation()).toBe(expected);
  });

  it('keeps the previous objects and reports the error when a re-run fails', async () => {
    const t = setup({ '/p/Tiltfile': "k8s_yaml('web.yaml')\n", '/p/web.yaml': YAML });
    await t.settle();
    t.host.fs.write('/p/Tiltfile', "k8s_yaml('web.yaml')\nfoo(\n");
    await t.fileChanged();
    expect(t.loads()).toBe(2);
    const tf = t.store.getOrThrow('Tiltfile', '(Tiltfile)');
    expect(tf.status?.terminated?.error).toBe("/p/Tiltfile:3:1: got end of file, want ')'");
    expect(t.store.get('KubernetesApply', 'web')).toBeDefined();
    const ui = t.store.getOrThrow('UIResource', '(Tiltfile)');
    expect(ui.status?.updateStatus).toBe('error');
    expect(ui.status?.buildHistory?.map((b) => b.error ?? 'ok')).toEqual([
      "/p/Tiltfile:3:1: got end of file, want ')'",
      'ok',
    ]);
  });

  it('reports a main Tiltfile that declares no resource as Tilt does, keeping the previous objects', async () => {
    const t = setup({ '/p/Tiltfile': "local_resource('a', 'true')\n" });
    await t.settle();
    t.host.fs.write('/p/Tiltfile', "print('nothing')\n");
    await t.fileChanged();
    const tf = t.store.getOrThrow('Tiltfile', '(Tiltfile)');
    expect(tf.status?.terminated?.error).toBe(NO_RESOURCES_ERROR);
    expect(NO_RESOURCES_ERROR).toBe(
      'No resources found. Check out https://docs.tilt.dev/tutorial.html to get started!',
    );
    expect(t.store.get('UIResource', 'a')).toBeDefined();
    expect(t.logs.text('(Tiltfile)')).toMatch(
      /re-running\nLoading Tiltfile at: \/p\/Tiltfile\nSuccessfully loaded Tiltfile \(.+\)\nNo resources found\. Check out https:\/\/docs\.tilt\.dev\/tutorial\.html to get started!\n$/,
    );
  });

  it('deletes objects the Tiltfile no longer declares', async () => {
    const t = setup({
      '/p/Tiltfile': "local_resource('a', 'true')\nlocal_resource('b', 'true')\n",
    });
    await t.settle();
    expect(t.store.get('Cmd', 'b:update')).toBeDefined();
    t.host.fs.write('/p/Tiltfile', "local_resource('a', 'true')\n");
    addToTriggerQueue(t.store, '(Tiltfile)');
    await t.settle();
    expect(t.loads()).toBe(2);
    expect(t.store.get('Cmd', 'b:update')).toBeUndefined();
    expect(t.store.get('UIResource', 'b')).toBeUndefined();
    expect(t.store.get('Cmd', 'a:update')).toBeDefined();
  });

  it('keeps a disable ConfigMap the user changed when the Tiltfile re-runs', async () => {
    const t = setup({ '/p/Tiltfile': "local_resource('a', 'true')\n" });
    await t.settle();
    const cm = t.store.getOrThrow('ConfigMap', 'a-disable');
    t.store.update({ ...cm, data: { isDisabled: 'true' } });
    addToTriggerQueue(t.store, '(Tiltfile)');
    await t.settle();
    expect(t.loads()).toBe(2);
    expect(t.store.getOrThrow('ConfigMap', 'a-disable').data).toEqual({ isDisabled: 'true' });
  });

  it('re-runs when the args change', async () => {
    const t = setup({ '/p/Tiltfile': 'print(config.tilt_subcommand)\n' });
    await t.settle();
    const tf = t.store.getOrThrow('Tiltfile', '(Tiltfile)');
    t.store.update({ ...tf, spec: { ...tf.spec, args: ['x'] } });
    await t.settle();
    expect(t.loads()).toBe(2);
  });
});

describe('Tiltfile warnings', () => {
  it('are logged at WARN level, so level filters find them', async () => {
    const clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
    const store = newTestStore(clock);
    const logs = new MemoryLogWriter();
    const host = fakeHost({ files: { '/p/Tiltfile': "local_resource('a', 'true')\n" } });
    const reconciler = createTiltfileReconciler({
      store,
      clock,
      logs,
      load: (req) => {
        const warn = new StreamLog(req.write);
        warn.warn('something looks off');
        return loadTiltfile(host, { mainPath: req.path, args: req.args, watchConfigs: true });
      },
    });
    const manager = new Manager({ store, clock });
    manager.register(reconciler);
    store.create({
      apiVersion: API_VERSION,
      kind: 'Tiltfile',
      metadata: { name: '(Tiltfile)' },
      spec: { path: '/p/Tiltfile' },
    });
    manager.start();
    for (let i = 0; i < 20; i++) await flush();
    // A warning-level write: readers print "WARNING: " before it.
    const warning = logs.entries.find((e) => e.level === 'WARN');
    expect(warning).toMatchObject({ text: 'something looks off\n', level: 'WARN' });
    await manager.stop();
  });
});
