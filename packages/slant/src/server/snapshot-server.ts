// `slant snapshot view FILE`: a small read-only server for one snapshot file, as Tilt's
// `tilt snapshot view` serves one: the web app at /snapshot/local, the file at
// /api/snapshot/local. Nothing of a session is reachable here: no API, no websocket, no actions.
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../errors.ts';
import { serveAsset } from './assets.ts';
import { checkOrigin } from './guard.ts';

/** The page of the served snapshot, and the path the web app reads the file from. */
export const SNAPSHOT_PAGE = '/snapshot/local';
export const SNAPSHOT_DATA = '/api/snapshot/local';

export interface SnapshotServerOptions {
  /** The snapshot file's text (JSON with a `view`). */
  readonly snapshot: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The built web app. */
  readonly assetsDir: string;
}

export interface SnapshotServer {
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

/**
 * Checks that the text is a snapshot before serving it: a wrong file is said at the command
 * line, not as a blank page in the browser.
 */
export function checkSnapshot(text: string, source: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UserError(
      'bad-snapshot',
      `reading snapshot ${source}: ${(err as Error).message}`,
      'Pass a file written by "slant snapshot create", the web UI\'s Snapshot button or --output-snapshot-on-exit.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || !('view' in parsed)) {
    throw new UserError(
      'bad-snapshot',
      `reading snapshot ${source}: not a snapshot file: it has no "view"`,
      'Pass a file written by "slant snapshot create", the web UI\'s Snapshot button or --output-snapshot-on-exit.',
    );
  }
}

export async function startSnapshotServer(opts: SnapshotServerOptions): Promise<SnapshotServer> {
  // The app sends the cookie back on its requests; this server needs none, but serveAsset sets
  // one on every page, so it gets a value that means nothing elsewhere.
  const cookie = `slant-snapshot=${randomBytes(8).toString('hex')}; Path=/; SameSite=Strict`;
  const loopbackOnly = LOOPBACK.has(opts.host);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refused = checkOrigin(req, loopbackOnly);
    if (refused !== undefined) return sendText(res, refused.code, refused.message);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'method not allowed');
    }
    if (path === SNAPSHOT_DATA) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(opts.snapshot);
    } else if (path === '/' || path === '/overview') {
      res.writeHead(302, { Location: SNAPSHOT_PAGE });
      res.end();
    } else if (path.startsWith('/api/') || path.startsWith('/ws/') || path.startsWith('/proxy/')) {
      sendText(res, 404, '404 page not found');
    } else {
      serveAsset(res, opts.assetsDir, path, cookie).catch(() => sendText(res, 500, 'error'));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host === 'localhost' ? '127.0.0.1' : opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
