// The store as a kubectl-style REST API on loopback, for `slant get`, the web UI and tests:
//   GET    /apis/tilt.dev/v1alpha1/<plural>[?labelSelector=…][&watch=true]
//   POST   /apis/tilt.dev/v1alpha1/<plural>
//   GET | PUT | PATCH | DELETE  /apis/tilt.dev/v1alpha1/<plural>/<name>
//   GET | PUT | PATCH           /apis/tilt.dev/v1alpha1/<plural>/<name>/status
// (PATCH takes a JSON merge patch, `application/merge-patch+json` or the strategic form, or a
// JSON patch, `application/json-patch+json`.)
// Every request needs `Authorization: Bearer <token>`. Failures are Kubernetes Status bodies.
// Watches stream newline-delimited `{"type","object"}` events; existing objects come first as
// ADDED, or, with `resourceVersion=N` (as kubectl sends after a list), the events after N.
// kubectl works against it (discovery, get, -l, -o yaml, patch --type=merge, delete; checked by
// hand), but client-go sends no credentials over plain HTTP: a TLS listener is still to come. A slow watch client only grows its own socket buffer: the store never waits for it.
import {
  API_VERSION,
  type ApiObject,
  KIND_NAMES,
  KIND_PLURALS,
  type Kind,
  type ObjectList,
} from '@slant/api';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchesRequirements, parseLabelSelector, type Requirement } from '../labels.ts';
import { matchesFields, parseFieldSelector } from './field-selector.ts';
import type { ObjectStore } from '../store.ts';
import { applyPatch, patchKind } from './patch-types.ts';
import { streamWatch } from './watch-stream.ts';
import {
  badRequest,
  methodNotAllowed,
  pathNotFound,
  statusFromError,
  UNAUTHORIZED,
} from './status.ts';

export interface ApiServerOptions {
  store: ObjectStore;
  /** Defaults to 127.0.0.1: the API is for this machine only. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
  /** Extra authenticated routes (e.g. `/apis/slant.dev/logs`), tried in order; true = handled. */
  routes?: readonly ApiRoute[];
}

export type ApiRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

export interface ApiServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Ends open watches and stops listening. */
  close(): Promise<void>;
}

const PREFIX = '/apis/tilt.dev/v1alpha1';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const KIND_BY_PLURAL: ReadonlyMap<string, Kind> = new Map(
  KIND_NAMES.map((k) => [KIND_PLURALS[k], k]),
);

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function authorized(req: IncomingMessage, token: Buffer): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer (.+)$/.exec(header);
  if (m === null) return false;
  const given = Buffer.from(m[1]!);
  return given.length === token.length && timingSafeEqual(given, token);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw badRequest('request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    throw badRequest(`unable to decode the request body: ${(err as Error).message}`);
  }
}

/** The body as an object of `kind`, checked against the URL. */
function objectFromBody(body: unknown, kind: Kind, name: string | undefined): ApiObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('the request body must be a JSON object');
  }
  const obj = { apiVersion: API_VERSION, kind, ...body } as ApiObject;
  if (obj.kind !== kind) {
    throw badRequest(`the kind of the object (${obj.kind}) does not match the URL (${kind})`);
  }
  if (typeof obj.metadata !== 'object' || obj.metadata === null) {
    throw badRequest('metadata is required');
  }
  if (name !== undefined && obj.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  return obj;
}

/** What kubectl reads to learn the group before `kubectl get <plural>` (legacy discovery). */
function discoveryDoc(path: string): unknown {
  const version = { groupVersion: API_VERSION, version: 'v1alpha1' };
  if (path === '/api') return { kind: 'APIVersions', versions: [], serverAddressByClientCIDRs: [] };
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [{ name: 'tilt.dev', versions: [version], preferredVersion: version }],
    };
  }
  return undefined;
}

function pathParts(path: string): string[] {
  try {
    return path.split('/').map(decodeURIComponent);
  } catch {
    throw badRequest(`malformed URL path: ${path}`);
  }
}

function selectorOf(query: URLSearchParams): Requirement[] {
  const raw = query.get('labelSelector');
  if (raw === null || raw === '') return [];
  try {
    return parseLabelSelector(raw);
  } catch (err) {
    throw badRequest(`unable to parse labelSelector: ${(err as Error).message}`);
  }
}

