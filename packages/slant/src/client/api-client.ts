// A small client of the session's REST API (store/http/server.ts): what every client command
// uses. Failures come back as ApiError with the server's Kubernetes Status, so commands print
// kubectl's texts; a refused connection is the one-line "no running session" error.
import { type ApiObject, KIND_PLURALS, type Kind, type ObjectList } from '@slant/api';
import type { ApiEndpoint } from './config.ts';
import { noSessionError } from './config.ts';

const PREFIX = '/apis/tilt.dev/v1alpha1';

export interface StatusBody {
  readonly kind?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
}

/** A failed request; `message` is kubectl's `Error from server (<Reason>): <message>`. */
export class ApiError extends Error {
  readonly status: StatusBody;
  readonly code: number;

  constructor(code: number, status: StatusBody) {
    super(`Error from server (${status.reason ?? 'Unknown'}): ${status.message ?? ''}`);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }

  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** kubectl's `patch --type`. */
export type PatchType = 'json' | 'merge' | 'strategic';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR';
  readonly object: ApiObject;
}

function refused(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH') return true;
  }
  return false;
}

export class ApiClient {
  private resolved: ApiEndpoint | undefined;
  private readonly lookup: () => ApiEndpoint;

  /**
   * `endpoint` may be a function, read at the first request: a command then checks its own
   * arguments before saying that no session is running.
   */
  constructor(endpoint: ApiEndpoint | (() => ApiEndpoint)) {
    this.lookup = typeof endpoint === 'function' ? endpoint : () => endpoint;
  }

  get endpoint(): ApiEndpoint {
    this.resolved ??= this.lookup();
    return this.resolved;
  }

  /** A raw authenticated request to a path of the session's server. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const { token, server } = this.endpoint;
    headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(`${server}${path}`, { ...init, headers });
    } catch (err) {
      if (refused(err)) throw noSessionError(this.endpoint.port);
      throw err;
    }
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.request(path, init);
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text, reason: res.statusText };
    }
    if (!res.ok) throw new ApiError(res.status, body as StatusBody);
    return body as T;
  }

  private static path(kind: Kind, name?: string, sub?: string): string {
    let p = `${PREFIX}/${KIND_PLURALS[kind]}`;
    if (name !== undefined) p += `/${encodeURIComponent(name)}`;
    if (sub !== undefined) p += `/${sub}`;
    return p;
  }

  get<T extends ApiObject = ApiObject>(kind: Kind, name: string): Promise<T> {
    return this.json<T>(ApiClient.path(kind, name));
  }

  /** The object, or undefined when it doesn't exist. */
  async find<T extends ApiObject = ApiObject>(kind: Kind, name: string): Promise<T | undefined> {
    try {
      return await this.get<T>(kind, name);
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return undefined;
      throw err;
    }
  }

  async list<T extends ApiObject = ApiObject>(
    kind: Kind,
    labelSelector = '',
    fieldSelector = '',
  ): Promise<ObjectList<T>> {
    const q = new URLSearchParams();
    if (labelSelector !== '') q.set('labelSelector', labelSelector);
    if (fieldSelector !== '') q.set('fieldSelector', fieldSelector);
    const query = q.size === 0 ? '' : `?${q}`;
    return this.json<ObjectList<T>>(`${ApiClient.path(kind)}${query}`);
  }

  create<T extends ApiObject>(obj: T): Promise<T> {
    return this.json<T>(ApiClient.path(obj.kind), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(obj),
    });
  }

  /** PUT; fails with Conflict when metadata.resourceVersion is set and stale. */
  update<T extends ApiObject>(obj: T): Promise<T> {
    return this.json<T>(ApiClient.path(obj.kind, obj.metadata.name), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(obj),
    });
  }

  /** A JSON merge patch of the object (or of its status subresource). */
  patch<T extends ApiObject = ApiObject>(
    kind: Kind,
    name: string,
    patch: unknown,
    subresource?: 'status',
    type: PatchType = 'merge',
  ): Promise<T> {
    return this.json<T>(ApiClient.path(kind, name, subresource), {
      method: 'PATCH',
      headers: { 'content-type': PATCH_CONTENT_TYPES[type] },
      body: JSON.stringify(patch),
    });
  }

  delete(kind: Kind, name: string): Promise<ApiObject> {
    return this.json<ApiObject>(ApiClient.path(kind, name), { method: 'DELETE' });
  }

  /**
   * Watch events of `kind` (existing objects first, as ADDED; or the events after
   * `resourceVersion`) until `signal` aborts or the session ends.
   */
  async *watch(
    kind: Kind,
    opts: {
      labelSelector?: string;
      fieldSelector?: string;
      resourceVersion?: string;
      signal?: AbortSignal;
    } = {},
  ): AsyncGenerator<WatchEvent> {
    const { labelSelector = '', fieldSelector = '', resourceVersion = '', signal } = opts;
    const q = new URLSearchParams({ watch: 'true' });
    if (labelSelector !== '') q.set('labelSelector', labelSelector);
    if (fieldSelector !== '') q.set('fieldSelector', fieldSelector);
    if (resourceVersion !== '') q.set('resourceVersion', resourceVersion);
    const res = await this.request(`${ApiClient.path(kind)}?${q}`, signal ? { signal } : {});
    if (!res.ok) throw new ApiError(res.status, (await res.json()) as StatusBody);
    for await (const line of ndjsonLines(res, signal)) yield JSON.parse(line) as WatchEvent;
  }
}

/** The lines of a newline-delimited response body; ends quietly when `signal` aborts. */
export async function* ndjsonLines(res: Response, signal?: AbortSignal): AsyncGenerator<string> {
  if (res.body === null) return;
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk as Uint8Array, { stream: true });
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim() !== '') yield line;
        nl = buf.indexOf('\n');
      }
    }
  } catch (err) {
    if (signal?.aborted === true) return;
    // The session going away mid-stream ends the stream, as kubectl's watch does.
    if (refused(err) || (err as Error).name === 'TypeError') return;
    throw err;
  }
  if (buf.trim() !== '') yield buf;
}
