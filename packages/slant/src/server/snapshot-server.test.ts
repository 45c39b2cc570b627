import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { UserError } from '../errors.ts';
import {
  checkSnapshot,
  SNAPSHOT_DATA,
  type SnapshotServer,
  startSnapshotServer,
} from './snapshot-server.ts';

const servers: SnapshotServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const SNAPSHOT = JSON.stringify({ view: { uiResources: [] }, path: '/', createdAt: 'x' });

async function serve(): Promise<string> {
  const assetsDir = mkdtempSync(join(tmpdir(), 'slant-snapview-'));
  writeFileSync(join(assetsDir, 'index.html'), '<!doctype html><title>Slant</title>');
  const server = await startSnapshotServer({
    snapshot: SNAPSHOT,
    host: 'localhost',
    port: 0,
    assetsDir,
  });
  servers.push(server);
  return `http://127.0.0.1:${server.port}`;
}

describe('the snapshot view server', () => {
  test('serves the file at /api/snapshot/local and the app on its page paths', async () => {
    const base = await serve();
    const data = await fetch(`${base}${SNAPSHOT_DATA}`);
    expect(data.status).toBe(200);
    expect(await data.text()).toBe(SNAPSHOT);
    const page = await fetch(`${base}/snapshot/local/r/web/overview`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Slant</title>');
  });

  test('the root redirects to the snapshot page', async () => {
    const base = await serve();
    const res = await fetch(`${base}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/snapshot/local');
  });

  test('nothing of a session is there: other API paths are 404, writes are refused', async () => {
    const base = await serve();
    const view = await fetch(`${base}/api/view`);
    expect([view.status, (await view.text()).trim()]).toEqual([404, '404 page not found']);
    const write = await fetch(`${base}${SNAPSHOT_DATA}`, { method: 'POST', body: '{}' });
    expect([write.status, (await write.text()).trim()]).toEqual([405, 'method not allowed']);
  });

  test('a page from another origin is refused', async () => {
    const base = await serve();
    const res = await fetch(`${base}${SNAPSHOT_DATA}`, {
      headers: { origin: 'http://evil.example' },
    });
    expect([res.status, (await res.text()).trim()]).toEqual([
      403,
      'cross-origin request forbidden',
    ]);
  });
});

describe('checkSnapshot', () => {
  test('accepts a file with a view', () => {
    expect(() => checkSnapshot(SNAPSHOT, 's.json')).not.toThrow();
  });

  test('says which file is not JSON, or not a snapshot', () => {
    const notJson = () => checkSnapshot('nope', 's.json');
    expect(notJson).toThrow(UserError);
    expect(notJson).toThrow(/^reading snapshot s\.json: Unexpected token/);
    expect(() => checkSnapshot('{"a":1}', 'a.json')).toThrow(
      'reading snapshot a.json: not a snapshot file: it has no "view"',
    );
  });
});