/** The label and field selectors of a list or watch as one test; undefined when none is set. */
function matcherOf(query: URLSearchParams): ((o: ApiObject) => boolean) | undefined {
  const labels = selectorOf(query);
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
  if (labels.length === 0 && fields.length === 0) return undefined;
  return (o) => matchesRequirements(labels, o.metadata.labels) && matchesFields(fields, o);
}

export interface ApiHandler {
  readonly token: string;
  /** Serves one request (answers every failure with a Status body). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends open watches. */
  endWatches(): void;
}

/** Whether a request path belongs to the REST API (the web UI's server shares the port). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path === '/apis' || path.startsWith('/apis/');
}

/** The REST API as a request handler, for a server of its own or one shared with the web UI. */
export function createApiHandler(opts: {
  store: ObjectStore;
  token?: string;
  routes?: readonly ApiRoute[] | undefined;
}): ApiHandler {
  const { store } = opts;
  const token = opts.token ?? randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  const watches = new Set<() => void>();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req, tokenBytes)) {
      sendJson(res, 401, UNAUTHORIZED);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    for (const route of opts.routes ?? []) if (route(req, res, url)) return;
    const discovery = method === 'GET' ? discoveryDoc(url.pathname) : undefined;
    if (discovery !== undefined) {
      sendJson(res, 200, discovery);
      return;
    }
    if (url.pathname === PREFIX && method === 'GET') {
      sendJson(res, 200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: API_VERSION,
        resources: KIND_NAMES.flatMap((kind) => [
          {
            name: KIND_PLURALS[kind],
            namespaced: false,
            kind,
            verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
          },
          {
            name: `${KIND_PLURALS[kind]}/status`,
            namespaced: false,
            kind,
            verbs: ['get', 'patch', 'update'],
          },
        ]),
      });
      return;
    }
    if (!url.pathname.startsWith(`${PREFIX}/`)) throw pathNotFound();
    const parts = pathParts(url.pathname.slice(PREFIX.length + 1));
    const kind = KIND_BY_PLURAL.get(parts[0] ?? '');
    if (kind === undefined || parts.length > 3 || (parts.length === 3 && parts[2] !== 'status')) {
      throw pathNotFound();
    }
    const name = parts[1];
    if (name === undefined || name === '') {
      if (method === 'GET') {
        const matches = matcherOf(url.searchParams);
        if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') {
          streamWatch({
            store,
            res,
            kind,
            matches,
            since: url.searchParams.get('resourceVersion') ?? '',
            open: watches,
          });
          return;
        }
        const list: ObjectList<ApiObject> = {
          apiVersion: API_VERSION,
          kind: `${kind}List`,
          metadata: { resourceVersion: store.currentResourceVersion() },
          items: matches === undefined ? store.list(kind) : store.list(kind).filter(matches),
        };
        sendJson(res, 200, list);
      } else if (method === 'POST') {
        const obj = objectFromBody(await readBody(req), kind, undefined);
        sendJson(res, 201, store.create(obj));
      } else throw methodNotAllowed(method);
      return;
    }
    const isStatus = parts.length === 3;
    if (method === 'GET') sendJson(res, 200, store.getOrThrow(kind, name));
    else if (method === 'PUT') {
      const obj = objectFromBody(await readBody(req), kind, name);
      sendJson(res, 200, isStatus ? store.updateStatus(obj) : store.update(obj));
    } else if (method === 'PATCH') {
      const patchType = patchKind(req.headers['content-type'] ?? '');
      const patch = await readBody(req);
      // Read and write in one synchronous step: nothing can change the object in between.
      const current = store.getOrThrow(kind, name);
      const patched = applyPatch(current, patchType, patch);
      const obj = objectFromBody(patched, kind, name);
      sendJson(res, 200, isStatus ? store.updateStatus(obj) : store.update(obj));
    } else if (method === 'DELETE' && !isStatus) {
      sendJson(res, 200, store.delete(kind, name));
    } else throw methodNotAllowed(method);
  }

  return {
    token,
    handle(req, res) {
      serve(req, res).catch((err: unknown) => {
        const status = statusFromError(err);
        if (res.headersSent) res.end();
        else sendJson(res, status.code, status);
      });
    },
    endWatches() {
      for (const end of [...watches]) end();
    },
  };
}

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const api = createApiHandler(opts);
  const server = createServer((req, res) => api.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    token: api.token,
    close: () =>
      new Promise<void>((resolve) => {
        api.endWatches();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
