import { afterEach, describe, expect, it } from 'vitest';
import { streamLogs } from './logs.ts';
import { startTestSession, type TestSession, uiResource } from './testing.ts';

let session: TestSession | undefined;
afterEach(async () => {
  await session?.server.close();
  session = undefined;
});

const ALL = { resources: [] as string[], source: 'all' as const };

async function read(
  s: TestSession,
  opts: Partial<Parameters<typeof streamLogs>[1]> = {},
): Promise<string> {
  let out = '';
  await streamLogs(s.client, {
    filter: ALL,
    tail: -1,
    json: false,
    follow: false,
    write: (t) => {
      out += t;
    },
    ...opts,
  });
  return out;
}

describe('streamLogs', () => {
  it('prints every line with its resource prefix; one resource without it', async () => {
    const s = (session = await startTestSession());
    s.store.create(uiResource('web'));
    s.store.create(uiResource('db'));
    s.logs.write({ resource: '', spanId: 'tiltfile:1', text: 'Loading Tiltfile\n' });
    s.logs.write({ resource: 'web', spanId: 'build:web:1', text: 'building\n' });
    s.logs.write({ resource: 'db', spanId: 'cmd:db:serve', text: 'ready\n', level: 'WARN' });
    expect(await read(s)).toBe(
      'Loading Tiltfile\n          web │ building\n           db │ WARNING: ready\n',
    );
    expect(await read(s, { filter: { ...ALL, resources: ['web'] } })).toBe('building\n');
    expect(await read(s, { filter: { ...ALL, level: 'WARN' } })).toBe(
      '           db │ WARNING: ready\n',
    );
    expect(await read(s, { filter: { ...ALL, source: 'runtime' }, tail: 1 })).toBe(
      '           db │ WARNING: ready\n',
    );
  });

  it('rejects an unknown resource, listing the close matches', async () => {
    const s = (session = await startTestSession());
    s.store.create(uiResource('web'));
    await expect(read(s, { filter: { ...ALL, resources: ['wbe'] } })).rejects.toThrow(
      'no such resource "wbe"',
    );
  });

  it('follows: new lines arrive as they complete, after the history', async () => {
    const s = (session = await startTestSession());
    s.logs.write({ resource: 'web', spanId: 'build:web:1', text: 'one\n' });
    const abort = new AbortController();
    let out = '';
    const done = streamLogs(s.client, {
      filter: ALL,
      tail: -1,
      json: false,
      follow: true,
      signal: abort.signal,
      write: (t) => {
        out += t;
        if (out.includes('three')) abort.abort();
      },
    });
    await new Promise((r) => setTimeout(r, 100));
    s.logs.write({ resource: 'web', spanId: 'build:web:1', text: 'two\nthr' });
    s.logs.write({ resource: 'web', spanId: 'build:web:1', text: 'ee\n' });
    await done;
    expect(out).toBe('          web │ one\n          web │ two\n          web │ three\n');
  });
});
