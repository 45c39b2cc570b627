// The LiveUpdate reconciler on a real Docker container, as a Docker Compose service's container
// (the DockerComposeService status written here as its reconciler writes it): a saved file is
// served by the container, restart_container() restarts it in place (same id, new start time),
// a new container of the service gets the change replayed, a deleted file is removed, and a
// container without tar fails with Tilt's explanation.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  API_VERSION,
  type DockerComposeService,
  type FileWatch,
  type LiveUpdate,
} from '@slant/api';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { systemClock } from '../../packages/slant/src/clock.ts';
import { createLiveUpdateReconciler } from '../../packages/slant/src/controllers/liveupdate/reconciler.ts';
import { NodeDockerExec } from '../../packages/slant/src/docker/exec-node.ts';
import { FakeContainerExec } from '../../packages/slant/src/k8s/exec-fake.ts';
import { MemoryLogWriter } from '../../packages/slant/src/logs/types.ts';
import { ObjectStore } from '../../packages/slant/src/store/store.ts';
import { nodeLocalFiles } from '../../packages/slant/src/watch/files-node.ts';
import { freePort } from '../three-service/ports.ts';

const execFileP = promisify(execFile);
const env = inject('slantEnv');
const prefix = `slant-it-lu-${randomBytes(4).toString('hex')}`;
const started: string[] = [];
let dir = '';

async function docker(...args: string[]): Promise<string> {
  const r = await execFileP('docker', args, {
    env: { ...process.env, DOCKER_HOST: env.dockerHost },
  });
  return r.stdout.trim();
}

/** A web server container serving /srv; resolves with its id and port. */
async function runWeb(n: number): Promise<{ id: string; name: string; port: number }> {
  const port = await freePort();
  const name = `${prefix}-${n}`;
  // The image's content on first start only: a restart keeps the container's files.
  const script =
    'mkdir -p /srv; [ -f /srv/index.html ] || echo v1 > /srv/index.html; exec httpd -f -p 8000 -h /srv';
  const id = await docker(
    'run',
    ...['-d', '--name', name, '-p', `127.0.0.1:${port}:8000`],
    ...[env.busyboxImage, 'sh', '-c', script],
  );
  started.push(name);
  return { id, name, port };
}

async function inspectState(id: string): Promise<{ startedAt: string; running: boolean }> {
  const [startedAt = '', running = ''] = (
    await docker('inspect', '-f', '{{.State.StartedAt}} {{.State.Running}}', id)
  ).split(' ');
  return { startedAt, running: running === 'true' };
}

