// Raw HTTPS requests to the API server, authenticated from the kubeconfig by
// @kubernetes/client-node, and the discovery of resource paths (kind → plural, namespaced).
// Raw JSON rather than client-node's typed models: those turn timestamps into Dates and drop
// fields they don't know, and the applied objects must come back exactly as the server sent them.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from './client-node-lib.ts';
import { KubeError, type KubeObjectRef } from './client.ts';

export interface HttpRequest {
  readonly method: 'GET' | 'PATCH' | 'DELETE' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly contentType?: string;
  readonly signal?: AbortSignal | undefined;
}

export interface ApiResourceInfo {
  /** The plural resource name used in paths, e.g. `deployments`. */
  readonly name: string;
  readonly namespaced: boolean;
}

/** The server's Status message for a failed response, or the HTTP status line. */
function errorFrom(status: number, body: string): KubeError {
  try {
    const parsed = JSON.parse(body) as { kind?: string; message?: string; reason?: string };
    if (parsed.kind === 'Status' && typeof parsed.message === 'string') {
      return new KubeError(parsed.message, status, parsed.reason ?? '');
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  const text = body.trim();
  return new KubeError(
    text === '' ? `the server responded with the status code ${status}` : text,
    status,
  );
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of res) chunks.push(chunk as Buffer);
  } catch (err) {
    throw new KubeError((err as Error).message, 0);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class KubeHttp {
  private readonly server: URL;
  private readonly baseOptions: RequestOptions;
  private readonly kc: KubeConfig;
  private readonly resources = new Map<string, Map<string, ApiResourceInfo>>();

  private constructor(kc: KubeConfig, server: URL, baseOptions: RequestOptions) {
    this.kc = kc;
    this.server = server;
    this.baseOptions = baseOptions;
  }

  static async create(kc: KubeConfig): Promise<KubeHttp> {
    const cluster = kc.getCurrentCluster();
    if (cluster === null) throw new Error('no cluster in the current kubeconfig context');
    const opts: RequestOptions & { agent?: unknown } = {};
    await kc.applyToHTTPSOptions(opts);
    // client-node puts its own cached https.Agent here; these requests keep one of their own.
    delete opts.agent;
    const tls = {
      ...(opts.ca === undefined ? {} : { ca: opts.ca }),
      ...(opts.cert === undefined ? {} : { cert: opts.cert }),
      ...(opts.key === undefined ? {} : { key: opts.key }),
      ...(opts.rejectUnauthorized === undefined
        ? {}
        : { rejectUnauthorized: opts.rejectUnauthorized }),
      ...(opts.servername === undefined ? {} : { servername: opts.servername }),
    };
    const base: RequestOptions = { ...tls, agent: new Agent({ ...tls, keepAlive: true }) };
    return new KubeHttp(kc, new URL(cluster.server), base);
  }

  /** Opens a request; resolves with the response once its headers arrive. */
  async open(req: HttpRequest): Promise<IncomingMessage> {
    // Token-based users (exec plugins, OIDC) may refresh the header between requests.
    const auth: RequestOptions = {};
    await this.kc.applyToHTTPSOptions(auth);
    const url = new URL(req.path, this.server);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {
      ...(auth.headers as Record<string, string> | undefined),
      Accept: 'application/json',
    };
    if (req.contentType !== undefined) headers['Content-Type'] = req.contentType;
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise((resolve, reject) => {
      const r = send(url, {
        ...this.baseOptions,
        method: req.method,
        headers,
        ...(req.signal === undefined ? {} : { signal: req.signal }),
      });
      r.on('response', resolve);
      r.on('error', (err) => reject(new KubeError(err.message, 0)));
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }

  /** A whole request; rejects with a KubeError for non-2xx responses. */
  async send(req: HttpRequest): Promise<string> {
    const res = await this.open(req);
    const body = await readBody(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) throw errorFrom(status, body);
    return body;
  }

  /** A streamed response (e.g. a followed log) once its headers say 2xx; else a KubeError. */
  async stream(req: HttpRequest): Promise<IncomingMessage> {
    const res = await this.open(req);
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) throw errorFrom(status, await readBody(res));
    return res;
  }

  async json<T>(req: HttpRequest): Promise<T> {
    return JSON.parse(await this.send(req)) as T;
  }

  /** The resource for a kind; refetched once when unknown, since a CRD may just have been applied. */
  async resource(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ApiResourceInfo> {
    for (const refresh of [false, true]) {
      let byKind = this.resources.get(apiVersion);
      if (byKind === undefined || refresh) {
        byKind = await this.fetchResources(apiVersion, signal);
        this.resources.set(apiVersion, byKind);
      }
      const info = byKind.get(kind);
      if (info !== undefined) return info;
    }
    throw new KubeError(
      `no matches for kind "${kind}" in version "${apiVersion}"`,
      404,
      'NotFound',
    );
  }

  private async fetchResources(apiVersion: string, signal?: AbortSignal) {
    const byKind = new Map<string, ApiResourceInfo>();
    try {
      const list = await this.json<{
        resources?: { name: string; kind: string; namespaced: boolean }[];
      }>({ method: 'GET', path: groupVersionPath(apiVersion), signal });
      for (const r of list.resources ?? []) {
        if (!r.name.includes('/')) byKind.set(r.kind, { name: r.name, namespaced: r.namespaced });
      }
    } catch (err) {
      if (!(err instanceof KubeError && err.code === 404)) throw err;
    }
    return byKind;
  }

  /** The path of an object, or of its collection when `name` is empty. */
  async pathOf(
    ref: KubeObjectRef,
    defaultNamespace: string,
    signal?: AbortSignal,
  ): Promise<string> {
    const info = await this.resource(ref.apiVersion, ref.kind, signal);
    const ns = info.namespaced ? ref.namespace || defaultNamespace : '';
    return (
      collectionPath(ref.apiVersion, info.name, ns) +
      (ref.name === '' ? '' : `/${encodeURIComponent(ref.name)}`)
    );
  }
}

export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export function collectionPath(apiVersion: string, plural: string, namespace: string): string {
  const ns = namespace === '' ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${groupVersionPath(apiVersion)}${ns}/${plural}`;
}
