// local_resource end to end through a real `slant up`: cmd then serve_cmd, deps and ignore,
// resource_deps gated on readiness probes (http_get, tcp_socket, exec), dir/env/serve_dir/
// serve_env, allow_parallel, manual trigger modes and auto_init, links and labels, and the serve
// process group stopped on update, on disable (gracefully, then killed) and on exit.
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cmd } from '@slant/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { until } from '../three-service/slant-cli.ts';
import { alive, freePorts, LocalSession } from './session.ts';

const s = new LocalSession();
let webPort = 0;
let flagFile = '';

beforeAll(async () => {
  const [web, tcp, closed] = await freePorts(3);
  webPort = web ?? 0;
  flagFile = join(tmpdir(), `slant-flag-${webPort}`);
  await s.start(join(import.meta.dirname, 'app'), {
    WEB_PORT: String(web),
    TCP_PORT: String(tcp),
    CLOSED_PORT: String(closed),
    FLAG_FILE: flagFile,
    LEAKY_SLEEP: String(3_600_000 + webPort),
  });
});

afterAll(async () => {
  await s.stop();
  await rm(flagFile, { force: true });
});

describe('local_resource under slant up', () => {
  test('cmd runs in dir with env, then serve_cmd in serve_dir with serve_env; an http_get probe gates the dependent', async () => {
    await s.up.waitForOutput(/after-web │ after-web ran/, 60_000);
    const web = s.lines('web');
    const build = web.indexOf('build in web with GREETING=hello input=v1');
    const serve = web.findIndex((l) => /^serve dev in web pid \d+$/.test(l));
    const ready = web.indexOf('[readiness probe: success] <h1>web</h1>');
    expect(build).toBeGreaterThanOrEqual(0);
    expect(serve).toBeGreaterThan(build);
    expect(ready).toBeGreaterThan(serve);
    // The dependent started only once web was ready.
    const out = s.up.output;
    expect(out.indexOf('after-web │ Initial Build')).toBeGreaterThan(
      out.indexOf('web │ [readiness probe: success]'),
    );
    const ui = await s.resource('web');
    expect(ui.status?.runtimeStatus).toBe('ok');
    expect(ui.status?.updateStatus).toBe('ok');
    expect(ui.status?.endpointLinks).toEqual([
      { url: `http://127.0.0.1:${webPort}/`, name: 'web ui' },
    ]);
    expect(ui.metadata.labels).toEqual({ frontend: 'frontend' });
  });

  test('a readiness probe that keeps failing keeps its dependents waiting', async () => {
    await s.up.waitForOutput(
      /never-ready │ WARNING: \[readiness probe: failure\] dial tcp 127\.0\.0\.1:\d+: connect: connection refused/,
    );
    // Several probe periods later, the dependent still has not run.
    await new Promise((r) => setTimeout(r, 4000));
    const never = await s.resource('never-ready');
    expect(never.status?.runtimeStatus).toBe('pending');
    const blocked = await s.resource('blocked');
    expect(blocked.status?.updateStatus).toBe('pending');
    expect(blocked.status?.waiting).toEqual({
      reason: 'waiting-for-dep',
      on: [{ group: 'tilt.dev', apiVersion: 'v1alpha1', kind: 'UIResource', name: 'never-ready' }],
    });
    expect(s.lines('blocked')).toEqual([]);
  });

  test('an exec probe turns ready after success_threshold passes; a tcp_socket probe on a listener is ready', async () => {
    await s.readyServePid('tcp');
    expect((await s.resource('tcp')).status?.runtimeStatus).toBe('ok');
    expect((await s.resource('flagged')).status?.runtimeStatus).toBe('pending');
    const t0 = Date.now();
    await writeFile(flagFile, '');
    await s.readyServePid('flagged');
    // Two successes in a row at a 1 s period: at least one period after the first.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect((await s.resource('flagged')).status?.runtimeStatus).toBe('ok');
  });

  test("a serve_cmd's group is killed when its main process exits", async () => {
    const line = await s.up.waitForOutput(/leaky │ leaky child \d+\n/);
    const child = Number(line.match(/\d+/)?.[0]);
    await until('the leaky child killed', 10_000, async () => !alive(child));
  });

  test('allow_parallel resources run at the same time', async () => {
    await s.up.waitForOutput(/par-b │ par-b end \d+/);
    await s.up.waitForOutput(/par-a │ par-a end \d+/);
    const times = (name: string) =>
      ['start', 'end'].map((w) =>
        Number(
          s
            .lines(name)
            .find((l) => l.startsWith(`${name} ${w} `))
            ?.split(' ')[2],
        ),
      );
    const [aStart = 0, aEnd = 0] = times('par-a');
    const [bStart = 0, bEnd = 0] = times('par-b');
    expect(aStart < bEnd && bStart < aEnd).toBe(true);
  });

  test('a dep change reruns cmd and restarts serve_cmd; ignored files and manual resources wait', async () => {
    const oldPid = await s.readyServePid('web');
    await s.up.waitForOutput(/manual-init │ manual-init ran input=v1/);
    const mark = s.up.output.length;
    await writeFile(join(s.dir, 'src/ignored.txt'), 'changed');
    await writeFile(join(s.dir, 'src/input.txt'), 'v2\n');
    await s.up.waitForOutput(/ {10}web │ 1 File Changed: \[src\/input\.txt\]/, 30_000, mark);
    await s.up.waitForOutput(/web │ build in web with GREETING=hello input=v2/, 30_000, mark);
    const newPid = await s.readyServePid('web', 60_000, oldPid);
    expect(alive(oldPid)).toBe(false);
    expect(alive(newPid)).toBe(true);
    expect(s.up.output.slice(mark)).not.toMatch(/ignored\.txt/);
    // Manual: the change is pending, not run, until triggered.
    expect(s.lines('manual-init', mark)).toEqual([]);
    expect((await s.resource('manual-init')).status?.hasPendingChanges).toBe(true);
    expect(await s.cli('trigger', 'manual-init')).toMatchObject({ code: 0 });
    await s.up.waitForOutput(/manual-init │ manual-init ran input=v2/, 30_000, mark);
  });

  test('auto_init=False with a manual trigger runs only when triggered', async () => {
    expect(s.lines('manual')).toEqual([]);
    expect((await s.resource('manual')).status?.updateStatus).toBe('none');
    expect(await s.cli('trigger', 'manual')).toMatchObject({ code: 0 });
    await s.up.waitForOutput(/manual │ manual ran/, 30_000);
    await until(
      'manual ok',
      30_000,
      async () => (await s.resource('manual')).status?.updateStatus === 'ok',
    );
  });

  test('disable stops a serve_cmd that ignores SIGTERM: grace period log lines, then a kill', async () => {
    const pid = await s.readyServePid('stubborn');
    const mark = s.up.output.length;
    expect(await s.cli('disable', 'stubborn')).toMatchObject({ code: 0 });
    await s.up.waitForOutput(/stubborn │ got TERM/, 10_000, mark);
    await s.up.waitForOutput(
      new RegExp(`stubborn │ Waiting 30s for process to exit\\.\\.\\. \\(pid: ${pid}\\)`),
      10_000,
      mark,
    );
    await s.up.waitForOutput(
      new RegExp(`stubborn │ Still waiting on exit\\.\\.\\. \\(pid: ${pid}\\)`),
      15_000,
      mark,
    );
    expect(alive(pid)).toBe(true);
    await s.up.waitForOutput(
      new RegExp(`stubborn │ Time is up! Sending ${pid} a kill signal`),
      30_000,
      mark,
    );
    await until('stubborn killed', 5000, async () => !alive(pid));
    const ui = await s.resource('stubborn');
    expect(ui.status?.disableStatus?.state).toBe('Disabled');
  });

  test('disable stops a well-behaved serve_cmd at once; enable starts it again', async () => {
    const pid = await s.readyServePid('web');
    expect(await s.cli('disable', 'web')).toMatchObject({ code: 0 });
    await until('web serve gone', 10_000, async () => !alive(pid));
    expect(await s.cli('enable', 'web')).toMatchObject({ code: 0 });
    const again = await s.readyServePid('web', 60_000, pid);
    expect(alive(again)).toBe(true);
  });

  test('on exit every serve_cmd process group is gone', async () => {
    const pids = await Promise.all(
      ['web', 'tcp', 'flagged', 'never-ready'].map(async (r) => {
        if (r === 'never-ready') {
          return until('never-ready running', 10_000, async () => {
            const cmds = await s.api.list<Cmd>('cmds');
            return cmds.find((c) => c.metadata.name.startsWith('never-ready-serve-'))?.status
              ?.running?.pid;
          });
        }
        return s.readyServePid(r);
      }),
    );
    expect(pids.every(alive)).toBe(true);
    const code = await s.up.stop('SIGINT');
    expect(code).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  });
});
