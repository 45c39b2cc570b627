// `slant up` in a real pseudo-terminal (tmux): prompt mode's greeting and keys (space opens the
// browser, s streams the logs, ctrl-c exits), and the full-screen view (--legacy: resources,
// selection, log tabs, t triggers, q quits). Each run ends cleanly: exit 0, no serve_cmd left.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { UIResource } from '@slant/api';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, until } from '../three-service/slant-cli.ts';
import { Tmux } from './tmux.ts';

const BIN = resolve(import.meta.dirname, '../../packages/slant/bin/slant.js');
let dir = '';
let tmux: Tmux | undefined;
let marker = '';

/** Whether the fake browser was last asked to open `url`. */
async function opened(url: string): Promise<boolean> {
  return (await readFile(join(dir, 'opened.txt'), 'utf8').catch(() => '')) === `${url}\n`;
}

function serveAlive(): boolean {
  try {
    execFileSync('pgrep', ['-f', `echo ${marker}`]);
    return true;
  } catch {
    return false;
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-term-'));
  marker = `serving-${process.pid}-${Date.now()}`;
  await writeFile(
    join(dir, 'Tiltfile'),
    [
      `local_resource('hello', cmd='echo hello-build', serve_cmd='while true; do echo ${marker}; sleep 1; done')`,
      `local_resource('world', cmd='echo world-build', links=['http://localhost:9999/docs'])`,
      '',
    ].join('\n'),
  );
  // A "browser" that records the URL it was asked to open.
  await writeFile(
    join(dir, 'browser.sh'),
    `#!/bin/sh\necho "$1" > "${join(dir, 'opened.txt')}"\n`,
    {
      mode: 0o755,
    },
  );
});

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function startUp(name: string, extra: string[]): Promise<{ t: Tmux; port: number }> {
  const port = await freePort();
  const t = new Tmux(name);
  tmux = t;
  t.start([process.execPath, BIN, 'up', '--port', String(port), ...extra], {
    cwd: dir,
    env: { SLANT_HOME: join(dir, 'home'), BROWSER: join(dir, 'browser.sh') },
  });
  return { t, port };
}

