// The Cluster reconciler for Kubernetes clusters (Tilt's cluster.Reconciler): connect once (GET
// /version), read the node arch and the advertised local registry, then check health every 15 s;
// four failures in a row put the error in status. Docker clusters are left to others.
import { isDeepStrictEqual } from 'node:util';
import type { Cluster, ClusterStatus, RegistryHosting } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { Reconciler } from '../../engine/manager.ts';
import type { KubeClient } from '../../k8s/client.ts';
import { isObject } from '../../k8s/entity.ts';
import {
  goFormatRegistry,
  LOCAL_REGISTRY_HOSTING_REF,
  productFromClusterName,
  registryFromConfigMap,
} from '../../k8s/registry-hosting.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { microTime } from '../common/time.ts';

export interface ClusterDeps {
  store: ObjectStore;
  kube: KubeClient;
  clock: Clock;
  logs: LogWriter;
}

export const HEALTH_POLL_MS = 15_000;
// Like Kubernetes probes: one slow answer from the control plane is not an outage.
const HEALTH_FAILURE_THRESHOLD = 4;

interface Connection {
  spec: Cluster['spec'];
  createdAt: string;
  initError: string;
  arch: string;
  version: string;
  registry: RegistryHosting | undefined;
  failures: number;
  healthError: string;
}

// Cluster-level messages go to the Tiltfile's log, as Tilt's do.
const TARGET = { resource: '(Tiltfile)', spanId: 'cluster' };

async function readArch(kube: KubeClient, signal: AbortSignal): Promise<string> {
  try {
    const [node] = await kube.list({ apiVersion: 'v1', kind: 'Node' }, signal);
    const labels =
      isObject(node?.metadata) && isObject(node.metadata.labels) ? node.metadata.labels : {};
    const arch = labels['kubernetes.io/arch'] || labels['beta.kubernetes.io/arch'];
    return typeof arch === 'string' && arch !== '' ? arch : 'unknown';
  } catch {
    return 'unknown'; // RBAC often hides nodes; the arch is only a hint.
  }
}

export function createClusterReconciler(deps: ClusterDeps): Reconciler {
  const { store, kube, clock } = deps;
  const connections = new Map<string, Connection>();
  const log = (text: string, level?: 'ERROR') =>
    deps.logs.write({ ...TARGET, text: `${text}\n`, ...(level ? { level } : {}) });

  async function connect(cluster: Cluster, signal: AbortSignal): Promise<Connection> {
    const conn: Connection = {
      spec: structuredClone(cluster.spec),
      createdAt: microTime(clock.now()),
      initError: '',
      arch: '',
      version: '',
      registry: undefined,
      failures: 0,
      healthError: '',
    };
    try {
      conn.version = await kube.serverVersion(signal);
    } catch (err) {
      conn.initError = `Tilt encountered an error connecting to your Kubernetes cluster:\n\t${(err as Error).message}\nYou will need to restart Tilt after resolving the issue.`;
      return conn;
    }
    conn.arch = await readArch(kube, signal);
    const cm = await kube.get(LOCAL_REGISTRY_HOSTING_REF, signal).catch(() => undefined);
    conn.registry = registryFromConfigMap(cm);
    if (conn.registry !== undefined) {
      log(`Auto-detected local registry from environment: ${goFormatRegistry(conn.registry)}`);
      if (cluster.spec.defaultRegistry !== undefined) {
        log('Default registry specified, but will be ignored in favor of auto-detected registry.');
      }
    }
    return conn;
  }

  async function checkHealth(conn: Connection, signal: AbortSignal): Promise<void> {
    let error = '';
    try {
      const h = await kube.health(signal);
      if (!h.live) error = 'cluster did not pass liveness check';
      else if (!h.ready) error = 'cluster not ready';
    } catch (err) {
      error = `cluster liveness check: ${(err as Error).message}`;
    }
    if (signal.aborted) return; // The error may be the abort itself.
    if (error === '') {
      conn.failures = 0;
      conn.healthError = '';
    } else if (++conn.failures >= HEALTH_FAILURE_THRESHOLD) {
      conn.healthError = error;
    }
  }

  function toStatus(conn: Connection): ClusterStatus {
    const info = kube.contextInfo;
    const status: ClusterStatus = {};
    const error = conn.initError || conn.healthError;
    if (error !== '') status.error = error;
    if (conn.arch !== '') status.arch = conn.arch;
    if (conn.version !== '') status.version = conn.version;
    if (conn.initError === '') {
      status.connectedAt = conn.createdAt;
      status.connection = {
        kubernetes: {
          context: info.context,
          namespace: info.namespace,
          cluster: info.cluster,
          product: productFromClusterName(info.cluster),
          configPath: info.configPath,
        },
      };
    }
    if (conn.registry !== undefined) status.registry = conn.registry;
    return status;
  }

  return {
    kind: 'Cluster',
    async reconcile(name, ctx) {
      const cluster = store.get('Cluster', name);
      if (cluster === undefined || cluster.spec.connection?.kubernetes === undefined) {
        connections.delete(name);
        return;
      }
      let conn = connections.get(name);
      const fresh = conn === undefined || !isDeepStrictEqual(conn.spec, cluster.spec);
      if (conn === undefined || fresh) {
        conn = await connect(cluster, ctx.signal);
        connections.set(name, conn);
      }
      if (conn.initError === '') await checkHealth(conn, ctx.signal);

      const current = store.get('Cluster', name);
      if (current === undefined) return;
      const status = toStatus(conn);
      if (!isDeepStrictEqual(current.status ?? {}, status)) {
        store.updateStatus({ ...current, status });
        if (status.error !== undefined && status.error !== current.status?.error) {
          log(`Cluster status error: ${status.error}`, 'ERROR');
        }
      }
      // Tilt does not retry a failed connection: its error says to restart.
      return conn.initError === '' ? { requeueAfter: HEALTH_POLL_MS } : undefined;
    },
  };
}
