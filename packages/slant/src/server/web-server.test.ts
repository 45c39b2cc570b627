import type { View } from '@slant/api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { systemClock } from '../clock.ts';
import { namesInTriggerQueue, TRIGGER_QUEUE_NAME } from '../engine/trigger-queue.ts';
import { LogStore } from '../logs/log-store.ts';
import { configMap, newTestStore } from '../store/testing.ts';
import { uiResource } from './testing.ts';
import { startWebServer, type WebServer } from './web-server.ts';

const servers: WebServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(host = '127.0.0.1', disableAuth = false) {
  const clock = systemClock();
  const store = newTestStore();
  const logs = new LogStore({ clock });
  store.create(uiResource('web'));
  store.create(configMap('web-disable', { isDisabled: 'false' }));
  const assetsDir = mkdtempSync(join(tmpdir(), 'slant-web-'));
  writeFileSync(join(assetsDir, 'index.html'), '<!doctype html><title>Slant</title>');
  const server = await startWebServer({
    store,
    logs,
    clock,
    host,
    port: 0,
    assetsDir,
    version: '0.1.0',
    tiltfileKey: '/p/Tiltfile',
    token: 'run-token',
    apiToken: 'api-token',
    ...(disableAuth ? { disableAuth } : {}),
  });
  servers.push(server);
  const base = `http://127.0.0.1:${server.port}`;
  const origin = base;
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body), headers });
  const answer = async (res: Response) => `${res.status} ${(await res.text()).trim()}`;
  const queue = () => namesInTriggerQueue(store.get('ConfigMap', TRIGGER_QUEUE_NAME));
  return { store, logs, server, base, origin, post, answer, queue };
}

/** Opens the view websocket and collects its messages. */
function connect(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  sockets.push(ws);
  const messages: View[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as View));
  const waitFor = async (n: number) => {
    for (let i = 0; i < 200 && messages.length < n; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    return messages;
  };
  return { ws, messages, waitFor };
}

function refusal(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    sockets.push(ws);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += String(c)));
      res.on('end', () => resolve(`${res.statusCode} ${body.trim()}`));
    });
    ws.on('open', () => resolve('open'));
    ws.on('error', () => {});
  });
}

