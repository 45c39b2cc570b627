import {
  API_VERSION,
  type DockerComposeService,
  type DockerContainerState,
  type FileWatch,
  type ImageMap,
  type LiveUpdate,
  type LiveUpdateSpec,
  type UIResource,
} from '@slant/api';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { ExecError, type ExecStream, type ExecStreamHandlers } from '../../docker/exec.ts';
import { FakeDockerExec } from '../../docker/exec-fake.ts';
import { FakeContainerExec } from '../../k8s/exec-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import { newTestStore } from '../../store/testing.ts';
import type { LocalFiles } from '../../watch/files.ts';
import { createLiveUpdateReconciler } from './reconciler.ts';

const meta = (name: string, annotations: Record<string, string> = {}) => ({ name, annotations });
const T = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();
const RUNNING: DockerContainerState = { status: 'running', running: true, startedAt: T(1) };

function setup(
  opts: { spec?: Partial<LiveUpdateSpec>; fastPath?: boolean; noDocker?: boolean } = {},
) {
  const clock = new FakeClock(new Date(T(0)));
  const store = newTestStore(clock);
  const kubeExec = new FakeContainerExec();
  const docker = new FakeDockerExec();
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
    exec: kubeExec,
    ...(opts.noDocker ? {} : { dockerExec: docker }),
    files,
    display: (fs) => `[${fs.join(' ')}]`,
    fastPath: opts.fastPath ?? false,
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
    status: { image: 'web:tilt-1', imageFromCluster: 'web:tilt-1', buildStartTime: T(2) },
  });
  store.create<DockerComposeService>({
    apiVersion: API_VERSION,
    kind: 'DockerComposeService',
    metadata: meta('web'),
    spec: { service: 'web', project: { name: 'proj' } },
    status: {
      containerID: 'c0ffee0123456789',
      containerName: 'proj-web-1',
      containerState: RUNNING,
    },
  });
  store.create<LiveUpdate>({
    apiVersion: API_VERSION,
    kind: 'LiveUpdate',
    metadata: meta('web:web', {
      'tilt.dev/resource': 'web',
      'tilt.dev/log-span-id': 'liveupdate:web:web',
    }),
    spec: {
      basePath: '/proj',
      selector: { dockerCompose: { service: 'web' } },
      sources: [{ fileWatch: 'image:web', imageMap: 'web' }],
      syncs: [{ localPath: 'src', containerPath: '/app/src' }],
      execs: [{ args: ['sh', '-c', 'touch /tmp/done'], triggerPaths: [], echoOff: false }],
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
  const setContainer = (id: string, state: DockerContainerState = RUNNING) =>
    store.mutateStatus('DockerComposeService', 'web', (d) => ({
      ...d.status,
      containerID: id,
      containerState: state,
    }));
  const reconcile = () =>
    reconciler.reconcile('web:web', { store, clock, signal: new AbortController().signal });
  const status = () => (store.get('LiveUpdate', 'web:web') as LiveUpdate).status;
  const argvs = () => docker.calls.map((c) => `${c.target.containerId} ${c.argv.join(' ')}`);
  return {
    store,
    reconciler,
    kubeExec,
    docker,
    logs,
    change,
    setContainer,
    reconcile,
    status,
    argvs,
  };
}

/** Plays the shell receiver in a container: answers every request with exit code 0. */
function scriptReceivers(docker: FakeDockerExec): string[] {
  const opened: string[] = [];
  docker.openStream = (target, argv, h: ExecStreamHandlers): ExecStream => {
    opened.push(target.containerId);
    const nonce = /echo "(\S+) \$\?"/.exec(argv[2] ?? '')?.[1] ?? '';
    let close: () => void = () => {};
    return {
      write: () => queueMicrotask(() => h.stdout(Buffer.from(`${nonce} 0\n`))),
      close: () => close(),
      closed: new Promise<void>((r) => {
        close = r;
      }),
    };
  };
  return opened;
}

describe('LiveUpdate reconciler on a Docker Compose service', () => {
  it('syncs a changed file into the service’s container through Docker exec, with Tilt’s log lines', async () => {
    const t = setup();
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.argvs()).toEqual([
      'c0ffee0123456789 tar -C / -x -f -',
      'c0ffee0123456789 sh -c touch /tmp/done',
    ]);
    expect(t.kubeExec.calls).toEqual([]);
    expect(t.logs.text('web')).toBe(
      "\n1 File Changed: [/proj/src/a.js]\nWill copy 1 file(s) to container: [proj-web-1]\n- '/proj/src/a.js' --> '/app/src/a.js'\nRUNNING: tar -C / -x -f -\n[CMD 1/1] sh -c touch /tmp/done\nRUNNING: touch /tmp/done\n  → Container proj-web-1 updated!\n     Synced in 0 ms via exec: archive 0 ms, remove 0 ms, copy 0 ms, run steps 0 ms\n",
    );
    expect(t.status()).toEqual({
      containers: [
        {
          containerName: 'proj-web-1',
          containerID: 'c0ffee0123456789',
          podName: '',
          namespace: '',
          lastFileTimeSynced: '2024-01-01T00:00:05.000000Z',
        },
      ],
    });
  });

  it('is reconciled when its DockerComposeService changes', () => {
    const t = setup();
    const watch = t.reconciler.watches?.find((w) => w.kind === 'DockerComposeService');
    const dcs = t.store.get('DockerComposeService', 'web');
    expect(dcs && watch?.map(dcs)).toEqual(['web:web']);
  });

  it('restart_container() restarts the container after the sync and run steps', async () => {
    const t = setup({ spec: { restart: 'always' } });
    const order: string[] = [];
    t.docker.respond = (c) => {
      order.push(c.argv[0] ?? '');
      return { exitCode: 0, stdout: '', stderr: '' };
    };
    t.docker.onRestart = () => {
      order.push('restart');
      return undefined;
    };
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(order).toEqual(['tar', 'sh', 'restart']);
    expect(t.docker.restarts).toEqual(['c0ffee0123456789']);
    expect(t.logs.text('web')).toContain(
      'RUNNING: touch /tmp/done\nRestarting container: proj-web-1\n  → Container proj-web-1 updated!\n     Synced in 0 ms via exec: archive 0 ms, remove 0 ms, copy 0 ms, run steps 0 ms, restart 0 ms\n',
    );
    expect(t.status()?.failed).toBeUndefined();
    // Restarted in place (same id): the files are still there, nothing is replayed.
    await t.reconcile();
    expect(t.docker.calls).toHaveLength(2);
  });

  it('does not restart the container when a run step fails', async () => {
    const t = setup({ spec: { restart: 'always' } });
    t.docker.respond = (c) => ({ exitCode: c.argv[0] === 'sh' ? 1 : 0, stdout: '', stderr: '' });
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.docker.restarts).toEqual([]);
    expect(t.status()?.containers?.[0]?.lastExecError).toBe(
      'executing on container c0ffee0123: command "touch /tmp/done" failed with exit code: 1',
    );
  });

  it('a failed restart needs a rebuild (UpdateFailed, with the daemon’s words)', async () => {
    const t = setup({ spec: { restart: 'always' } });
    t.docker.onRestart = () => new ExecError('Error response from daemon: tired');
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.status()?.failed).toMatchObject({
      reason: 'UpdateFailed',
      message: 'Updating container proj-web-1: ContainerRestart: Error response from daemon: tired',
    });
  });

  it('a container the engine cannot reach needs a rebuild, named as Tilt names it', async () => {
    const t = setup();
    t.docker.respond = () =>
      new ExecError('ExecInContainer: Error response from daemon: No such container: c0ffee');
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.status()?.failed).toMatchObject({
      reason: 'UpdateFailed',
      message:
        'Updating container proj-web-1: copying changed files: ExecInContainer: Error response from daemon: No such container: c0ffee',
    });
  });

  it('replays the changes since the image was built onto a new container of the service', async () => {
    const t = setup();
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    // `docker compose up` replaced the container (same image): it lacks the synced change.
    t.setContainer('beef000000000001');
    await t.reconcile();
    const tars = t.docker.calls.filter((c) => c.argv[0] === 'tar');
    expect(tars.map((c) => c.target.containerId)).toEqual(['c0ffee0123456789', 'beef000000000001']);
    // A rebuild that started after the change has it in the image: nothing to replay.
    t.store.mutateStatus('ImageMap', 'web', (im) => ({ ...im.status, buildStartTime: T(6) }));
    t.setContainer('beef000000000002');
    await t.reconcile();
    expect(t.docker.calls.filter((c) => c.argv[0] === 'tar')).toHaveLength(2);
  });

  it('a stopped container is terminated: its change needs a rebuild', async () => {
    const t = setup();
    t.setContainer('c0ffee0123456789', { status: 'exited', running: false, exitCode: 1 });
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.docker.calls).toEqual([]);
    expect(t.status()?.failed).toMatchObject({
      reason: 'Terminated',
      message: 'Container for live update is stopped. Container name: proj-web-1',
    });
  });

  it('the stop its own restart_container() caused is not a stopped container', async () => {
    const t = setup({ spec: { restart: 'always' } });
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.docker.restarts).toHaveLength(1);
    // Docker's events of the restart arrive late: the container looks exited for a moment.
    t.setContainer('c0ffee0123456789', {
      status: 'exited',
      running: false,
      exitCode: 137,
      finishedAt: T(0),
    });
    t.change(6, '/proj/src/a.js');
    await t.reconcile();
    expect(t.status()?.failed).toBeUndefined();
    // Running again: the pending change is synced.
    t.setContainer('c0ffee0123456789', RUNNING);
    await t.reconcile();
    expect(t.docker.restarts).toHaveLength(2);
    // A stop well after our restart is a real one.
    t.setContainer('c0ffee0123456789', {
      status: 'exited',
      running: false,
      exitCode: 1,
      finishedAt: T(30),
    });
    t.change(7, '/proj/src/a.js');
    await t.reconcile();
    expect(t.status()?.failed?.reason).toBe('Terminated');
  });

  it('waits for a container that is not running yet, and selects nothing before one exists', async () => {
    const t = setup();
    t.setContainer('c0ffee0123456789', { status: 'restarting', running: false });
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.docker.calls).toEqual([]);
    expect(t.status()?.containers?.[0]?.waiting).toEqual({
      reason: 'ContainerWaiting',
      message: 'Waiting for container to start',
    });
    t.setContainer('');
    await t.reconcile();
    expect(t.status()).toEqual({ containers: [] });
  });

  it('without a Docker exec seam, a Compose container cannot be updated (a rebuild instead)', async () => {
    const t = setup({ noDocker: true });
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.kubeExec.calls).toEqual([]);
    expect(t.status()?.failed).toMatchObject({
      reason: 'UpdateFailed',
      message: 'Updating container proj-web-1: no Docker engine to run commands in the container',
    });
  });

  it('uses the receiver fast path in the container and starts a new one after a restart', async () => {
    const t = setup({ spec: { restart: 'always' }, fastPath: true });
    const opened = scriptReceivers(t.docker);
    t.change(5, '/proj/src/a.js');
    await t.reconcile();
    expect(t.docker.calls).toEqual([]);
    expect(t.logs.text('web')).toContain('via receiver');
    t.change(7, '/proj/src/a.js');
    await t.reconcile();
    expect(opened).toEqual(['c0ffee0123456789', 'c0ffee0123456789']);
    expect(t.docker.restarts).toHaveLength(2);
  });
});
