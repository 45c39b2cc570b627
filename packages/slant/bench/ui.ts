// `npm run bench:ui`: the web UI's numbers, each printed with its goal.
//  1. `slant up` → UI answering: spawn the bundled CLI on a one-resource Tiltfile, time until the
//     page and `/api/view` answer (goal ≤ 1 s).
//  2. server-side log ingest: lines written to the log store and delivered over the websocket
//     to one connected client (goal ≥ 100k lines/s).
//  3. in Chromium: the time to open a resource holding 1M lines, and the frame times while the
//     server appends 10k lines/s to it for a few seconds (goal: p95 < 50 ms).
// Needs the web app built (`npm run build`) and Debian's chromium (or SLANT_CHROMIUM).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { systemClock } from '../src/clock.ts';
import { LogStore } from '../src/logs/log-store.ts';
import { uiResource } from '../src/server/testing.ts';
import { startWebServer, type WebServer } from '../src/server/web-server.ts';
import { ObjectStore } from '../src/store/store.ts';

/** What the functions run in the page use of the browser's globals (the bench has no DOM types). */
interface PageGlobals {
  document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
  requestAnimationFrame(fn: (now: number) => void): number;
  frames_: number[];
}

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    'append-seconds': { type: 'string', default: '5' },
  },
});
const LINES = Number(values.lines);
const APPEND_SECONDS = Number(values['append-seconds']);
const ROOT = resolve(import.meta.dirname, '../../..');
const ASSETS = join(ROOT, 'packages/web/dist');
const clock = systemClock();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function report(what: string, value: string, goal: string, ok: boolean): void {
  process.stdout.write(
    `${what.padEnd(44)} ${value.padStart(14)}   goal ${goal} ${ok ? 'ok' : 'MISSED'}\n`,
  );
}

async function startup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'slant-bench-ui-'));
  writeFileSync(join(dir, 'Tiltfile'), "local_resource('hello', cmd='echo hi')\n");
  const port = 20000 + Math.floor(Math.random() * 20000);
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'packages/slant/bin/slant.js'), 'up', '--stream', '--port', String(port)],
    {
      cwd: dir,
      env: { ...process.env, SLANT_HOME: join(dir, 'home') },
      stdio: 'ignore',
    },
  );
  let ms = Number.NaN;
  try {
    for (let i = 0; i < 300; i++) {
      try {
        const page = await fetch(`http://localhost:${port}/`);
        const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const view = await fetch(`http://localhost:${port}/api/view`, {
          headers: { Cookie: cookie },
        });
        if (page.ok && view.ok) {
          ms = performance.now() - t0;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(10);
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  report('slant up → UI answering', `${ms.toFixed(0)} ms`, '≤ 1000 ms', ms <= 1000);
}

async function server(logs: LogStore, store: ObjectStore): Promise<WebServer> {
  return startWebServer({
    store,
    logs,
    clock,
    host: '127.0.0.1',
    port: 0,
    assetsDir: ASSETS,
    version: 'bench',
    tiltfileKey: 'bench',
    token: 'bench',
  });
}

function writeLines(logs: LogStore, from: number, n: number): void {
  // Pods send chunks of lines; 100 lines per write.
  for (let i = 0; i < n; i += 100) {
    let chunk = '';
    for (let j = i; j < Math.min(n, i + 100); j++)
      chunk += `line ${from + j} \u001b[32mGET /index.html\u001b[0m 200 in 3ms\n`;
    logs.write({ resource: 'big', spanId: 'pod:big:p', text: chunk });
  }
}

async function ingest(): Promise<void> {
  const store = new ObjectStore({ clock });
  const logs = new LogStore({ clock, maxLines: LINES * 2 });
  const srv = await server(logs, store);
  const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/ws/view`, {
    headers: { Cookie: 'Tilt-Token=bench' },
  });
  let received = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((r) => (done = r));
  ws.on('message', (d) => {
    const v = JSON.parse(String(d)) as { logList?: { toCheckpoint?: number } };
    received = v.logList?.toCheckpoint ?? received;
    if (received >= LINES) done();
  });
  await new Promise((r) => ws.once('open', r));
  const t0 = performance.now();
  // Written in slices so the server's event loop also sends while lines arrive.
  for (let i = 0; i < LINES; i += 50_000) {
    writeLines(logs, i, Math.min(50_000, LINES - i));
    await sleep(0);
  }
  await all;
  const secs = (performance.now() - t0) / 1000;
  ws.close();
  await srv.close();
  const rate = LINES / secs;
  report(
    `log ingest + delivery (${LINES} lines)`,
    `${Math.round(rate)} lines/s`,
    '≥ 100000 lines/s',
    rate >= 100_000,
  );
}

async function browser(): Promise<void> {
  const store = new ObjectStore({ clock });
  store.create(uiResource('big'));
  const logs = new LogStore({ clock, maxLines: LINES * 2 });
  writeLines(logs, 0, LINES);
  const srv = await server(logs, store);
  const b = await chromium.launch({
    executablePath: process.env.SLANT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const page = await b.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = performance.now();
    await page.goto(`http://localhost:${srv.port}/r/big/overview`);
    await page.waitForFunction(
      (n) =>
        (globalThis as unknown as PageGlobals).document
          .querySelector('[data-testid="log-pane"]')
          ?.getAttribute('data-lines') === String(n),
      LINES,
      { timeout: 120_000, polling: 50 },
    );
    const openMs = performance.now() - t0;
    report(`open a resource with ${LINES} lines`, `${openMs.toFixed(0)} ms`, '(measured)', true);

    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.frames_ = [];
      let last = performance.now();
      const tick = (now: number) => {
        w.frames_.push(now - last);
        last = now;
        w.requestAnimationFrame(tick);
      };
      w.requestAnimationFrame(tick);
    });
    let next = LINES;
    const end = performance.now() + APPEND_SECONDS * 1000;
    while (performance.now() < end) {
      writeLines(logs, next, 1000);
      next += 1000;
      await sleep(100);
    }
    const frames = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).frames_.slice(1),
    );
    const lines = await page.getByTestId('log-pane').getAttribute('data-lines');
    frames.sort((a, c) => a - c);
    const p95 = frames[Math.floor(frames.length * 0.95)] ?? Number.NaN;
    report(
      `frame p95 appending 10k lines/s (${frames.length} frames)`,
      `${p95.toFixed(1)} ms`,
      '< 50 ms',
      p95 < 50,
    );
    process.stdout.write(`  (the page held ${lines} lines at the end; ${next} written)\n`);
  } finally {
    await b.close();
    await srv.close();
  }
}

await startup();
await ingest();
await browser();
