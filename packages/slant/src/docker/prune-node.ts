// The engine API calls behind Docker pruning (Tilt's ContainerPrune, ImageList, ImageRemove,
// BuildCachePrune), for NodeDockerClient. dockerode's pruneBuilder sends no filters, so these go
// through docker-modem directly; the answers are turned into the DockerClient's shapes.
import type Docker from 'dockerode';
import type { DockerFilters, DockerImageDeleteItem, DockerPruneReport } from './client.ts';
import { DockerError } from './client.ts';
import { apiVersionBelow } from './versions.ts';
import { dial, toDockerError } from './modem.ts';

// The form Go's filters.Args marshals to: every value a key of a `true` map.
function filtersQuery(filters: DockerFilters): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  for (const [k, values] of Object.entries(filters)) {
    out[k] = Object.fromEntries(values.map((v) => [v, true]));
  }
  return out;
}

async function call<T>(
  docker: Docker,
  path: string,
  method: 'GET' | 'POST' | 'DELETE',
  query: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<T> {
  try {
    return await dial<T>(docker, {
      path,
      method,
      // An empty body: these calls take everything in the query string.
      options: { _query: query, _body: {} },
      statusCodes: { 200: true, 404: 'no such image', 409: 'conflict', 500: 'server error' },
      ...(signal === undefined ? {} : { abortSignal: signal }),
    });
  } catch (err) {
    throw toDockerError(err);
  }
}

export async function pruneContainers(
  docker: Docker,
  filters: DockerFilters,
  signal?: AbortSignal,
): Promise<DockerPruneReport> {
  const r = await call<{ ContainersDeleted?: string[] | null; SpaceReclaimed?: number }>(
    docker,
    '/containers/prune?',
    'POST',
    { filters: filtersQuery(filters) },
    signal,
  );
  return { deleted: r.ContainersDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
}

export async function listImageIds(
  docker: Docker,
  filters: DockerFilters,
  signal?: AbortSignal,
): Promise<string[]> {
  const r = await call<{ Id: string }[] | null>(
    docker,
    '/images/json?',
    'GET',
    { filters: filtersQuery(filters) },
    signal,
  );
  return (r ?? []).map((i) => i.Id);
}

export async function removeImage(
  docker: Docker,
  id: string,
  signal?: AbortSignal,
): Promise<DockerImageDeleteItem[]> {
  // Not forced; noprune=false removes the untagged parents too (Tilt's PruneChildren).
  const r = await call<{ Untagged?: string; Deleted?: string }[] | null>(
    docker,
    `/images/${encodeURIComponent(id)}?`,
    'DELETE',
    { force: false, noprune: false },
    signal,
  );
  return (r ?? []).map((i) => ({
    ...(i.Untagged ? { untagged: i.Untagged } : {}),
    ...(i.Deleted ? { deleted: i.Deleted } : {}),
  }));
}

/** Build cache prune; `apiVersion` is the daemon's, checked first as the moby client does. */
export async function pruneBuildCache(
  docker: Docker,
  filters: DockerFilters,
  apiVersion: string,
  signal?: AbortSignal,
): Promise<DockerPruneReport> {
  if (apiVersionBelow(apiVersion, '1.31')) {
    throw new DockerError(
      `"build prune" requires API version 1.31, but the Docker daemon API version is ${apiVersion}`,
    );
  }
  const r = await call<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>(
    docker,
    '/build/prune?',
    'POST',
    { filters: filtersQuery(filters) },
    signal,
  );
  return { deleted: r.CachesDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
}