describe('slant up on a terminal', () => {
  test('prompt mode: greeting and live status; space opens the browser; s streams; ctrl-c exits', async () => {
    const { t, port } = await startUp('prompt', []);
    const screen = await t.waitFor(/3 resources: 3 ok, 0 pending, 0 error/);
    expect(screen.split('\n').slice(0, 7)).toEqual([
      `Slant started on http://localhost:${port}/`,
      'v0.1.0, built from source',
      '',
      '(space) to open the browser',
      '(s) to stream logs (--stream=true)',
      '(t) to open legacy terminal mode (--legacy=true)',
      '(ctrl-c) to exit',
    ]);
    expect(screen).not.toContain(marker);

    t.keys('Space');
    await t.waitFor(new RegExp(`Opening browser: http://localhost:${port}/`));
    await until(
      'the browser script ran',
      10_000,
      async () =>
        (await readFile(join(dir, 'opened.txt'), 'utf8').catch(() => '')) ===
        `http://localhost:${port}/\n`,
    );

    t.keys('s');
    await t.waitFor(new RegExp(`hello │ ${marker}`));
    expect(serveAlive()).toBe(true);

    t.keys('C-c');
    await t.waitFor(/EXITED 0/, 30_000);
    expect(serveAlive()).toBe(false);
  });

  test('full-screen view: resources, selection, log tabs, enter and b open the browser, t triggers, q quits', async () => {
    const { t, port } = await startUp('hud', ['--legacy']);
    await t.waitFor(/▶ \(Tiltfile\) +● ok/);
    await t.waitFor(/ {2}world +● ok/);
    const api = new SlantApi(join(dir, 'home'), port);

    // The view reads keys once it has mounted: on a busy machine the first key can come too
    // early, so press again while the selection has not moved.
    for (let i = 0; i < 40 && !/▶ hello/.test(t.screen()); i++) {
      if (/▶ \(Tiltfile\)/.test(t.screen())) t.keys('j');
      await new Promise((r) => setTimeout(r, 250));
    }
    t.keys('3');
    const runtime = await t.waitFor(new RegExp(`── hello — runtime log[\\s\\S]*${marker}`));
    expect(runtime).toMatch(/▶ hello +● ok/);
    expect(runtime).not.toContain('Initial Build');

    t.keys('2');
    await t.waitFor(/── hello — build log[\s\S]*Initial Build/);

    t.keys('Enter');
    await until('the browser opened the resource page', 10_000, async () =>
      opened(`http://localhost:${port}/r/hello/overview`),
    );

    t.keys('j');
    await t.waitFor(/▶ world +● ok +http:\/\/localhost:9999\/docs/);
    t.keys('b');
    await until('the browser opened the endpoint', 10_000, async () =>
      opened('http://localhost:9999/docs'),
    );
    const before =
      (await api.get<UIResource>('uiresources', 'world'))?.status?.buildHistory?.length ?? 0;
    t.keys('t');
    await until('world rebuilt', 30_000, async () => {
      const ui = await api.get<UIResource>('uiresources', 'world');
      return (ui?.status?.buildHistory?.length ?? 0) > before;
    });

    t.keys('q');
    await t.waitFor(/EXITED 0/, 30_000);
    expect(serveAlive()).toBe(false);
  });

  test('t in prompt mode opens the full-screen view; q there quits Slant', async () => {
    const { t } = await startUp('switch', []);
    await t.waitFor(/3 resources: 3 ok/);
    t.keys('t');
    await t.waitFor(/▶ \(Tiltfile\)[\s\S]*q quit/);
    t.keys('q');
    await t.waitFor(/EXITED 0/, 30_000);
    expect(serveAlive()).toBe(false);
  });

  test('without a Tiltfile: the starter offer; y writes it, then the prompt mode works', async () => {
    await rm(join(dir, 'Tiltfile'));
    const { t, port } = await startUp('starter', []);
    await t.waitFor(/Create a starter Tiltfile\? \(y\/n\)/);
    expect(t.screen()).toContain(`No Tiltfile exists at ${join(dir, 'Tiltfile')}`);
    t.keys('y', 'Enter');
    await t.waitFor(new RegExp(`Slant started on http://localhost:${port}/`));
    expect(await readFile(join(dir, 'Tiltfile'), 'utf8')).toContain('# A starter Tiltfile');
    await t.waitFor(/2 resources: 2 ok/);
    // The keys still reach the prompt mode after the question: s streams the logs.
    t.keys('s');
    await t.waitFor(/Hello from your new Tiltfile![\s\S]*hello │ Slant ran this command/);
    t.keys('C-c');
    await t.waitFor(/EXITED 0/, 30_000);
  });

  test('without a Tiltfile, n starts anyway and says a Tiltfile is missing', async () => {
    await rm(join(dir, 'Tiltfile'));
    const { t } = await startUp('starter-no', []);
    await t.waitFor(/Create a starter Tiltfile\? \(y\/n\)/);
    t.keys('n', 'Enter');
    await t.waitFor(/Starting Slant\.\.\.[\s\S]*Slant started on/);
    t.keys('C-c');
    await t.waitFor(/EXITED 0/, 30_000);
    await expect(readFile(join(dir, 'Tiltfile'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  test('ctrl-c in the full-screen view exits Slant cleanly too', async () => {
    const { t } = await startUp('hud-ctrl-c', ['--legacy']);
    await t.waitFor(/▶ \(Tiltfile\)[\s\S]*q quit/);
    await until('the serve command running', 30_000, async () => serveAlive());
    t.keys('C-c');
    await t.waitFor(/EXITED 0/, 30_000);
    expect(serveAlive()).toBe(false);
  });
});
