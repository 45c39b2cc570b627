// The Cmd and FileWatch controllers on the real adapters: a server process that a readiness
// probe sees come up, and a watch on a real directory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { API_VERSION } from '../../packages/api/src/index.ts';
import { systemClock } from '../../packages/slant/src/clock.ts';
import {
  CmdRunner,
  createCmdReconciler,
} from '../../packages/slant/src/controllers/cmd/reconciler.ts';
import { statFingerprint } from '../../packages/slant/src/controllers/filewatch/fingerprint.ts';
import { createFileWatchReconciler } from '../../packages/slant/src/controllers/filewatch/reconciler.ts';
import { nodeLocalFiles } from '../../packages/slant/src/watch/files-node.ts';
import { Manager } from '../../packages/slant/src/engine/manager.ts';
import { NodeProcessRunner } from '../../packages/slant/src/exec/node.ts';
import { NodeProbeChecker } from '../../packages/slant/src/exec/probe-node.ts';
import { MemoryLogWriter } from '../../packages/slant/src/logs/types.ts';
import { ObjectStore } from '../../packages/slant/src/store/store.ts';
import { ParcelWatcherFactory } from '../../packages/slant/src/watch/parcel.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(done: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slant-local-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Cmd controller with real processes', () => {
  test('a server with an httpGet readiness probe becomes ready, and stopAll ends it', async () => {
    const clock = systemClock();
    const store = new ObjectStore({ clock });
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const processes = new NodeProcessRunner({ clock });
    const logs = new MemoryLogWriter();
    const runner = new CmdRunner({
      store,
      clock,
      processes,
      probes: new NodeProbeChecker({ processes, env, dir: '/' }),
      logs,
      env,
      cwd: tempDir(),
      gracePeriodMs: 2000,
    });
    const manager = new Manager({ store, clock });
    manager.register(createCmdReconciler({ runner, store }));
    manager.start();
    cleanups.push(() => manager.stop());
    cleanups.push(() => runner.stopAll());

    // The server listens only after a while, so the first probes fail.
    const server = [
      "const http = require('node:http');",
      'setTimeout(() => {',
      '  http.createServer((q, s) => s.end("ok")).listen(Number(process.env.PORT), "127.0.0.1");',
      '  console.log("listening");',
      '}, 1500);',
    ].join('\n');
    const dir = tempDir();
    writeFileSync(join(dir, 'server.cjs'), server);
    const port = await freePort();
    store.create({
      apiVersion: API_VERSION,
      kind: 'Cmd',
      metadata: { name: 'web', annotations: { 'tilt.dev/resource': 'web' } },
      spec: {
        args: [process.execPath, 'server.cjs'],
        dir,
        env: [`PORT=${port}`],
        readinessProbe: { httpGet: { host: '127.0.0.1', port, path: '/' }, periodSeconds: 1 },
      },
    });
    await until(() => store.get('Cmd', 'web')?.status?.running !== undefined);
    const pid = store.get('Cmd', 'web')!.status!.running!.pid;
    expect(store.get('Cmd', 'web')?.status?.ready).toBe(false);
    await until(() => store.get('Cmd', 'web')?.status?.ready === true);
    expect(logs.text('web')).toContain('listening\n');
    expect(logs.text('web')).toContain('[readiness probe: success] ok\n');

    await runner.stopAll();
    expect(store.get('Cmd', 'web')?.status?.terminated).toMatchObject({
      pid,
      exitCode: 137,
      reason: 'killed',
    });
    await until(() => !alive(pid));
  }, 60_000);
});

describe('FileWatch controller on a real directory', () => {
  test('editing a file gives one event listing it (its repeats dropped); an ignored file gives none', async () => {
    const clock = systemClock();
    const store = new ObjectStore({ clock });
    const dir = tempDir();
    writeFileSync(join(dir, 'main.go'), 'package main\n');
    const reconciler = createFileWatchReconciler({
      store,
      clock,
      watcher: new ParcelWatcherFactory(),
      logs: new MemoryLogWriter(),
      fingerprint: statFingerprint(nodeLocalFiles),
    });
    const manager = new Manager({ store, clock });
    manager.register(reconciler);
    manager.start();
    cleanups.push(() => manager.stop());
    cleanups.push(() => reconciler.stopAll());
    store.create({
      apiVersion: API_VERSION,
      kind: 'FileWatch',
      metadata: { name: 'web' },
      spec: { watchedPaths: [dir], ignores: [{ basePath: dir, patterns: ['*.log'] }] },
    });
    await until(() => store.get('FileWatch', 'web')?.status?.monitorStartTime !== undefined);

    writeFileSync(join(dir, 'main.go'), 'package main // edited\n');
    await until(() => (store.get('FileWatch', 'web')?.status?.fileEvents ?? []).length > 0);
    // Whatever else arrives comes within the debounce window; give it time to show up.
    await new Promise((r) => setTimeout(r, 500));
    const events = store.get('FileWatch', 'web')?.status?.fileEvents ?? [];
    expect(events.map((e) => e.seenFiles)).toEqual([[join(dir, 'main.go')]]);
    expect(store.get('FileWatch', 'web')?.status?.lastEventTime).toBe(events[0]?.time);

    writeFileSync(join(dir, 'debug.log'), 'noise\n');
    await new Promise((r) => setTimeout(r, 500));
    expect(store.get('FileWatch', 'web')?.status?.fileEvents).toHaveLength(1);
  }, 60_000);
});

describe('ParcelWatcherFactory', () => {
  test('watches a single file and a path that does not exist yet through their parents', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Tiltfile'), 'print(1)\n');
    const seen: string[] = [];
    const handle = await new ParcelWatcherFactory().watch(
      [join(dir, 'Tiltfile'), join(dir, 'later', 'deep', 'conf.yaml')],
      (paths) => seen.push(...paths),
      (err) => {
        throw err;
      },
    );
    cleanups.push(() => handle.close());
    writeFileSync(join(dir, 'other.txt'), 'not watched\n');
    writeFileSync(join(dir, 'Tiltfile'), 'print(2)\n');
    await until(() => seen.includes(join(dir, 'Tiltfile')));
    mkdirSync(join(dir, 'later'));
    await new Promise((r) => setTimeout(r, 100));
    mkdirSync(join(dir, 'later', 'deep'));
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(join(dir, 'later', 'deep', 'conf.yaml'), 'a: 1\n');
    await until(() => seen.includes(join(dir, 'later', 'deep', 'conf.yaml')));
    expect(new Set(seen)).toEqual(
      new Set([join(dir, 'Tiltfile'), join(dir, 'later', 'deep', 'conf.yaml')]),
    );
  }, 30_000);
});
