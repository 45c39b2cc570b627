import {
  API_VERSION,
  type FileWatch,
  type ImageMap,
  type KubernetesDiscovery,
  type LiveUpdate,
  type LiveUpdateSpec,
  type Pod,
  type UIResource,
} from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { FakeDockerExec } from '../../docker/exec-fake.ts';
import { addToTriggerQueue, inTriggerQueue } from '../../engine/trigger-queue.ts';
import { FakeContainerExec } from '../../k8s/exec-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import type { LocalFiles } from '../../watch/files.ts';
import { createLiveUpdateReconciler } from './reconciler.ts';

const meta = (name: string, annotations: Record<string, string> = {}) => ({ name, annotations });
const T = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();

function pod(id: string, opts: { crash?: boolean } = {}): Pod {
  return {
    uid: `uid-${id}`,
    name: `web-${id}`,
    namespace: 'ns1',
    phase: 'Running',
    containers: [
      {
        name: 'web',
        id: `containerd://${id}`,
        ready: true,
        image: 'localhost:5005/web:tilt-1',
        restarts: 0,
        state: opts.crash
          ? { waiting: { reason: 'CrashLoopBackOff' } }
          : { running: { startedAt: T(1) } },
        ports: [],
      },
    ],
  } as unknown as Pod;
}

function setup(opts: { manual?: boolean; spec?: Partial<LiveUpdateSpec> } = {}) {
  const clock = new FakeClock(new Date(T(0)));
  const store = newTestStore(clock);
  const exec = new FakeContainerExec();
  const logs = new MemoryLogWriter();
  const tree: Record<string, string> = { '/proj/src/a.js': 'A', '/proj/README.md': 'R' };
  const files: LocalFiles = {
    stat: (p) => (p in tree ? { isDirectory: false, mode: 0o644, mtimeMs: 0, size: 0 } : undefined),
    read: (p) => Buffer.from(tree[p] ?? ''),
    list: () => [],
  };
  const reconciler = createLiveUpdateReconciler({
    store,
    clock,
    logs,
    exec,
    dockerExec: new FakeDockerExec(),
    files,
    display: (fs) => `[${fs.join(' ')}]`,
  });
  store.create<FileWatch>({
    apiVersion: API_VERSION,
    kind: 'FileWatch',
    metadata: meta('image:web'),
    spec: { watchedPaths: ['/proj'] },
  });
  store.create<ImageMap>({
    apiVersion: API_VERSION,
    kind: 'ImageMap',
    metadata: meta('web'),
    spec: { selector: 'web' },
    status: {
      image: 'localhost:5005/web:tilt-1',
      imageFromCluster: 'localhost:5005/web:tilt-1',
      buildStartTime: T(2),
    },
  });
  store.create<KubernetesDiscovery>({
    apiVersion: API_VERSION,
    kind: 'KubernetesDiscovery',
    metadata: meta('web'),
    spec: { cluster: 'default', watches: [] },
    status: { pods: [pod('abc')] },
  });
  store.create<LiveUpdate>({
    apiVersion: API_VERSION,
    kind: 'LiveUpdate',
    metadata: meta('web:web', {
      'tilt.dev/resource': 'web',
      'tilt.dev/log-span-id': 'liveupdate:web:web',
      'tilt.dev/update-mode': opts.manual ? 'manual' : 'auto',
    }),
    spec: {
      basePath: '/proj',
      selector: { kubernetes: { discoveryName: 'web', imageMapName: 'web' } },
      sources: [{ fileWatch: 'image:web', imageMap: 'web' }],
      syncs: [{ localPath: 'src', containerPath: '/app/src' }],
      execs: [{ args: ['sh', '-c', 'touch /tmp/restart'], triggerPaths: [], echoOff: false }],
      ...opts.spec,
    },
  });
  store.create<UIResource>({
    apiVersion: API_VERSION,
    kind: 'UIResource',
    metadata: meta('web'),
    spec: {},
  });
  const change = (s: number, ...paths: string[]) =>
    store.mutateStatus('FileWatch', 'image:web', (fw) => ({
      ...fw.status,
      fileEvents: [...(fw.status?.fileEvents ?? []), { time: T(s), seenFiles: paths }],
    }));
  const reconcile = () =>
    reconciler.reconcile('web:web', { store, clock, signal: new AbortController().signal });
  const status = () => (store.get('LiveUpdate', 'web:web') as LiveUpdate).status;
  const setPods = (...pods: Pod[]) =>
    store.mutateStatus('KubernetesDiscovery', 'web', () => ({ pods }));
  return { store, exec, logs, tree, change, reconcile, status, setPods };
}

