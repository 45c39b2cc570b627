// `slant ci` with local resources only: it waits for the serve_cmd's readiness probe and the
// commands that depend on it, exits 0 when everything is up, and leaves no serve_cmd behind.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot } from '@slant/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SlantProcess } from '../three-service/slant-cli.ts';
import { alive, freePorts } from './session.ts';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slant-local-ci-'));
  await cp(join(import.meta.dirname, 'ci-app'), dir, { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('slant ci with local resources', () => {
  test('waits for the probe and the dependent, exits 0, stops the server, writes the snapshot', async () => {
    const [port, serverPort] = await freePorts(2);
    const ci = new SlantProcess(
      ['ci', '--port', String(port), '--output-snapshot-on-exit', 'snap.json'],
      {
        cwd: dir,
        env: { SLANT_HOME: join(dir, '.slant-home'), SERVER_PORT: String(serverPort) },
      },
    );
    expect(await ci.exitWithin(120_000), ci.output).toBe(0);
    const out = ci.output;
    expect(out).toMatch(/migrate │ migrated against <!DOCTYPE HTML>\n/);
    expect(out).toMatch(/unit-tests │ tests passed\n/);
    expect(out).toMatch(/\nSUCCESS\. All workloads are healthy\.\n$/);
    // The dependent ran only after the server was ready.
    expect(out.indexOf('migrate │ Initial Build')).toBeGreaterThan(
      out.indexOf('server │ [readiness probe: success]'),
    );
    const pid = Number(out.match(/server │ server pid (\d+)\n/)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);

    // --output-snapshot-on-exit: the final view and logs, as the offline viewer reads them.
    const snap = JSON.parse(await readFile(join(dir, 'snap.json'), 'utf8')) as Snapshot;
    const byName = new Map(snap.view?.uiResources?.map((r) => [r.metadata.name, r]));
    expect([...byName.keys()].sort()).toEqual(['(Tiltfile)', 'migrate', 'server', 'unit-tests']);
    expect(byName.get('unit-tests')?.status?.updateStatus).toBe('ok');
    const text = snap.view?.logList?.segments?.map((s) => s.text).join('') ?? '';
    expect(text).toContain('tests passed');
  });
});
