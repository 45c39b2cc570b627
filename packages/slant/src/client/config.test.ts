import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../errors.ts';
import { writeApiConfig } from '../store/http/client-config.ts';
import { ApiClient } from './api-client.ts';
import { endpointOnHost, readApiEndpoint } from './config.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'slant-client-'));
  dirs.push(d);
  return d;
}

/** A loopback port that was free a moment ago: nothing listens there. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('readApiEndpoint', () => {
  it('finds the context the session wrote for its port', () => {
    const h = home();
    writeApiConfig(h, 10350, 'tok-a');
    writeApiConfig(h, 12000, 'tok-b');
    expect(readApiEndpoint(h, 10350)).toEqual({
      server: 'http://127.0.0.1:10350',
      token: 'tok-a',
      port: 10350,
    });
    expect(readApiEndpoint(h, 12000).token).toBe('tok-b');
  });

  it('says in one line how to start a session when none was started on the port', () => {
    const h = home();
    expect(() => readApiEndpoint(h, 10350)).toThrow(
      new UserError(
        'no-session',
        'No Slant session is running on port 10350: start one with "slant up"',
      ),
    );
    writeApiConfig(h, 10350, 'tok');
    const err = (() => {
      try {
        readApiEndpoint(h, 10999);
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(err?.message).toBe(
      'No Slant session is running on port 10999: start one with "slant up --port 10999"',
    );
    expect(err?.hint).toBeUndefined();
  });

  it('a session that has gone away (connection refused) gives the same error', async () => {
    const port = await closedPort();
    const client = new ApiClient({ server: `http://127.0.0.1:${port}`, token: 'x', port });
    await expect(client.list('UIResource')).rejects.toThrow(
      `No Slant session is running on port ${port}: start one with "slant up --port ${port}"`,
    );
  });

  it('--host points the client at the interface the session was bound to', () => {
    const ep = { server: 'http://127.0.0.1:10350', token: 't', port: 10350 };
    expect(endpointOnHost(ep, 'localhost')).toBe(ep);
    expect(endpointOnHost(ep, '0.0.0.0')).toBe(ep);
    expect(endpointOnHost(ep, '192.168.1.5').server).toBe('http://192.168.1.5:10350');
    expect(endpointOnHost(ep, '::1').server).toBe('http://[::1]:10350');
  });
});