describe('LiveUpdate reconciler', () => {
  it('copies a changed file into the running container and runs the step, with Tilt’s log lines', async () => {
    const t = setup();
    t.change(1, '/proj/src/old.js'); // before the image was built: already in it
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.exec.calls.map((c) => c.argv.join(' '))).toEqual([
      'tar -C / -x -f -',
      'sh -c touch /tmp/restart',
    ]);
    expect(t.exec.calls[0]?.target).toEqual({ namespace: 'ns1', pod: 'web-abc', container: 'web' });
    expect(t.logs.text('web')).toBe(
      "\n1 File Changed: [/proj/src/a.js]\nWill copy 1 file(s) to container: [web-abc/web]\n- '/proj/src/a.js' --> '/app/src/a.js'\n[CMD 1/1] sh -c touch /tmp/restart\n  → Container web-abc/web updated!\n     Synced in 0 ms via exec: archive 0 ms, remove 0 ms, copy 0 ms, run steps 0 ms\n",
    );
    expect(t.status()?.containers).toEqual([
      {
        containerName: 'web',
        containerID: 'containerd://abc',
        podName: 'web-abc',
        namespace: 'ns1',
        lastFileTimeSynced: '2024-01-01T00:00:05.000000Z',
      },
    ]);
    // The live update is the resource's latest build.
    expect(t.store.get('UIResource', 'web')?.status?.buildHistory?.[0]).toEqual({
      spanID: 'liveupdate:web:web',
      startTime: '2024-01-01T00:00:00.000Z',
      finishTime: '2024-01-01T00:00:00.000Z',
    });
    await t.reconcile();
    expect(t.exec.calls).toHaveLength(2);
  });

  it('shows a build in progress while changes reach the container; a failed run ends it with the error', async () => {
    const t = setup();
    const during: unknown[] = [];
    t.exec.respond = (call) => {
      const st = t.store.get('UIResource', 'web')?.status;
      during.push([call.argv[0], st?.updateStatus, st?.currentBuild?.spanID]);
      return call.argv[0] === 'sh'
        ? { exitCode: 3, stdout: '', stderr: '' }
        : { exitCode: 0, stdout: '', stderr: '' };
    };
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(during).toEqual([
      ['tar', 'in_progress', 'liveupdate:web:web'],
      ['sh', 'in_progress', 'liveupdate:web:web'],
    ]);
    const st = t.store.get('UIResource', 'web')?.status;
    expect(st?.currentBuild).toBeUndefined();
    expect(st?.updateStatus).toBe('error');
    expect(st?.buildHistory?.[0]?.error).toContain('exit code: 3');
  });

  it('removes a deleted file from the container', async () => {
    const t = setup();
    t.change(5, '/proj/src/gone.js');
    await t.reconcile();
    expect(t.exec.calls.map((c) => c.argv.join(' '))[0]).toBe('rm -rf /app/src/gone.js');
  });

  it('fails on a change outside the syncs, and a rebuild clears the failure', async () => {
    const t = setup();
    t.change(5, '/proj/README.md');
    await t.reconcile();
    expect(t.status()?.failed).toMatchObject({
      reason: 'UpdateStopped',
      message: 'Found file(s) not matching any sync (files: [/proj/README.md])',
    });
    expect(t.exec.calls).toEqual([]);
    expect(t.logs.text('web')).toContain(
      'LiveUpdate "web:web" UpdateStopped: Found file(s) not matching any sync (files: [/proj/README.md])\n',
    );
    t.store.mutateStatus('ImageMap', 'web', (im) => ({ ...im.status, buildStartTime: T(6) }));
    t.setPods(pod('def'));
    await t.reconcile();
    expect(t.status()?.failed).toBeUndefined();
  });

  it('replays the changes since the build onto a restarted container', async () => {
    const t = setup();
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    t.setPods(pod('xyz'));
    await t.reconcile();
    const tars = t.exec.calls.filter((c) => c.argv[0] === 'tar');
    expect(tars.map((c) => c.target.pod)).toEqual(['web-abc', 'web-xyz']);
  });

  it('refuses restart_container() on a Kubernetes container, pointing to restart_process as Tilt does', async () => {
    const t = setup({ spec: { restart: 'always' } });
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.exec.calls).toEqual([]);
    expect(t.status()?.failed).toMatchObject({
      reason: 'UpdateFailed',
      message:
        'Updating pod web-abc: ExecUpdater does not support `restart_container()` step. If you ran Tilt with `--updateMode=exec`, omit this flag. If you are using a non-Docker container runtime, see https://github.com/tilt-dev/tilt-extensions/tree/master/restart_process for a workaround',
    });
  });

  it('marks a crash-looping container as failed instead of syncing', async () => {
    const t = setup();
    t.setPods(pod('abc', { crash: true }));
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.status()?.failed).toMatchObject({
      reason: 'CrashLoopBackOff',
      message: 'Cannot live update because container crashing. Pod: web-abc',
    });
  });

  it('keeps a failing run step as the container’s lastExecError', async () => {
    const t = setup();
    t.exec.respond = (c) => ({ exitCode: c.argv[0] === 'sh' ? 3 : 0, stdout: '', stderr: '' });
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.status()?.failed).toBeUndefined();
    expect(t.status()?.containers?.[0]?.lastExecError).toBe(
      'executing on container abc: command "touch /tmp/restart" failed with exit code: 3',
    );
    expect(t.store.get('UIResource', 'web')?.status?.updateStatus).toBe('error');
  });

  it('in manual mode waits for a trigger, then applies and leaves the queue', async () => {
    const t = setup({ manual: true });
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.exec.calls).toEqual([]);
    expect(t.status()?.containers?.[0]?.waiting).toEqual({
      reason: 'Trigger',
      message: 'Only updates on manual trigger',
    });
    addToTriggerQueue(t.store, 'web');
    await t.reconcile();
    expect(t.exec.calls.map((c) => c.argv[0])).toEqual(['tar', 'sh']);
    expect(inTriggerQueue(t.store, 'web')).toBe(false);
  });
});
