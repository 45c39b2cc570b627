// The web UI in a real browser (Debian's Chromium through playwright-core) against a real
// `slant up` of a sample app on the real Docker, registry and Kubernetes: resources turn healthy,
// build and pod logs, search, trigger, disable/enable (pods go and come back), a custom button,
// a Tiltfile error with its location; and the security checks on the real server.
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigMap, UIResource } from '@slant/api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import WebSocket from 'ws';
import {
  connect,
  createNamespace,
  deleteNamespace,
  isReady,
  type Kube,
  uniqueName,
} from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, SlantProcess, until } from '../three-service/slant-cli.ts';
import { ensureWebBuilt, launch, screenshot } from './browser.ts';

/** The browser globals the reconnect test's page functions use (this file has no DOM types). */
interface PageSockets {
  WebSocket: new (url: string) => { url: string; close(): void };
  sockets_: { url: string; close(): void }[];
}

const env = inject('slantEnv');
const ns = uniqueName('slant-web');
let kube: Kube;
let dir = '';
let slant: SlantProcess;
let api: SlantApi;
let browser: Browser;
let page: Page;
let base = '';

async function webPods(): Promise<string[]> {
  const pods = await kube.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
  return pods.items
    .filter((p) => p.metadata?.deletionTimestamp === undefined && isReady(p))
    .map((p) => p.metadata?.name ?? '');
}

async function ui(name: string): Promise<UIResource | undefined> {
  return api.get<UIResource>('uiresources', name);
}

/** The resource's row in the overview table. */
const row = (name: string) => page.locator(`tr[data-resource="${name}"]`);
const logPane = () => page.getByTestId('log-pane');

