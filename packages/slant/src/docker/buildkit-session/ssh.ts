// docker_build(ssh=…): `RUN --mount=type=ssh` reaches an SSH agent through the build session,
// as BuildKit's SSH forwarding provider serves it. A spec is Docker's `--ssh` value, `default` or
// `ID=PATH[,PATH…]`; without a path, the agent is $SSH_AUTH_SOCK. A path is an agent socket
// (forwarded as is) or a private key file (served by an agent of Slant's own, ssh2's agent
// protocol, holding the keys). Error texts are BuildKit's, as Tilt passes them on.
import { readFileSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import ssh2, { type ParsedKey } from 'ssh2';

export const DEFAULT_SSH_ID = 'default';

/** Where an ssh id's agent is: a socket of this machine, or keys Slant holds. */
export type AgentSource = { readonly socket: string } | { readonly keys: readonly ParsedKey[] };

// BuildKit reads at most this much of a key file.
const KEY_FILE_LIMIT = 100 * 1024;

function sourceFor(paths: readonly string[]): AgentSource {
  const keys: ParsedKey[] = [];
  let socket: string | undefined;
  for (const p of paths) {
    if (socket !== undefined) throw new Error('only single socket allowed');
    const st = statSync(p, { throwIfNoEntry: false });
    if (st === undefined) throw new Error(`stat ${p}: no such file or directory`);
    if (st.isSocket()) {
      socket = p;
      continue;
    }
    const parsed = ssh2.utils.parseKey(readFileSync(p).subarray(0, KEY_FILE_LIMIT));
    if (parsed instanceof Error) throw new Error(`failed to parse ${p}: ${parsed.message}`);
    const found = Array.isArray(parsed) ? (parsed as ParsedKey[]) : [parsed];
    if (!found.every((k) => k.isPrivateKey())) {
      throw new Error(`failed to parse ${p}: not a private key`);
    }
    keys.push(...found);
  }
  // A socket wins over keys named before it, as in BuildKit.
  return socket !== undefined ? { socket } : { keys };
}

/** The agent of each ssh id. Throws, in Tilt's and BuildKit's words, on a spec it cannot serve. */
export function sshAgents(
  specs: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ReadonlyMap<string, AgentSource> {
  const out = new Map<string, AgentSource>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const id = (eq < 0 ? spec : spec.slice(0, eq)) || DEFAULT_SSH_ID;
    const given = eq < 0 ? [] : spec.slice(eq + 1).split(',');
    const config = `{${id} [${given.join(' ')}] false}`;
    try {
      if (out.has(id)) throw new Error(`duplicate agent ID "${id}"`);
      let paths = given;
      if (paths.length === 0 || (paths.length === 1 && paths[0] === '')) {
        paths = [env.SSH_AUTH_SOCK ?? ''];
      }
      if (paths[0] === '') {
        throw new Error(
          `failed to convert agent config ${config}: invalid empty ssh agent socket: make sure SSH_AUTH_SOCK is set`,
        );
      }
      try {
        out.set(id, sourceFor(paths));
      } catch (err) {
        throw new Error(
          `failed to convert agent config ${config}: failed to convert agent config for ID: "${id}": ${(err as Error).message}`,
        );
      }
    } catch (err) {
      throw new Error(`could not parse ssh: [${specs.join(' ')}]: ${(err as Error).message}`);
    }
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

// The agent protocol's server side over Slant's keys: list them, sign with them (read-only, as
// BuildKit's: adding or removing keys is refused).
function keyAgent(keys: readonly ParsedKey[]): ssh2.AgentProtocol {
  const agent = new ssh2.AgentProtocol(false);
  agent.on('identities', (req) => agent.getIdentitiesReply(req, [...keys]));
  agent.on('sign', (req, pubKey, data, flags) => {
    const want = pubKey.getPublicSSH();
    const key = keys.find((k) => k.getPublicSSH().equals(want));
    const signature = key?.sign(data, flags.hash);
    if (signature === undefined || signature instanceof Error) agent.failureReply(req);
    else agent.signReply(req, signature);
  });
  return agent;
}

/** Pipes a forwarding call's bytes to and from the agent until either side ends. */
export function forwardAgent(call: AgentCall, source: AgentSource): void {
  const agent = 'socket' in source ? createConnection(source.socket) : keyAgent(source.keys);
  call.on('data', (m) => {
    if (m.data !== undefined && m.data.length > 0) agent.write(m.data);
  });
  call.on('end', () => agent.end());
  call.on('error', () => agent.destroy());
  agent.on('data', (data: Buffer) => call.write({ data }));
  agent.on('end', () => call.end());
  agent.on('error', (err) => call.emit('error', err));
}
