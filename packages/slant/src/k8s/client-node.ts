// The real KubeClient: a kubeconfig context, raw JSON over HTTPS (client-node-http.ts).
import { KubeConfig } from './client-node-lib.ts';
import {
  isNotFound,
  type KubeClient,
  type KubeContextInfo,
  KubeError,
  type KubeHealth,
  type KubeListQuery,
  type KubeObjectRef,
  type KubeWatch,
  type KubeWatchEvent,
  type KubeWatchOptions,
} from './client.ts';
import { KubeHttp } from './client-node-http.ts';
import { startWatch } from './client-node-watch.ts';
import {
  DEFAULT_NAMESPACE,
  entityApiVersion,
  entityKind,
  entityName,
  entityNamespaceRaw,
  type K8sEntity,
} from './entity.ts';

export interface NodeKubeClientOptions {
  readonly kubeconfigPath: string;
  /** The context to use; the kubeconfig's current context when absent. */
  readonly context?: string;
  /** Overrides the context's namespace. */
  readonly namespace?: string;
}

const FIELD_MANAGER = 'tilt';
const DELETE_POLL_MS = 250;

/** Loads the kubeconfig; rejects (with client-go's texts where it has them) when it is unusable. */
export async function createNodeKubeClient(opts: NodeKubeClientOptions): Promise<KubeClient> {
  const kc = new KubeConfig();
  kc.loadFromFile(opts.kubeconfigPath);
  if (opts.context !== undefined && opts.context !== '') {
    if (kc.getContextObject(opts.context) === null) {
      throw new Error(`context "${opts.context}" does not exist`);
    }
    kc.setCurrentContext(opts.context);
  }
  const name = kc.getCurrentContext();
  const ctx = kc.getContextObject(name);
  if (ctx === null) throw new Error(`Kubernetes context not set in ${opts.kubeconfigPath}`);
  const cluster = kc.getCurrentCluster();
  const info: KubeContextInfo = {
    context: name,
    cluster: ctx.cluster,
    namespace: opts.namespace || ctx.namespace || DEFAULT_NAMESPACE,
    server: cluster?.server ?? '',
    configPath: opts.kubeconfigPath,
  };
  return new NodeKubeClient(info, await KubeHttp.create(kc));
}

function refOf(e: K8sEntity): KubeObjectRef {
  return {
    apiVersion: entityApiVersion(e),
    kind: entityKind(e),
    name: entityName(e),
    namespace: entityNamespaceRaw(e),
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

export class NodeKubeClient implements KubeClient {
  readonly contextInfo: KubeContextInfo;
  private readonly http: KubeHttp;

  constructor(info: KubeContextInfo, http: KubeHttp) {
    this.contextInfo = info;
    this.http = http;
  }

  async serverVersion(signal?: AbortSignal): Promise<string> {
    const v = await this.http.json<{ gitVersion?: string }>({
      method: 'GET',
      path: '/version',
      signal,
    });
    return v.gitVersion ?? '';
  }

  async health(signal?: AbortSignal): Promise<KubeHealth> {
    const check = async (path: string) => {
      try {
        await this.http.send({ method: 'GET', path, signal });
        return true;
      } catch (err) {
        // A Status response means the server answered "not healthy"; anything else is an error.
        if (err instanceof KubeError && err.code !== 0) return false;
        throw err;
      }
    };
    return { live: await check('/livez'), ready: await check('/readyz') };
  }

  async apply(objects: readonly K8sEntity[], signal?: AbortSignal): Promise<K8sEntity[]> {
    const result: K8sEntity[] = [];
    for (const obj of objects) {
      const path = await this.http.pathOf(refOf(obj), this.contextInfo.namespace, signal);
      const applied = await this.http.json<K8sEntity>({
        method: 'PATCH',
        path,
        query: { fieldManager: FIELD_MANAGER, force: 'true' },
        // JSON is YAML, and keeps numbers and strings exactly as parsed.
        body: JSON.stringify(obj),
        contentType: 'application/apply-patch+yaml',
        signal,
      });
      result.push(applied);
    }
    return result;
  }

  async delete(
    refs: readonly KubeObjectRef[],
    opts: { waitMs?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const paths: { ref: KubeObjectRef; path: string }[] = [];
    for (const ref of refs) {
      let path: string;
      try {
        path = await this.http.pathOf(ref, this.contextInfo.namespace, opts.signal);
      } catch (err) {
        // A kind the server no longer serves (its CRD is gone) has nothing left to delete.
        if (isNotFound(err)) continue;
        throw err;
      }
      paths.push({ ref, path });
      try {
        await this.http.send({
          method: 'DELETE',
          path,
          body: JSON.stringify({
            kind: 'DeleteOptions',
            apiVersion: 'v1',
            propagationPolicy: 'Background',
          }),
          contentType: 'application/json',
          signal: opts.signal,
        });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    if (opts.waitMs === undefined || opts.waitMs <= 0) return;
    const deadline = Date.now() + opts.waitMs;
    for (const { ref, path } of paths) {
      for (;;) {
        try {
          await this.http.send({ method: 'GET', path, signal: opts.signal });
        } catch (err) {
          if (isNotFound(err)) break;
          throw err;
        }
        if (Date.now() >= deadline || opts.signal?.aborted === true) {
          throw new Error(`timeout waiting for delete: ${ref.name}`);
        }
        await sleep(DELETE_POLL_MS, opts.signal);
      }
    }
  }

  async get(ref: KubeObjectRef, signal?: AbortSignal): Promise<K8sEntity | undefined> {
    try {
      const path = await this.http.pathOf(ref, this.contextInfo.namespace, signal);
      return await this.http.json<K8sEntity>({ method: 'GET', path, signal });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async list(query: KubeListQuery, signal?: AbortSignal): Promise<K8sEntity[]> {
    const { items } = await this.listWithVersion(query, signal);
    return items;
  }

  watch(
    query: KubeListQuery,
    handler: (e: KubeWatchEvent) => void,
    opts: KubeWatchOptions = {},
  ): KubeWatch {
    return startWatch({
      http: this.http,
      list: (signal) => this.listWithVersion(query, signal),
      collection: (signal) => this.collectionPath(query, signal),
      labelSelector: query.labelSelector,
      handler,
      onError: opts.onError,
    });
  }

  private async collectionPath(query: KubeListQuery, signal?: AbortSignal): Promise<string> {
    const ref = { apiVersion: query.apiVersion, kind: query.kind, name: '' };
    // An absent namespace lists across all namespaces, so no default is filled in.
    return this.http.pathOf({ ...ref, namespace: query.namespace ?? '' }, '', signal);
  }

  private async listWithVersion(
    query: KubeListQuery,
    signal?: AbortSignal,
  ): Promise<{ items: K8sEntity[]; resourceVersion: string }> {
    const path = await this.collectionPath(query, signal);
    const list = await this.http.json<{
      items?: K8sEntity[];
      metadata?: { resourceVersion?: string };
    }>({
      method: 'GET',
      path,
      ...(query.labelSelector ? { query: { labelSelector: query.labelSelector } } : {}),
      signal,
    });
    // Lists leave out each item's apiVersion and kind; fill them in so items look like objects.
    const items = (list.items ?? []).map((i) => ({
      apiVersion: query.apiVersion,
      kind: query.kind,
      ...i,
    }));
    return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
  }
}
