// The real ProbeChecker: HTTP(S) GET with node:http (TLS not verified and no keep-alive, as
// Tilt's prober), a TCP connect, or a command through the ProcessRunner. Failures carry Go's
// wording so probe log lines read as in Tilt.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { ProbeChecker, ProbeOutcome } from './probe-types.ts';
import type { ProcessRunner } from './types.ts';

export interface NodeProbeCheckerDeps {
  processes: ProcessRunner;
  /** Environment and directory of exec probes (Slant's own). */
  env: Readonly<Record<string, string>>;
  dir: string;
}

const MAX_BODY = 10 * 1024;

/** Go's net error text for a failed dial. */
function dialError(err: NodeJS.ErrnoException & { address?: string; port?: number }): string {
  if (err.code === 'ECONNREFUSED' && err.address !== undefined) {
    const host = err.address.includes(':') ? `[${err.address}]` : err.address;
    return `dial tcp ${host}:${err.port}: connect: connection refused`;
  }
  return err.message;
}

export class NodeProbeChecker implements ProbeChecker {
  private readonly deps: NodeProbeCheckerDeps;

  constructor(deps: NodeProbeCheckerDeps) {
    this.deps = deps;
  }

  httpGet(
    url: string,
    headers: readonly (readonly [string, string])[],
    signal: AbortSignal,
  ): Promise<ProbeOutcome> {
    const h: Record<string, string> = { 'User-Agent': 'tilt-probe/0.1', Accept: '*/*' };
    for (const [k, v] of headers) h[k] = v;
    if (h.Accept === '') delete h.Accept;
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const onResponse = (res: IncomingMessage) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => {
          if (body.length < MAX_BODY) body += s.slice(0, MAX_BODY - body.length);
        });
        res.on('error', (err) => resolve({ result: 'failure', output: err.message }));
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          if (code >= 200 && code < 300) resolve({ result: 'success', output: body });
          else if (code >= 300 && code < 400) resolve({ result: 'warning', output: body });
          else resolve({ result: 'failure', output: `HTTP probe failed with statuscode: ${code}` });
        });
      };
      const req = request(
        url,
        { method: 'GET', headers: h, signal, agent: false, rejectUnauthorized: false },
        onResponse,
      );
      req.on('error', (err) =>
        resolve({ result: 'failure', output: `Get "${url}": ${dialError(err)}` }),
      );
      req.end();
    });
  }

  tcpSocket(host: string, port: number, signal: AbortSignal): Promise<ProbeOutcome> {
    return new Promise((resolve) => {
      const socket = connect({ host, port, signal });
      socket.on('connect', () => {
        socket.destroy();
        resolve({ result: 'success', output: '' });
      });
      socket.on('error', (err) => resolve({ result: 'failure', output: dialError(err) }));
    });
  }

  async exec(argv: readonly string[], signal: AbortSignal): Promise<ProbeOutcome> {
    let output = '';
    const append = (s: string) => {
      output += s;
    };
    const p = this.deps.processes.start(
      { argv, dir: this.deps.dir, env: this.deps.env },
      { stdout: append, stderr: append },
    );
    const onAbort = () => void p.stop(0);
    signal.addEventListener('abort', onAbort);
    const exit = await p.exited;
    signal.removeEventListener('abort', onAbort);
    if (exit.error !== undefined) return { result: 'failure', output: exit.error };
    return { result: exit.code === 0 ? 'success' : 'failure', output };
  }
}
