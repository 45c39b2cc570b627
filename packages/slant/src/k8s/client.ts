// The Kubernetes seam: what the controllers need from a cluster, in plain JSON objects. The real
// adapter is client-node.ts (@kubernetes/client-node over HTTPS), the fake client-fake.ts (an
// in-memory cluster that tests drive by hand).
import type { K8sEntity } from './entity.ts';

/** Which object: apiVersion + kind + name, and the namespace for namespaced kinds. */
export interface KubeObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Empty or absent: cluster-scoped, or the client's default namespace for namespaced kinds. */
  readonly namespace?: string;
}

/** A list or watch: every object of a kind, in one namespace (or all), optionally by labels. */
export interface KubeListQuery {
  readonly apiVersion: string;
  readonly kind: string;
  /** Absent: all namespaces (or a cluster-scoped kind). */
  readonly namespace?: string;
  /** The string form, e.g. `app=web,tier!=db`. */
  readonly labelSelector?: string;
}

/** What the kubeconfig context resolved to. */
export interface KubeContextInfo {
  readonly context: string;
  /** The cluster name the context points at. */
  readonly cluster: string;
  /** The context's namespace, `default` when it has none. */
  readonly namespace: string;
  /** The API server URL. */
  readonly server: string;
  readonly configPath: string;
}

export type KubeWatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface KubeWatchEvent {
  readonly type: KubeWatchEventType;
  readonly object: K8sEntity;
}

export interface KubeWatch {
  /** Ends the watch; no events are delivered after it returns. */
  stop(): void;
}

export interface KubeWatchOptions {
  /**
   * Told when the connection drops and when it is back (`undefined`), so status can say so;
   * the watch keeps retrying with backoff until stopped.
   */
  onError?(err: KubeError | undefined): void;
}

export interface KubeHealth {
  readonly live: boolean;
  readonly ready: boolean;
}

/**
 * A failed request. `code` is the HTTP status (0 when the server was not reached) and `reason`
 * the Kubernetes Status reason (`NotFound`, `Invalid`, `Conflict`, ...); the message is the
 * server's, or the network error's.
 */
export class KubeError extends Error {
  readonly code: number;
  readonly reason: string;
  constructor(message: string, code: number, reason = '') {
    super(message);
    this.name = 'KubeError';
    this.code = code;
    this.reason = reason;
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof KubeError && err.code === 404;
}

export interface KubeClient {
  readonly contextInfo: KubeContextInfo;
  /** GET /version: the server's gitVersion, e.g. `v1.34.4`. */
  serverVersion(signal?: AbortSignal): Promise<string>;
  /** GET /livez and /readyz. */
  health(signal?: AbortSignal): Promise<KubeHealth>;
  /**
   * Server-side apply (field manager `tilt`, force) of each object, in the order given; resolves
   * with the objects as the server returned them (uid, resourceVersion, status). Stops at the
   * first failure. Namespaced objects without a namespace go to the context's namespace.
   */
  apply(objects: readonly K8sEntity[], signal?: AbortSignal): Promise<K8sEntity[]>;
  /**
   * Deletes each object (propagation Background); missing ones are skipped. With `waitMs`,
   * resolves once all are gone, or rejects with `timeout waiting for delete: <name>`.
   */
  delete(
    refs: readonly KubeObjectRef[],
    opts?: { waitMs?: number; signal?: AbortSignal },
  ): Promise<void>;
  /** The object, or undefined when it does not exist. */
  get(ref: KubeObjectRef, signal?: AbortSignal): Promise<K8sEntity | undefined>;
  list(query: KubeListQuery, signal?: AbortSignal): Promise<K8sEntity[]>;
  /**
   * ADDED for every existing object first, then changes. When the connection drops the watch
   * resumes (relisting if the server forgot the version), so handlers must treat ADDED and
   * MODIFIED alike; objects that vanished meanwhile come as DELETED.
   */
  watch(
    query: KubeListQuery,
    handler: (e: KubeWatchEvent) => void,
    opts?: KubeWatchOptions,
  ): KubeWatch;
}