/** The status and body of a page, retried while the server (re)starts. */
async function get(port: number, path: string): Promise<{ status: number; text: string }> {
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/${path}`);
      return { status: res.status, text: await res.text() };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { status: 0, text: 'unreachable' };
}

async function page(port: number): Promise<string> {
  return (await get(port, 'index.html')).text;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-lu-docker-'));
  await mkdir(join(dir, 'html'));
});

afterAll(async () => {
  if (started.length > 0) await docker('rm', '-f', ...started).catch(() => '');
  await rm(dir, { recursive: true, force: true });
});

describe('live_update on a Docker container', () => {
  test('syncs a save, restarts in place, replays onto a new container, removes a deleted file, explains a missing tar', async () => {
    const clock = systemClock();
    const store = new ObjectStore({ clock });
    const logs = new MemoryLogWriter();
    const make = (fastPath: boolean) =>
      createLiveUpdateReconciler({
        store,
        clock,
        logs,
        exec: new FakeContainerExec(),
        dockerExec: new NodeDockerExec({ host: env.dockerHost }),
        files: nodeLocalFiles,
        display: (fs) => `[${fs.join(', ')}]`,
        fastPath,
      });
    const reconciler = make(true);
    const web = await runWeb(1);
    const setContainer = async (c: { id: string; name: string }) => {
      const st = await inspectState(c.id);
      store.mutateStatus('DockerComposeService', 'web', () => ({
        containerID: c.id,
        containerName: c.name,
        containerState: { status: 'running', running: st.running, startedAt: st.startedAt },
      }));
    };
    store.create<FileWatch>({
      apiVersion: API_VERSION,
      kind: 'FileWatch',
      metadata: { name: 'image:web' },
      spec: { watchedPaths: [dir] },
    });
    store.create<DockerComposeService>({
      apiVersion: API_VERSION,
      kind: 'DockerComposeService',
      metadata: { name: 'web' },
      spec: { service: 'web', project: { name: prefix } },
    });
    await setContainer(web);
    store.create<LiveUpdate>({
      apiVersion: API_VERSION,
      kind: 'LiveUpdate',
      metadata: {
        name: 'web:web',
        annotations: { 'tilt.dev/resource': 'web', 'tilt.dev/log-span-id': 'liveupdate:web' },
      },
      spec: {
        basePath: dir,
        selector: { dockerCompose: { service: 'web' } },
        sources: [{ fileWatch: 'image:web' }],
        syncs: [{ localPath: 'html', containerPath: '/srv' }],
        restart: 'always',
      },
    });
    const reconcile = () =>
      reconciler.reconcile('web:web', { store, clock, signal: new AbortController().signal });
    expect(await page(web.port)).toBe('v1\n');
    const before = await inspectState(web.id);

    // What FileWatch reports after a save.
    const saw = (file: string) =>
      store.mutateStatus('FileWatch', 'image:web', () => ({
        fileEvents: [{ time: new Date().toISOString(), seenFiles: [join(dir, 'html', file)] }],
      }));
    await writeFile(join(dir, 'html', 'index.html'), 'v2\n');
    const saved = Date.now();
    saw('index.html');
    await reconcile();
    const lu = store.get('LiveUpdate', 'web:web') as LiveUpdate;
    expect(lu.status?.failed).toBeUndefined();
    expect(await page(web.port)).toBe('v2\n');
    console.log(`docker live update + restart: reconcile → served in ${Date.now() - saved} ms`);
    const after = await inspectState(web.id);
    expect(after.running).toBe(true);
    expect(after.startedAt).not.toBe(before.startedAt);
    const text = logs.text('web');
    expect(text).toContain(`Will copy 1 file(s) to container: [${web.name}]\n`);
    expect(text).toContain('RUNNING: tar -C / -x -f -\n');
    expect(text).toContain(
      `Restarting container: ${web.name}\n  → Container ${web.name} updated!\n`,
    );

    // A new container of the service (as `docker compose up` recreates it) starts from v1 and
    // gets the change replayed.
    const next = await runWeb(2);
    expect(await page(next.port)).toBe('v1\n');
    await setContainer(next);
    await reconcile();
    expect(await page(next.port)).toBe('v2\n');
    expect((store.get('LiveUpdate', 'web:web') as LiveUpdate).status?.containers).toMatchObject([
      { containerID: next.id, containerName: next.name, podName: '' },
    ]);

    // A file deleted locally is removed in the container.
    await writeFile(join(dir, 'html', 'gone.html'), 'soon gone\n');
    saw('gone.html');
    await reconcile();
    const gone = async () => (await get(next.port, 'gone.html')).status;
    expect(await gone()).toBe(200);
    await unlink(join(dir, 'html', 'gone.html'));
    saw('gone.html');
    await reconcile();
    expect(logs.text('web')).toContain(
      `Will delete 1 file(s) from container: [${next.name}]\n- '/srv/gone.html'`,
    );
    expect(await gone()).toBe(404);

    // A container without tar can't be live-updated: Tilt's explanation, and a rebuild instead.
    // (Plain exec: busybox's sh, which the receiver uses, runs its own tar without the link.)
    // The reconciler takes file events after its start: made before the edit, so the edit can't
    // land in the same millisecond as its start (then it would not count as a change).
    const plain = make(false);
    await docker('exec', next.id, 'rm', '/bin/tar');
    await writeFile(join(dir, 'html', 'index.html'), 'v3\n');
    saw('index.html');
    await plain.reconcile('web:web', { store, clock, signal: new AbortController().signal });
    expect((store.get('LiveUpdate', 'web:web') as LiveUpdate).status?.failed).toMatchObject({
      reason: 'UpdateFailed',
      message: `Updating container ${next.name}: command "tar -C / -x -f -" failed with exit code: 126 (not found in PATH or not executable)\nThis usually means that Tilt could not exec \`tar\`.\nPlease check that the container image includes \`tar\` in $PATH.\nSome minimal images, such as those that are built \`FROM scratch\`, will not work with Live Update by default.\nSee https://github.com/tilt-dev/tilt/issues/4303 for details.`,
    });
  });
});
