// docker_build(ssh=…): `RUN --mount=type=ssh` reaches an SSH agent of this machine through the
// build session, as BuildKit's SSH forwarding provider serves it. A spec is Docker's `--ssh`
// value, `default` or `ID=PATH[,PATH…]`; without a path, the agent is $SSH_AUTH_SOCK. Slant
// forwards agent sockets; private key files (which BuildKit loads into an agent of its own) are
// refused with a clear error.
import { statSync } from 'node:fs';
import { createConnection } from 'node:net';

export const DEFAULT_SSH_ID = 'default';

/** The agent socket of each ssh id. Throws, as Tilt words it, on a spec it cannot serve. */
export function sshAgents(
  specs: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const fail = (why: string): never => {
    throw new Error(`could not parse ssh: [${specs.join(' ')}]: ${why}`);
  };
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const id = (eq < 0 ? spec : spec.slice(0, eq)) || DEFAULT_SSH_ID;
    let paths = eq < 0 ? [] : spec.slice(eq + 1).split(',');
    if (out.has(id)) fail(`duplicate agent ID "${id}"`);
    if (paths.length === 0 || (paths.length === 1 && paths[0] === '')) {
      paths = [env.SSH_AUTH_SOCK ?? ''];
    }
    const path = paths[0] ?? '';
    if (path === '') fail('invalid empty ssh agent socket: make sure SSH_AUTH_SOCK is set');
    const st = statSync(path, { throwIfNoEntry: false });
    if (st === undefined) fail(`failed to stat ${path}: no such file or directory`);
    if (paths.length > 1 || !st?.isSocket()) {
      fail(`${paths.join(',')}: Slant forwards SSH agent sockets only, not key files`);
    }
    out.set(id, path);
  }
  return out;
}

/** The ForwardAgent gRPC call, as the forwarding needs it. */
export interface AgentCall {
  on(event: 'data', fn: (m: { data?: Uint8Array }) => void): unknown;
  on(event: 'end', fn: () => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  write(m: { data: Uint8Array }): boolean;
  end(): void;
  emit(event: 'error', err: unknown): boolean;
}

/** Pipes a forwarding call's bytes to and from the agent socket until either side ends. */
export function forwardAgent(call: AgentCall, socketPath: string): void {
  const agent = createConnection(socketPath);
  call.on('data', (m: { data?: Uint8Array }) => {
    if (m.data !== undefined && m.data.length > 0) agent.write(m.data);
  });
  call.on('end', () => agent.end());
  call.on('error', () => agent.destroy());
  agent.on('data', (data: Buffer) => call.write({ data }));
  agent.on('end', () => call.end());
  agent.on('error', (err) => call.emit('error', err));
}
