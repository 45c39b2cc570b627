// Where clients (`slant get`, tests, kubectl) find a running Slant: a kubeconfig file with one
// context per port — `tilt-default` for 10350, `tilt-<port>` otherwise, as Tilt names them —
// pointing at the HTTP API with its bearer token. Readable by the owner only.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

interface Named<T> {
  name: string;
  [key: string]: unknown;
  value?: T;
}

interface ClientConfig {
  apiVersion: 'v1';
  kind: 'Config';
  'current-context': string;
  clusters: Named<unknown>[];
  users: Named<unknown>[];
  contexts: Named<unknown>[];
}

export const DEFAULT_WEB_PORT = 10350;

export function contextNameForPort(port: number): string {
  return port === DEFAULT_WEB_PORT ? 'tilt-default' : `tilt-${port}`;
}

function upsert(list: Named<unknown>[], entry: Named<unknown>): Named<unknown>[] {
  return [...list.filter((e) => e.name !== entry.name), entry];
}

/** Records the API of the Slant on `port` in `<dir>/config` and makes it the current context. */
export function writeApiConfig(dir: string, port: number, token: string): string {
  const path = join(dir, 'config');
  let cfg: ClientConfig = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': '',
    clusters: [],
    users: [],
    contexts: [],
  };
  try {
    const existing = parse(readFileSync(path, 'utf8')) as Partial<ClientConfig> | null;
    if (existing !== null && typeof existing === 'object') cfg = { ...cfg, ...existing };
  } catch {
    // No config yet.
  }
  const name = contextNameForPort(port);
  cfg.clusters = upsert(cfg.clusters, { name, cluster: { server: `http://127.0.0.1:${port}` } });
  cfg.users = upsert(cfg.users, { name, user: { token } });
  cfg.contexts = upsert(cfg.contexts, { name, context: { cluster: name, user: name } });
  cfg['current-context'] = name;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, stringify(cfg), { mode: 0o600 });
  return path;
}
