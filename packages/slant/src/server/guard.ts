// Who may use the web server. Every API call and the websocket need this run's token (the
// `X-Tilt-Token` header, or the `Tilt-Token` cookie the page is served with: SameSite=Strict, so
// another site's page never sends it); a browser's Origin must be this server (Tilt's texts).
// Bound to loopback, the Host must be a loopback name too: a DNS-rebound name would otherwise
// make another site's page same-origin with this server.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'Tilt-Token';
export const TOKEN_HEADER = 'x-tilt-token';

export interface Refusal {
  readonly code: number;
  readonly message: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The host and origin checks, for every request (pages included). */
export function checkOrigin(req: IncomingMessage, loopbackOnly: boolean): Refusal | undefined {
  const host = req.headers.host ?? '';
  if (loopbackOnly && !LOOPBACK_HOSTS.has(hostName(host))) {
    return {
      code: 403,
      message: `host "${host}" is not allowed: Slant serves only loopback names`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== '') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return { code: 403, message: 'cross-origin request forbidden' };
    }
    if (originHost !== host) return { code: 403, message: 'cross-origin request forbidden' };
  }
  return undefined;
}

/** The token check (header first, then cookie), for API calls and the websocket. */
export function checkToken(req: IncomingMessage, token: string): Refusal | undefined {
  const header = req.headers[TOKEN_HEADER];
  const candidate =
    typeof header === 'string' && header !== ''
      ? header
      : cookieValue(req.headers.cookie, TOKEN_COOKIE);
  if (candidate === undefined) return { code: 403, message: 'missing session token' };
  if (!sameToken(candidate, token)) return { code: 403, message: 'invalid session token' };
  return undefined;
}