beforeAll(async () => {
  await ensureWebBuilt();
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-web-'));
  await cp(join(import.meta.dirname, 'app'), dir, { recursive: true });
  const port = await freePort();
  const home = join(dir, '.slant-home');
  slant = new SlantProcess(['up', '--stream', '--port', String(port), '--namespace', ns], {
    cwd: dir,
    env: {
      KUBECONFIG: env.kubeconfig,
      SLANT_HOME: home,
      WEB_PORT: String(await freePort()),
      GREETER_SLEEP: String(3_600_000 + Math.floor(Math.random() * 100_000)),
    },
  });
  await slant.waitForOutput(/Slant started on/, 60_000);
  api = new SlantApi(home, port);
  base = `http://localhost:${port}`;
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await slant?.stop();
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('web UI', () => {
  test('the overview shows each resource turning healthy', async () => {
    await page.goto(`${base}/`);
    await expect.poll(() => page.url()).toBe(`${base}/overview`);
    for (const name of ['web', 'greeter', '(Tiltfile)']) {
      await row(name).waitFor({ timeout: 30_000 });
    }
    // The rows are grouped by label.
    expect(await page.locator('tbody[data-group="frontend"] tr[data-resource]').count()).toBe(1);
    await page.getByTestId('status-summary').getByText('3/3 healthy').waitFor({ timeout: 240_000 });
    expect(await row('web').getByText('Runtime: Healthy').count()).toBe(1);
    await screenshot(page, '1-overview-healthy');
  });

  test('opening a resource shows its build and pod logs, and a search finds a line', async () => {
    await row('web').getByRole('link', { name: 'web' }).click();
    await expect.poll(() => page.url()).toBe(`${base}/r/web/overview`);
    await page.getByLabel('Log source').selectOption('build');
    await logPane().getByText('STEP 1/').first().waitFor({ timeout: 30_000 });
    await page.getByLabel('Log source').selectOption('runtime');
    await logPane().getByText('web serving on 8000').waitFor({ timeout: 30_000 });
    expect(await logPane().getByText('STEP 1/').count()).toBe(0);
    await page.getByLabel('Log source').selectOption('all');
    await page.getByLabel('Search logs').fill('/^web serving on \\d+/');
    await expect
      .poll(() => logPane().locator('mark').allTextContents())
      .toEqual(['web serving on 8000']);
    expect(await page.getByTestId('line-count').textContent()).toBe('1 lines');
    await screenshot(page, '2-resource-logs-search');
    await page.getByLabel('Search logs').fill('');
  });

  test('the trigger button rebuilds the resource', async () => {
    const before = (await ui('web'))?.status?.buildHistory?.length ?? 0;
    await page.getByRole('button', { name: 'Trigger update of web' }).click();
    await until('a new build of web', 120_000, async () => {
      const r = await ui('web');
      return (r?.status?.buildHistory?.length ?? 0) > before && r?.status?.updateStatus === 'ok';
    });
    await page.getByText('Update: Healthy').first().waitFor({ timeout: 30_000 });
    await screenshot(page, '3-triggered');
  });

  test('disable then enable removes and restores the pods', async () => {
    await until('a ready web pod', 120_000, async () => (await webPods()).length > 0);
    await page.getByRole('button', { name: 'Disable resource' }).click();
    await page.getByRole('button', { name: 'Confirm disable' }).click();
    await until('the web pods gone', 120_000, async () => (await webPods()).length === 0);
    const cm = await api.get<ConfigMap>('configmaps', 'web-disable');
    expect(cm?.data?.isDisabled).toBe('true');
    await page.locator('.status-disabled').first().waitFor({ timeout: 30_000 });
    await screenshot(page, '4-disabled');
    await page.getByRole('button', { name: 'Enable resource' }).click();
    await until('a ready web pod again', 180_000, async () => (await webPods()).length > 0);
    await page.getByText('Runtime: Healthy').waitFor({ timeout: 60_000 });
    await screenshot(page, '5-enabled');
  });

  test('a custom button runs its command with its input', async () => {
    await page.goto(`${base}/r/greeter/overview`);
    await page.getByRole('textbox', { name: 'Who' }).fill('Slant');
    await page.getByRole('button', { name: 'Greet', exact: true }).click();
    await logPane().getByText('hello, Slant, from the button').waitFor({ timeout: 30_000 });
    await screenshot(page, '6-custom-button');
  });

  test('the keyboard moves, opens and selects; a star shows in the header; the mode toggles', async () => {
    await page.goto(`${base}/overview`);
    await row('greeter').waitFor();
    // Rows are drawn by label group: backend (greeter), frontend (web), Tiltfile.
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByTestId('bulk-actions').getByText('1 selected:').waitFor();
    expect(await row('web').getByRole('checkbox').isChecked()).toBe(true);
    await row('greeter').getByTitle('Star').click();
    await page.locator('.starred').getByText('★ greeter').waitFor();
    await row('greeter').getByRole('button', { name: 'Trigger mode of greeter' }).click();
    await until(
      'greeter in manual mode',
      10_000,
      async () => (await ui('greeter'))?.status?.triggerMode === 2,
    );
    await row('greeter').getByText('Manual').waitFor();
    await screenshot(page, '8-keyboard-star-mode');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toBe(`${base}/r/greeter/overview`);
  });

  test('a snapshot saves the view, and the offline viewer shows it read-only', async () => {
    await page.goto(`${base}/overview`);
    await row('web').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Snapshot' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tilt-snapshot_.*\.json$/);
    const file = join(dir, 'snapshot.json');
    await download.saveAs(file);
    const offline = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await offline.goto(`${base}/snapshot`);
    await offline.getByLabel('Snapshot file').setInputFiles(file);
    await offline.getByText('Viewing a snapshot (read-only)').waitFor();
    await offline
      .locator('tr[data-resource="greeter"]')
      .getByRole('link', { name: 'greeter' })
      .click();
    await expect.poll(() => offline.url()).toBe(`${base}/snapshot/r/greeter/overview`);
    await offline.getByTestId('log-pane').getByText('greeter ready', { exact: true }).waitFor();
    expect(
      await offline.getByRole('button', { name: 'Trigger update of greeter' }).isDisabled(),
    ).toBe(true);
    await screenshot(offline, '9-snapshot-offline');
    await offline.close();
  });

  test('slant snapshot view serves a saved snapshot: the page opens on it, read-only', async () => {
    const file = join(dir, 'snapshot.json'); // saved by the test before
    const view = new SlantProcess(['snapshot', 'view', file, '--no-open'], { cwd: dir, env: {} });
    try {
      const line = await view.waitForOutput(/Serving snapshot at (\S+)\n/, 30_000);
      const url = line.replace('Serving snapshot at ', '').trim();
      expect(url).toMatch(/^http:\/\/localhost:\d+\/snapshot\/local$/);
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await p.goto(url);
      await p.getByText('Viewing a snapshot (read-only)').waitFor();
      await p.locator('tr[data-resource="greeter"]').getByRole('link', { name: 'greeter' }).click();
      await expect
        .poll(() => p.url())
        .toBe(url.replace(/\/snapshot\/local$/, '/snapshot/local/r/greeter/overview'));
      await p.getByTestId('log-pane').getByText('greeter ready', { exact: true }).waitFor();
      expect(await p.getByRole('button', { name: 'Trigger update of greeter' }).isDisabled()).toBe(
        true,
      );
      await screenshot(p, '9b-snapshot-view');
      await p.close();
    } finally {
      view.child.kill('SIGINT');
    }
    expect(await view.exitWithin(10_000)).toBe(0);
  });

  test('after a dropped websocket the page reconnects and resumes from its checkpoint', async () => {
    const p2 = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Keep the page's sockets reachable, to drop one as a network failure would.
    await p2.addInitScript(() => {
      const g = globalThis as unknown as PageSockets;
      const Base = g.WebSocket;
      g.sockets_ = [];
      g.WebSocket = class extends Base {
        constructor(url: string) {
          super(url);
          g.sockets_.push(this);
        }
      };
    });
    await p2.goto(`${base}/r/greeter/overview`);
    const pane = p2.getByTestId('log-pane');
    await pane.getByText('greeter ready', { exact: true }).waitFor();
    await p2.evaluate(() => (globalThis as unknown as PageSockets).sockets_[0]?.close());
    await expect
      .poll(() => p2.evaluate(() => (globalThis as unknown as PageSockets).sockets_.length))
      .toBe(2);
    const resumedFrom = await p2.evaluate(
      () => (globalThis as unknown as PageSockets).sockets_[1]?.url ?? '',
    );
    expect(resumedFrom).toMatch(/\/ws\/view\?checkpoint=\d+&tiltStartTime=/);
    await p2.getByRole('textbox', { name: 'Who' }).fill('again');
    await p2.getByRole('button', { name: 'Greet', exact: true }).click();
    await pane.getByText('hello, again, from the button').waitFor({ timeout: 30_000 });
    // Resumed, not replayed: every line once.
    expect(await pane.getByText('greeter ready', { exact: true }).count()).toBe(1);
    expect(await pane.getByText('hello, again, from the button').count()).toBe(1);
    await screenshot(p2, '10-reconnected');
    await p2.close();
  });

  test('a Tiltfile error appears with its location, and goes when fixed', async () => {
    const tiltfile = join(dir, 'Tiltfile');
    const good = await readFile(tiltfile, 'utf8');
    const line = good.split('\n').length;
    await appendFile(tiltfile, 'undefined_builtin()\n');
    await page.goto(`${base}/r/(Tiltfile)/overview`);
    const box = page.getByTestId('build-error');
    await box.waitFor({ timeout: 60_000 });
    expect(await box.textContent()).toBe(`${tiltfile}:${line}:1: undefined: undefined_builtin`);
    // The code frame is in the Tiltfile's log.
    await logPane().getByText(`> ${line} | undefined_builtin()`).waitFor({ timeout: 10_000 });
    await screenshot(page, '7-tiltfile-error');
    await writeFile(tiltfile, good);
    await box.waitFor({ state: 'detached', timeout: 60_000 });
  });

  test('the real server refuses a foreign Origin, a missing or wrong token, with no effect; so does its websocket', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/api/trigger`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ manifest_names: ['greeter'], build_reason: 16 }),
      }).then(async (r) => `${r.status} ${(await r.text()).trim()}`);
    const cookies = await page.context().cookies();
    const token = cookies.find((c) => c.name === 'Tilt-Token')?.value ?? '';
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(await post({ Origin: 'http://evil.example', 'X-Tilt-Token': token })).toBe(
      '403 cross-origin request forbidden',
    );
    expect(await post({ Origin: base })).toBe('403 missing session token');
    expect(await post({ Origin: base, 'X-Tilt-Token': `${token.slice(1)}x` })).toBe(
      '403 invalid session token',
    );
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws/view`, {
      headers: { Origin: 'http://evil.example', Cookie: `Tilt-Token=${token}` },
    });
    const answer = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => {});
    });
    expect(answer).toBe(403);
    const queue = await api.get<ConfigMap>('configmaps', 'tilt-trigger-queue');
    expect(Object.values(queue?.data ?? {})).not.toContain('greeter');
  });
});
