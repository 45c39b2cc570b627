// docker_compose() end to end through a real `slant up` on the real Docker engine: services come
// up in resource_deps order (gated on a health check), logs and links show; live_update syncs into
// the service's container (run steps on their triggers only, restart_container, a burst of saves,
// fall_back_on); a change rebuilds and recreates only its service (one built by docker_build, one
// built by Compose); disable removes the container and enable brings it back; `slant down` removes
// the project.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DockerComposeService, UIResource } from '@slant/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../client-commands/run-cli.ts';
import { freePorts, LocalSession } from '../local-resource/session.ts';
import { readSlantEnv } from '../slant-env.ts';
import { until } from '../three-service/slant-cli.ts';

const s = new LocalSession();
let webPort = 0;
let project = '';

function projectContainers(): string[] {
  const out = execFileSync(
    'docker',
    ['ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${project}`],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter((l) => l !== '');
}

async function service(name: string): Promise<DockerComposeService | undefined> {
  return s.api.get<DockerComposeService>('dockercomposeservices', name);
}

async function healthy(name: string): Promise<UIResource> {
  return until(`${name} healthy`, 120_000, async () => {
    const ui = await s.api.get<UIResource>('uiresources', name);
    const st = ui?.status;
    return st?.runtimeStatus === 'ok' && st.updateStatus === 'ok' ? ui : undefined;
  });
}

async function fetchPath(path: string): Promise<string> {
  try {
    const res = await fetch(`http://localhost:${webPort}/${path}`);
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}

const fetchWeb = () => fetchPath('');

beforeAll(async () => {
  [webPort] = (await freePorts(1)) as [number];
  await s.start(join(import.meta.dirname, 'app'), {
    BASE_IMAGE: readSlantEnv().busyboxImage,
    WEB_PORT: String(webPort),
  });
  // Compose names the project after the directory (compose-go's normalisation).
  project = basename(s.dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '');
}, 120_000);

afterAll(async () => {
  await s.up?.stop();
  // Whatever a failed test left behind.
  const ids = project === '' ? [] : projectContainers();
  if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids]);
  await s.stop();
});

describe('docker_compose under slant up', () => {
  test('every service comes up; web waits for the healthy cache; logs and links show', async () => {
    const web = await healthy('web');
    await healthy('worker');
    const cache = await healthy('cache');
    expect(cache.status?.composeResourceInfo?.healthStatus).toBe('healthy');
    expect(web.status?.endpointLinks?.map((l) => l.url)).toEqual([`http://localhost:${webPort}/`]);
    expect(
      await until('web serves v1', 30_000, async () =>
        (await fetchWeb()) === 'web v1\n' ? true : undefined,
      ),
    ).toBe(true);
    const out = s.up.output;
    expect(out.indexOf('web │ Initial Build')).toBeGreaterThan(out.indexOf('cache │ cache ready'));
    await s.up.waitForOutput(/web │ web serving web v1\n/, 30_000);
    await s.up.waitForOutput(/worker │ worker v1 working\n/, 30_000);
    expect(s.lines('web')).toContain('STEP 2/2 — Deploying');
    expect(s.lines('worker')).toContain('STEP 1/1 — Building & deploying');
    const svc = await service('web');
    expect(svc?.status?.containerState?.running).toBe(true);
    expect(svc?.status?.portBindings?.some((p) => p.hostPort === webPort)).toBe(true);
    expect(projectContainers()).toHaveLength(3);
  });

  test('live_update syncs into the running container and restart_container restarts it', async () => {
    const before = await service('web');
    const from = s.up.output.length;
    await writeFile(join(s.dir, 'web', 'html', 'index.html'), 'web v1 synced\n');
    await until('synced page served', 60_000, async () =>
      (await fetchWeb()) === 'web v1 synced\n' ? true : undefined,
    );
    // The same container, restarted by restart_container() (its start script runs again).
    await s.up.waitForOutput(/web │ web serving web v1 synced\n/, 30_000, from);
    const after = await service('web');
    expect(after?.status?.containerID).toBe(before?.status?.containerID);
    expect(s.up.output.slice(from)).not.toMatch(/web │ STEP 1\/\d — Building Dockerfile/);
  }, 120_000);

  test('a run step runs only for its trigger files; 20 saves in 100 ms end with the last content', async () => {
    const id = (await service('web'))?.status?.containerID;
    await writeFile(join(s.dir, 'web', 'html', 'other.html'), 'other\n');
    await until('other.html served', 60_000, async () =>
      (await fetchPath('other.html')) === 'other\n' ? true : undefined,
    );
    expect(await fetchPath('ran.txt')).toBe('');
    await writeFile(join(s.dir, 'web', 'html', 'trigger.txt'), 'go\n');
    await until('the run step ran', 60_000, async () =>
      /\d/.test(await fetchPath('ran.txt')) ? true : undefined,
    );

    const from = s.up.output.length;
    const index = join(s.dir, 'web', 'html', 'index.html');
    for (let i = 1; i <= 20; i++) {
      await writeFile(index, `burst ${i}\n`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await until('the last save served', 60_000, async () =>
      (await fetchWeb()) === 'burst 20\n' ? true : undefined,
    );
    // Let any sync still queued finish before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const syncs = s.lines('web', from).filter((l) => /Container .* updated!/.test(l)).length;
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThanOrEqual(4);
    expect(await fetchWeb()).toBe('burst 20\n');
    expect((await service('web'))?.status?.containerID, s.up.output.slice(from)).toBe(id);
  }, 180_000);

  test('a fall_back_on file rebuilds instead of syncing', async () => {
    const before = (await service('web'))?.status?.containerID;
    const from = s.up.output.length;
    await writeFile(join(s.dir, 'web', 'fallback.txt'), 'x\n');
    await s.up.waitForOutput(/web │ STEP 1\/2 — Building Dockerfile/, 90_000, from);
    const after = await until('web recreated', 60_000, async () => {
      const cur = await service('web');
      const id = cur?.status?.containerID;
      return id !== undefined && id !== before && cur?.status?.containerState?.running === true
        ? id
        : undefined;
    });
    expect(after).not.toBe(before);
    expect(
      await until('served again', 30_000, async () =>
        (await fetchWeb()) === 'burst 20\n' ? true : undefined,
      ),
    ).toBe(true);
  }, 180_000);

  test('a change outside the syncs rebuilds the image and recreates the container', async () => {
    const before = (await service('web'))?.status?.containerID;
    const from = s.up.output.length;
    const start = join(s.dir, 'web', 'start.sh');
    await writeFile(
      start,
      (await readFile(start, 'utf8')).replace('web serving', 'web v2 serving'),
    );
    await s.up.waitForOutput(/web │ web v2 serving burst 20\n/, 90_000, from);
    expect(s.up.output.slice(from)).toMatch(/web │ STEP 1\/2 — Building Dockerfile/);
    const after = await until('web recreated', 30_000, async () => {
      const id = (await service('web'))?.status?.containerID;
      return id !== undefined && id !== before ? id : undefined;
    });
    expect(after).not.toBe(before);
  }, 150_000);

  test('a change rebuilds and recreates only its service (Compose building the image)', async () => {
    const before = {
      web: (await service('web'))?.status?.containerID,
      worker: (await service('worker'))?.status?.containerID,
      cache: (await service('cache'))?.status?.containerID,
    };
    const from = s.up.output.length;
    const job = join(s.dir, 'worker', 'job.sh');
    await writeFile(job, (await readFile(job, 'utf8')).replace('worker v1', 'worker v2'));
    await s.up.waitForOutput(/worker │ worker v2 working\n/, 90_000, from);
    expect(s.lines('worker', from)).toContain('STEP 1/1 — Building & deploying');
    const worker = await until('worker recreated', 30_000, async () => {
      const id = (await service('worker'))?.status?.containerID;
      return id !== undefined && id !== before.worker ? id : undefined;
    });
    expect(worker).not.toBe(before.worker);
    expect((await service('web'))?.status?.containerID).toBe(before.web);
    expect((await service('cache'))?.status?.containerID).toBe(before.cache);
  }, 180_000);

  test('disable removes the container; enable brings the service back', async () => {
    const env = { SLANT_HOME: s.home, TILT_PORT: String(s.port) };
    expect((await runCli(['disable', 'worker'], { cwd: s.dir, env })).code).toBe(0);
    await until('worker removed', 60_000, async () => {
      const st = (await service('worker'))?.status;
      return st?.disableStatus?.state === 'Disabled' && st.containerID === undefined
        ? true
        : undefined;
    });
    expect(projectContainers()).toHaveLength(2);
    expect((await runCli(['enable', 'worker'], { cwd: s.dir, env })).code).toBe(0);
    await until('worker back', 90_000, async () =>
      (await service('worker'))?.status?.containerState?.running === true ? true : undefined,
    );
    expect(projectContainers()).toHaveLength(3);
  }, 180_000);

  test('slant down removes every container of the project', async () => {
    await s.up.stop();
    const env = {
      SLANT_HOME: s.home,
      BASE_IMAGE: readSlantEnv().busyboxImage,
      WEB_PORT: String(webPort),
    };
    const down = await runCli(['down'], { cwd: s.dir, env });
    expect(down.code, down.stdout + down.stderr).toBe(0);
    expect(projectContainers()).toEqual([]);
  }, 120_000);
});
