// The server `slant up` listens with (127.0.0.1:10350 by default): the web app, its websocket
// view stream and actions, the object API for the app's writes (`/proxy/apis/…`, as Tilt's UI
// does), and, on the same port, the kubectl-style REST API with its bearer token (`/apis/…`).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Clock } from '../clock.ts';
import type { ObjectStore } from '../store/store.ts';
import { logsRoute } from '../logs/http-route.ts';
import type { LogStore } from '../logs/log-store.ts';
import { createApiHandler, isApiPath } from '../store/http/server.ts';
import { overrideTriggerMode, trigger } from './actions.ts';
import { serveAsset } from './assets.ts';
import { checkOrigin, checkToken, type Refusal, TOKEN_COOKIE } from './guard.ts';
import { completeView, type ViewSource } from './view.ts';
import { ViewStream } from './view-stream.ts';

export interface WebServerOptions {
  readonly store: ObjectStore;
  readonly logs: LogStore;
  readonly clock: Clock;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The built web app; a missing directory serves a page saying how to build it. */
  readonly assetsDir: string;
  readonly version: string;
  readonly tiltfileKey: string;
  /** The web token; a fresh random one by default. */
  readonly token?: string;
  /** The REST API's bearer token; a fresh random one by default. */
  readonly apiToken?: string;
  /**
   * `TILT_DISABLE_HUD_AUTH=1`: the web app's calls and websocket go without the run token, for
   * deployments that authenticate at a reverse proxy. The REST API keeps its bearer token.
   */
  readonly disableAuth?: boolean;
}

export interface WebServer {
  readonly port: number;
  readonly token: string;
  readonly apiToken: string;
  close(): Promise<void>;
}

const MAX_ACTION_BODY = 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text === '' ? '' : `${text}\n`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_ACTION_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const api = createApiHandler({
    store: opts.store,
    // `slant logs` reads the log store with the REST API's bearer token.
    routes: [logsRoute(opts.logs)],
    ...(opts.apiToken === undefined ? {} : { token: opts.apiToken }),
  });
  const loopbackOnly = LOOPBACK.has(opts.host);
  const source: ViewSource = {
    store: opts.store,
    logs: opts.logs,
    startTime: `${opts.clock.now().toISOString().slice(0, 23)}000Z`,
    version: opts.version,
    tiltfileKey: opts.tiltfileKey,
  };
  const cookie = `${TOKEN_COOKIE}=${token}; Path=/; SameSite=Strict`;
  const streams = new Set<ViewStream>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  async function action(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 400, 'must be POST request');
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (err) {
      return sendText(res, 400, `error parsing JSON payload: ${(err as Error).message}`);
    }
    const r =
      path === '/api/trigger' ? trigger(opts.store, body) : overrideTriggerMode(opts.store, body);
    sendText(res, r.code, r.message);
  }

  const tokenRefusal = (req: IncomingMessage): Refusal | undefined =>
    opts.disableAuth === true ? undefined : checkToken(req, token);

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (isApiPath(path)) return api.handle(req, res);
    const refused: Refusal | undefined =
      checkOrigin(req, loopbackOnly) ??
      (path.startsWith('/api/') || path.startsWith('/proxy/') ? tokenRefusal(req) : undefined);
    if (refused !== undefined) return sendText(res, refused.code, refused.message);
    if (path === '/api/view') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(completeView(source)));
    } else if (path === '/api/websocket_token') {
      sendText(res, 200, token);
    } else if (path === '/api/trigger' || path === '/api/override/trigger_mode') {
      await action(req, res, path);
    } else if (path.startsWith('/proxy/apis/')) {
      // The app's object writes (button clicks, enable/disable) with the API's own credentials.
      req.url = `${path.slice('/proxy'.length)}${url.search}`;
      req.headers.authorization = `Bearer ${api.token}`;
      api.handle(req, res);
    } else if (path.startsWith('/api/')) {
      sendText(res, 404, '404 page not found');
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      await serveAsset(res, opts.assetsDir, path, cookie);
    } else sendText(res, 405, 'method not allowed');
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused: Refusal | undefined =
      url.pathname === '/ws/view'
        ? (checkOrigin(req, loopbackOnly) ?? tokenRefusal(req))
        : { code: 404, message: '404 page not found' };
    if (refused !== undefined) {
      const reason = refused.code === 404 ? 'Not Found' : 'Forbidden';
      socket.end(
        `HTTP/1.1 ${refused.code} ${reason}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refused.message}\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A client of this run resumes after the checkpoint it holds; any other starts over.
      const sameRun = url.searchParams.get('tiltStartTime') === source.startTime;
      const checkpoint = sameRun ? Number(url.searchParams.get('checkpoint') ?? '0') : 0;
      const stream = new ViewStream({
        source,
        clock: opts.clock,
        sink: { send: (t) => ws.send(t), bufferedAmount: () => ws.bufferedAmount },
        fromCheckpoint: Number.isInteger(checkpoint) && checkpoint > 0 ? checkpoint : 0,
      });
      streams.add(stream);
      ws.on('close', () => {
        stream.close();
        streams.delete(stream);
      });
      stream.start();
    });
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (res.headersSent) res.end();
      else sendText(res, 500, (err as Error).message);
    });
  });
  server.on('upgrade', upgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    token,
    apiToken: api.token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.close();
        for (const ws of wss.clients) ws.terminate();
        api.endWatches();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
