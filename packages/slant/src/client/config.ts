// How a client command finds the running `slant up`: the client config that the session writes
// (`$SLANT_HOME/config`, default ~/.slant-dev/config; Tilt's ~/.tilt-dev/config) has one context
// per port — `tilt-default` for 10350, `tilt-<port>` otherwise — with the API's URL and token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { UserError } from '../errors.ts';
import { contextNameForPort } from '../store/http/client-config.ts';

export interface ApiEndpoint {
  /** `http://127.0.0.1:<port>` */
  readonly server: string;
  readonly token: string;
  readonly port: number;
}

interface ConfigFile {
  clusters?: { name?: string; cluster?: { server?: string } }[];
  users?: { name?: string; user?: { token?: string } }[];
}

/** The one line a client prints when no session answers on `port`. */
export function noSessionError(port: number): UserError {
  const flag = port === 10350 ? '' : ` --port ${port}`;
  return new UserError(
    'no-session',
    `No Slant session is running on port ${port}: start one with "slant up${flag}"`,
  );
}

/**
 * The API of the session on `port`, as recorded in `<home>/config`. A missing file or context
 * means no session was ever started there: the same one-line error as a refused connection.
 */
export function readApiEndpoint(home: string, port: number): ApiEndpoint {
  let cfg: ConfigFile | null;
  try {
    cfg = parse(readFileSync(join(home, 'config'), 'utf8')) as ConfigFile | null;
  } catch {
    throw noSessionError(port);
  }
  const name = contextNameForPort(port);
  const server = cfg?.clusters?.find((c) => c.name === name)?.cluster?.server;
  const token = cfg?.users?.find((u) => u.name === name)?.user?.token;
  if (server === undefined || token === undefined) throw noSessionError(port);
  return { server, token, port };
}

/**
 * The endpoint on `host` (the `--host` a session was started with): the config records the
 * loopback address, which a session bound to one other interface does not listen on.
 */
export function endpointOnHost(ep: ApiEndpoint, host: string): ApiEndpoint {
  if (host === '' || host === 'localhost' || host === '127.0.0.1' || host === '0.0.0.0') return ep;
  const h = host.includes(':') ? `[${host}]` : host;
  return { ...ep, server: `http://${h}:${ep.port}` };
}