describe('web server', () => {
  test('pages are the built app with the run token in a SameSite=Strict cookie', async () => {
    const { base } = await setup();
    const res = await fetch(`${base}/r/web/overview`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<!doctype html><title>Slant</title>');
    expect(res.headers.get('set-cookie')).toBe('Tilt-Token=run-token; Path=/; SameSite=Strict');
  });

  test('a trigger with the token from this origin queues the resource', async () => {
    const { post, origin, answer, queue } = await setup();
    const res = await post(
      '/api/trigger',
      { manifest_names: ['web'], build_reason: 16 },
      { Origin: origin, 'X-Tilt-Token': 'run-token' },
    );
    expect(await answer(res)).toBe('200 ');
    expect(queue()).toEqual(['web']);
  });

  test('a trigger from a foreign Origin is refused and queues nothing', async () => {
    const { post, answer, queue } = await setup();
    const res = await post(
      '/api/trigger',
      { manifest_names: ['web'], build_reason: 16 },
      { Origin: 'http://evil.example', 'X-Tilt-Token': 'run-token' },
    );
    expect(await answer(res)).toBe('403 cross-origin request forbidden');
    expect(queue()).toEqual([]);
  });

  test('a trigger without the token, or with a wrong one, is refused and queues nothing', async () => {
    const { post, origin, answer, queue } = await setup();
    const body = { manifest_names: ['web'], build_reason: 16 };
    expect(await answer(await post('/api/trigger', body, { Origin: origin }))).toBe(
      '403 missing session token',
    );
    const wrong = { Origin: origin, 'X-Tilt-Token': 'run-tokem' };
    expect(await answer(await post('/api/trigger', body, wrong))).toBe('403 invalid session token');
    const wrongCookie = { Origin: origin, Cookie: 'Tilt-Token=nope' };
    expect(await answer(await post('/api/trigger', body, wrongCookie))).toBe(
      '403 invalid session token',
    );
    expect(queue()).toEqual([]);
  });

  test('with TILT_DISABLE_HUD_AUTH the app calls go without the token; Origin still counts', async () => {
    const { server, post, origin, answer, queue } = await setup('127.0.0.1', true);
    const body = { manifest_names: ['web'], build_reason: 16 };
    expect((await post('/api/trigger', body, { Origin: origin })).status).toBe(200);
    expect(queue()).toEqual(['web']);
    expect(await answer(await post('/api/trigger', body, { Origin: 'http://evil.example' }))).toBe(
      '403 cross-origin request forbidden',
    );
    const view = await fetch(`http://127.0.0.1:${server.port}/api/view`);
    expect(view.status).toBe(200);
    const socket = connect(`ws://127.0.0.1:${server.port}/ws/view`, { Origin: origin });
    expect((await socket.waitFor(1))[0]?.isComplete).toBe(true);
  });

  test('the trigger-mode override and disable go through only with the token', async () => {
    const { store, base, post, origin, answer } = await setup();
    const override = { manifest_names: ['web'], trigger_mode: 2 };
    expect(await answer(await post('/api/override/trigger_mode', override, {}))).toBe(
      '403 missing session token',
    );
    expect(store.get('UIResource', 'web')?.status?.triggerMode).toBe(0);
    const patch = (headers: Record<string, string>) =>
      fetch(`${base}/proxy/apis/tilt.dev/v1alpha1/configmaps/web-disable`, {
        method: 'PATCH',
        body: JSON.stringify({ data: { isDisabled: 'true' } }),
        headers: { 'Content-Type': 'application/merge-patch+json', ...headers },
      });
    expect(
      await answer(await patch({ Origin: 'http://evil.example', Cookie: 'Tilt-Token=run-token' })),
    ).toBe('403 cross-origin request forbidden');
    expect(store.get('ConfigMap', 'web-disable')?.data).toEqual({ isDisabled: 'false' });

    const ok = { Origin: origin, 'X-Tilt-Token': 'run-token' };
    expect(await answer(await post('/api/override/trigger_mode', override, ok))).toBe('200 ');
    expect(store.get('UIResource', 'web')?.status?.triggerMode).toBe(2);
    expect((await patch(ok)).status).toBe(200);
    expect(store.get('ConfigMap', 'web-disable')?.data).toEqual({ isDisabled: 'true' });
  });

  test("Tilt's answers for a trigger of an unknown resource and a bad trigger mode", async () => {
    const { post, origin, answer } = await setup();
    const ok = { Origin: origin, 'X-Tilt-Token': 'run-token' };
    expect(await answer(await post('/api/trigger', { manifest_names: ['nope'] }, ok))).toBe(
      '404 resource "nope" does not exist',
    );
    expect(await answer(await post('/api/trigger', { manifest_names: [] }, ok))).toBe(
      '400 /api/trigger currently supports exactly one manifest name, got 0',
    );
    const bad = { manifest_names: ['web'], trigger_mode: 7 };
    expect(await answer(await post('/api/override/trigger_mode', bad, ok))).toBe(
      '400 invalid trigger mode: 7',
    );
  });

  test('a request naming a non-loopback Host is refused (DNS rebinding)', async () => {
    const { server } = await setup();
    const { request } = await import('node:http');
    const res = await new Promise<{ status: number; text: string }>((resolve) => {
      request(
        {
          port: server.port,
          host: '127.0.0.1',
          path: '/api/view',
          headers: { Host: 'evil.example' },
        },
        (r) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += String(c)));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
        },
      ).end();
    });
    expect(`${res.status} ${res.text.trim()}`).toBe(
      '403 host "evil.example" is not allowed: Slant serves only loopback names',
    );
  });

  test('the REST API shares the port and still needs its bearer token', async () => {
    const { base } = await setup();
    const path = `${base}/apis/tilt.dev/v1alpha1/uiresources/web`;
    expect((await fetch(path, { headers: { Cookie: 'Tilt-Token=run-token' } })).status).toBe(401);
    const res = await fetch(path, { headers: { Authorization: 'Bearer api-token' } });
    expect(res.status).toBe(200);
  });

  test('the websocket refuses a foreign Origin and a missing token', async () => {
    const { server } = await setup();
    const url = `ws://127.0.0.1:${server.port}/ws/view`;
    expect(
      await refusal(url, { Origin: 'http://evil.example', Cookie: 'Tilt-Token=run-token' }),
    ).toBe('403 cross-origin request forbidden');
    expect(await refusal(url, { Origin: `http://127.0.0.1:${server.port}` })).toBe(
      '403 missing session token',
    );
  });

  test('the websocket sends the complete view, then updates, and resumes from a checkpoint', async () => {
    const { server, logs, store } = await setup();
    logs.write({ resource: 'web', spanId: 'cmd:web', text: 'one\ntwo\n' });
    const url = `ws://127.0.0.1:${server.port}/ws/view`;
    const headers = { Origin: `http://127.0.0.1:${server.port}`, Cookie: 'Tilt-Token=run-token' };
    const first = connect(url, headers);
    const [view] = await first.waitFor(1);
    expect(view?.isComplete).toBe(true);
    expect(view?.uiResources?.map((r) => r.metadata.name)).toEqual(['web']);
    expect(view?.logList?.segments?.map((s) => s.text)).toEqual(['one\n', 'two\n']);
    expect(view?.logList?.spans).toEqual({ 'cmd:web': { manifestName: 'web' } });
    expect([view?.logList?.fromCheckpoint, view?.logList?.toCheckpoint]).toEqual([0, 2]);

    logs.write({ resource: 'web', spanId: 'cmd:web', text: 'three\n', level: 'WARN' });
    store.delete('UIResource', 'web');
    const update = (await first.waitFor(2))[1];
    expect(update?.isComplete).toBeUndefined();
    expect(update?.logList?.segments).toEqual([
      {
        spanId: 'cmd:web',
        time: expect.any(String) as string,
        text: 'three\n',
        level: 'WARN',
        anchor: true,
      },
    ]);
    expect(update?.uiResources?.[0]?.metadata.deletionTimestamp).toEqual(expect.any(String));
    first.ws.close();

    logs.write({ resource: 'web', spanId: 'cmd:web', text: 'four\n' });
    const since = `?checkpoint=3&tiltStartTime=${encodeURIComponent(view?.tiltStartTime ?? '')}`;
    const [resumed] = await connect(`${url}${since}`, headers).waitFor(1);
    expect(resumed?.logList?.segments?.map((s) => s.text)).toEqual(['four\n']);
    expect(resumed?.uiResources).toEqual([]);
  });

  test('no CORS: a preflight from another origin gets no Access-Control header', async () => {
    const { base } = await setup();
    const res = await fetch(`${base}/api/trigger`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(403);
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  test('bound with --host 0.0.0.0 it serves any Host name, still only to its own Origin', async () => {
    const { server } = await setup('0.0.0.0');
    const { request } = await import('node:http');
    const call = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        request({ port: server.port, host: '127.0.0.1', path: '/api/view', headers }, (r) => {
          r.resume();
          r.on('end', () => resolve(String(r.statusCode)));
        }).end();
      });
    const host = `devbox.example:${server.port}`;
    expect(await call({ Host: host, Cookie: 'Tilt-Token=run-token' })).toBe('200');
    expect(
      await call({ Host: host, Origin: `http://${host}`, Cookie: 'Tilt-Token=run-token' }),
    ).toBe('200');
    expect(
      await call({ Host: host, Origin: 'http://evil.example', Cookie: 'Tilt-Token=run-token' }),
    ).toBe('403');
  });
});
