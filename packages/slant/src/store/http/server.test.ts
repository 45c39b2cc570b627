import type { Cmd } from '@slant/api';
import { afterEach, describe, expect, test } from 'vitest';
import { FakeClock } from '../../clock.ts';
import { configMap, newTestStore } from '../testing.ts';
import { type ApiServer, startApiServer } from './server.ts';

const BASE = '/apis/tilt.dev/v1alpha1';
const servers: ApiServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup() {
  const store = newTestStore();
  const server = await startApiServer({ store, token: 'secret' });
  servers.push(server);
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${BASE}${path}`, {
      ...init,
      headers: { Authorization: 'Bearer secret', 'Content-Type': 'application/json' },
    });
  const json = async (path: string, init: RequestInit = {}) => {
    const res = await call(path, init);
    return { code: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { store, server, call, json };
}

function cmd(name: string, args: string[]): Cmd {
  return { apiVersion: 'tilt.dev/v1alpha1', kind: 'Cmd', metadata: { name }, spec: { args } };
}

/** Reads newline-delimited JSON events until `n` have arrived. */
async function readEvents(res: Response, n: number): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: string[] = [];
  while (events.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let i: number;
    while ((i = text.indexOf('\n')) >= 0) {
      const e = JSON.parse(text.slice(0, i)) as { type: string; object: Cmd };
      events.push(`${e.type} ${e.object.metadata.name} ${JSON.stringify(e.object.spec.args)}`);
      text = text.slice(i + 1);
    }
  }
  await reader.cancel();
  return events;
}

describe('store HTTP API', () => {
  test('HTTP API listens on loopback with a generated token when none is given', async () => {
    const server = await startApiServer({ store: newTestStore() });
    servers.push(server);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  test('HTTP API rejects a missing or wrong bearer token with a 401 Status', async () => {
    const { server } = await setup();
    for (const headers of [{}, { Authorization: 'Bearer nope' }]) {
      const res = await fetch(`${server.url}${BASE}/cmds`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  test('HTTP API creates, gets, lists, updates and deletes objects', async () => {
    const { json, store } = await setup();
    const created = await json('/cmds', { method: 'POST', body: JSON.stringify(cmd('c', ['a'])) });
    expect(created.code).toBe(201);
    expect((await json('/cmds/c')).body).toEqual(store.get('Cmd', 'c'));
    const updated = await json('/cmds/c', { method: 'PUT', body: JSON.stringify(cmd('c', ['b'])) });
    expect([updated.code, store.get('Cmd', 'c')?.spec.args]).toEqual([200, ['b']]);
    const list = await json('/cmds');
    expect(list.body).toMatchObject({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'CmdList',
      metadata: { resourceVersion: '2' },
      items: [{ metadata: { name: 'c' } }],
    });
    const deleted = await json('/cmds/c', { method: 'DELETE' });
    expect([deleted.code, store.get('Cmd', 'c')]).toEqual([200, undefined]);
  });

  test('HTTP API writes status through the status subresource only', async () => {
    const { json, store } = await setup();
    store.create(cmd('c', ['a']));
    const body = JSON.stringify({ ...cmd('c', ['ignored']), status: { ready: true } });
    const res = await json('/cmds/c/status', { method: 'PUT', body });
    expect(res.code).toBe(200);
    expect([store.get('Cmd', 'c')?.spec.args, store.get('Cmd', 'c')?.status]).toEqual([
      ['a'],
      { ready: true },
    ]);
  });

  test('HTTP API filters lists by labelSelector', async () => {
    const { json, store } = await setup();
    store.create(configMap('a', {}, { labels: { app: 'web' } }));
    store.create(configMap('b', {}, { labels: { app: 'db' } }));
    const res = await json('/configmaps?labelSelector=app%3Dweb');
    expect(
      (res.body.items as { metadata: { name: string } }[]).map((o) => o.metadata.name),
    ).toEqual(['a']);
  });

  test('HTTP API filters lists by fieldSelector on metadata.name, with labels too', async () => {
    const { json, store } = await setup();
    store.create(configMap('a', {}, { labels: { app: 'web' } }));
    store.create(configMap('b', {}, { labels: { app: 'web' } }));
    store.create(configMap('c'));
    const names = async (q: string) =>
      ((await json(`/configmaps?${q}`)).body.items as { metadata: { name: string } }[]).map(
        (o) => o.metadata.name,
      );
    expect(await names('fieldSelector=metadata.name%3Db')).toEqual(['b']);
    expect(await names('fieldSelector=metadata.name!%3Db')).toEqual(['a', 'c']);
    expect(await names('fieldSelector=metadata.name!%3Da&labelSelector=app%3Dweb')).toEqual(['b']);
    expect(await names('fieldSelector=metadata.namespace%3D%2Cmetadata.name%3D%3Dc')).toEqual([
      'c',
    ]);
    const unsupported = await json('/configmaps?fieldSelector=spec.x%3D1');
    expect([unsupported.code, unsupported.body.message]).toEqual([
      400,
      'field label not supported: spec.x',
    ]);
    const malformed = await json('/configmaps?fieldSelector=metadata.name');
    expect([malformed.code, malformed.body.message]).toEqual([
      400,
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    ]);
  });

  test('HTTP API returns NotFound and Conflict as Kubernetes Status bodies', async () => {
    const { json, store } = await setup();
    expect(await json('/cmds/missing')).toEqual({
      code: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'cmds.tilt.dev "missing" not found',
        reason: 'NotFound',
        details: { name: 'missing', group: 'tilt.dev', kind: 'cmds' },
        code: 404,
      },
    });
    store.create(cmd('c', ['a']));
    const stale = { ...cmd('c', ['b']), metadata: { name: 'c', resourceVersion: '0' } };
    const res = await json('/cmds/c', { method: 'PUT', body: JSON.stringify(stale) });
    expect([res.code, res.body.reason, res.body.message]).toEqual([
      409,
      'Conflict',
      'Operation cannot be fulfilled on cmds.tilt.dev "c": the object has been modified; please apply your changes to the latest version and try again',
    ]);
  });

  test('HTTP API rejects bad requests and unknown paths', async () => {
    const { json } = await setup();
    const wrongName = await json('/cmds/x', { method: 'PUT', body: JSON.stringify(cmd('y', [])) });
    expect([wrongName.code, wrongName.body.message]).toEqual([
      400,
      'the name of the object (y) does not match the name on the URL (x)',
    ]);
    const badJson = await json('/cmds', { method: 'POST', body: '{' });
    expect([badJson.code, badJson.body.reason]).toEqual([400, 'BadRequest']);
    const badSelector = await json('/cmds?labelSelector=%3Dx');
    expect([badSelector.code, badSelector.body.message]).toEqual([
      400,
      'unable to parse labelSelector: unable to parse requirement: "=x"',
    ]);
    const badMethod = await json('/cmds', { method: 'DELETE' });
    expect([badMethod.code, badMethod.body.reason]).toEqual([405, 'MethodNotAllowed']);
    const unknown = await json('/widgets');
    expect([unknown.code, unknown.body.message]).toEqual([
      404,
      'the server could not find the requested resource',
    ]);
  });

  test('HTTP API watch streams existing objects, then writes, as JSON lines', async () => {
    const { call, store } = await setup();
    store.create(cmd('a', ['1']));
    const res = await call('/cmds?watch=true');
    expect(res.status).toBe(200);
    store.update(cmd('a', ['2']));
    store.create(configMap('not-a-cmd'));
    store.delete('Cmd', 'a');
    expect(await readEvents(res, 3)).toEqual([
      'ADDED a ["1"]',
      'MODIFIED a ["2"]',
      'DELETED a ["2"]',
    ]);
  });

  test('HTTP API close ends open watches', async () => {
    const { call, server } = await setup();
    const res = await call('/cmds?watch=true');
    await server.close();
    const reader = res.body!.getReader();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });

  test('HTTP API watch from a list resourceVersion replays only later writes', async () => {
    const { call, json, store } = await setup();
    store.create(cmd('a', ['1']));
    const list = await json('/cmds');
    const rv = (list.body.metadata as { resourceVersion: string }).resourceVersion;
    store.update(cmd('a', ['2']));
    const res = await call(`/cmds?watch=true&resourceVersion=${rv}`);
    store.create(cmd('b', ['3']));
    expect(await readEvents(res, 2)).toEqual(['MODIFIED a ["2"]', 'ADDED b ["3"]']);
  });

  test('HTTP API watch from an expired resourceVersion is 410 Expired', async () => {
    const { ObjectStore } = await import('../store.ts');
    const small = new ObjectStore({ clock: new FakeClock(), historySize: 2 });
    const server = await startApiServer({ store: small, token: 't' });
    servers.push(server);
    for (const n of ['a', 'b', 'c', 'd']) small.create(cmd(n, []));
    const res = await fetch(`${server.url}${BASE}/cmds?watch=true&resourceVersion=1`, {
      headers: { Authorization: 'Bearer t' },
    });
    expect([res.status, await res.json()]).toEqual([
      410,
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'too old resource version: 1 (2)',
        reason: 'Expired',
        code: 410,
      },
    ]);
  });

  test('HTTP API applies JSON merge, strategic and JSON patches to objects and to status', async () => {
    const { server, store } = await setup();
    store.create(configMap('a', { keep: '1', drop: '2' }));
    const patch = (path: string, body: unknown, type = 'application/merge-patch+json') =>
      fetch(`${server.url}${BASE}${path}`, {
        method: 'PATCH',
        headers: { Authorization: 'Bearer secret', 'Content-Type': type },
        body: JSON.stringify(body),
      });
    const res = await patch('/configmaps/a', { data: { drop: null, add: '3' } });
    expect([res.status, store.get('ConfigMap', 'a')?.data]).toEqual([200, { keep: '1', add: '3' }]);
    store.create(cmd('c', ['x']));
    await patch('/cmds/c/status', { status: { ready: true } });
    expect(store.get('Cmd', 'c')?.status).toEqual({ ready: true });
    // Tilt's types declare no patch strategies: a strategic merge patch merges as JSON's does.
    const strategic = await patch(
      '/configmaps/a',
      { data: { keep: null } },
      'application/strategic-merge-patch+json',
    );
    expect([strategic.status, store.get('ConfigMap', 'a')?.data]).toEqual([200, { add: '3' }]);
    const json = await patch(
      '/configmaps/a',
      [{ op: 'add', path: '/data/more', value: '4' }],
      'application/json-patch+json',
    );
    expect([json.status, store.get('ConfigMap', 'a')?.data]).toEqual([
      200,
      { add: '3', more: '4' },
    ]);
    const apply = await patch('/cmds/c', {}, 'application/apply-patch+yaml');
    expect([apply.status, ((await apply.json()) as { message: string }).message]).toEqual([
      415,
      'the patch type "application/apply-patch+yaml" is not supported',
    ]);
  });

  test('HTTP API serves the discovery documents kubectl reads', async () => {
    const { server } = await setup();
    const get = async (path: string) =>
      (await fetch(`${server.url}${path}`, { headers: { Authorization: 'Bearer secret' } })).json();
    const version = { groupVersion: 'tilt.dev/v1alpha1', version: 'v1alpha1' };
    expect(await get('/apis')).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [{ name: 'tilt.dev', versions: [version], preferredVersion: version }],
    });
    const resources = (await get(BASE)) as { resources: { name: string; kind: string }[] };
    expect(resources.resources.slice(0, 2)).toMatchObject([
      { name: 'tiltfiles', kind: 'Tiltfile' },
      { name: 'tiltfiles/status', kind: 'Tiltfile' },
    ]);
  });

  test('HTTP API watch with a fieldSelector sends only that object', async () => {
    const { call, store } = await setup();
    const res = await call('/cmds?watch=true&fieldSelector=metadata.name%3Db');
    store.create(cmd('a', ['x']));
    store.create(cmd('b', ['y']));
    store.delete('Cmd', 'b');
    expect(await readEvents(res, 2)).toEqual(['ADDED b ["y"]', 'DELETED b ["y"]']);
  });

  test('HTTP API watch with a selector reports objects entering and leaving it', async () => {
    const { call, store } = await setup();
    const labelled = (name: string, app: string): Cmd => ({
      ...cmd(name, [app]),
      metadata: { name, labels: { app } },
    });
    const res = await call('/cmds?watch=true&labelSelector=app%3Dweb');
    store.create(labelled('a', 'db'));
    store.update(labelled('a', 'web'));
    store.update(labelled('a', 'db'));
    store.create(labelled('b', 'web'));
    store.delete('Cmd', 'b');
    expect(await readEvents(res, 4)).toEqual([
      'ADDED a ["web"]',
      'DELETED a ["db"]',
      'ADDED b ["web"]',
      'DELETED b ["web"]',
    ]);
  });
});
