// A BuildKit session (as Tilt opens one for every BuildKit build): a connection to the daemon's
// /session endpoint, upgraded to HTTP/2, on which Slant is the gRPC server. The daemon pulls the
// build context through FileSync DiffCopy (only the files the Dockerfile uses, and only those
// changed since the last build with the same shared key), asks for registry credentials (none:
// anonymous, as before), reads docker_build's secrets, forwards its SSH agents, and checks the
// session's health every few seconds.
import { createHash, randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { type PacketStream, sendDiffCopy } from './diffcopy.ts';
import type { SecretStore } from './secrets.ts';
import { type AgentCall, type AgentSource, DEFAULT_SSH_ID, forwardAgent } from './ssh.ts';
import type { SyncDir, SyncRequest } from './sync-dir.ts';
import {
  bytesMessageCodec,
  type Codec,
  checkAgentRequestCodec,
  credentialsResponseCodec,
  getSecretRequestCodec,
  getSecretResponseCodec,
  healthResponseCodec,
  ignoredCodec,
  type Packet,
  packetCodec,
} from './wire.ts';

const DIFF_COPY = '/moby.filesync.v1.FileSync/DiffCopy';
const HEALTH_CHECK = '/grpc.health.v1.Health/Check';
const CREDENTIALS = '/moby.filesync.v1.Auth/Credentials';
const GET_SECRET = '/moby.buildkit.secrets.v1.Secrets/GetSecret';
const CHECK_AGENT = '/moby.sshforward.v1.SSH/CheckAgent';
const FORWARD_AGENT = '/moby.sshforward.v1.SSH/ForwardAgent';

/** Opens the raw upgraded connection (docker-modem's dial with `hijack`). */
export type SessionDialer = (headers: Record<string, string | string[]>) => Promise<Duplex>;

/** What a build needs served besides its files. */
export interface SessionProviders {
  readonly secrets?: SecretStore;
  /** The agent of each ssh id. */
  readonly ssh?: ReadonlyMap<string, AgentSource>;
}

export interface BuildSession {
  readonly id: string;
  close(): void;
}

function method<Req, Res>(path: string, req: Codec<Req>, res: Codec<Res>, stream: boolean) {
  return {
    path,
    requestStream: stream,
    responseStream: stream,
    requestSerialize: req.serialize,
    requestDeserialize: req.deserialize,
    responseSerialize: res.serialize,
    responseDeserialize: res.deserialize,
  };
}

// fsutil's metadata: a value may be URL-encoded, flagged by a `<key>-encoded` entry. Node's HTTP/2
// layer joins a repeated header into one value with ", " (only set-cookie stays a list), so
// BuildKit's repeated pattern headers (one per COPY source) reach grpc-js as one string, split
// here. An encoded value cannot hold ", " (fsutil escapes it); a plain one can (`COPY ["a, b.txt",
// "/x/"]`), so where a pattern too many only sends a file more (include patterns and follow
// paths), every run of neighbouring pieces is also tried joined again.
const MAX_REJOINED = 8; // pieces per re-joined run: a name with more ", " in it is not expected

function metadataList(md: grpc.Metadata, key: string, rejoin = false): string[] {
  const encoded = md.get(`${key}-encoded`).map(String)[0];
  const out: string[] = [];
  for (const value of md.get(key)) {
    const pieces = String(value).split(', ');
    if (encoded === '1' || encoded === 'true') {
      for (const v of pieces) out.push(decodeURIComponent(v.replace(/\+/g, ' ')));
    } else {
      out.push(...pieces);
      if (rejoin) {
        for (let i = 0; i < pieces.length; i++) {
          const end = Math.min(pieces.length, i + MAX_REJOINED);
          for (let j = i + 2; j <= end; j++) out.push(pieces.slice(i, j).join(', '));
        }
      }
    }
  }
  return out;
}

export function syncRequestOf(md: grpc.Metadata): { dir: string; req: SyncRequest } {
  return {
    dir: metadataList(md, 'dir-name')[0] ?? '',
    req: {
      includePatterns: metadataList(md, 'include-patterns', true),
      excludePatterns: metadataList(md, 'exclude-patterns'),
      followPaths: metadataList(md, 'followpaths', true),
    },
  };
}

/**
 * The shared key names BuildKit's cache of earlier transfers: the same context directory keeps
 * it, so a rebuild transfers only what changed (the Docker CLI keys it the same way).
 */
export function sharedKeyFor(contextDir: string): string {
  return createHash('sha256').update(contextDir).digest('hex');
}

// The DiffCopy handler: the directory the call names, walked as its metadata asks.
function serveDiffCopy(dirs: Readonly<Record<string, SyncDir>>) {
  return (call: grpc.ServerDuplexStream<Packet, Packet>): void => {
    const { dir, req } = syncRequestOf(call.metadata);
    const source = dirs[dir];
    if (source === undefined) {
      call.emit('error', {
        code: grpc.status.NOT_FOUND,
        details: `no access allowed to dir "${dir}"`,
      });
      return;
    }
    source
      .entries(req)
      .then((entries) => sendDiffCopy(call as unknown as PacketStream, entries))
      .catch((err: unknown) => {
        const details = err instanceof Error ? err.message : String(err);
        call.emit('error', { code: grpc.status.UNKNOWN, details });
      });
  };
}

function serveSecret(secrets: SecretStore) {
  return (
    call: grpc.ServerUnaryCall<{ ID?: string }, unknown>,
    done: grpc.sendUnaryData<{ data: Uint8Array }>,
  ): void => {
    const id = call.request.ID ?? '';
    secrets.get(id).then(
      (data) => {
        if (data !== undefined) done(null, { data });
        else done({ code: grpc.status.NOT_FOUND, details: `secret ${id}: not found` });
      },
      (err: unknown) =>
        done({
          code: grpc.status.UNKNOWN,
          details: err instanceof Error ? err.message : String(err),
        }),
    );
  };
}

function serveCheckAgent(ssh: ReadonlyMap<string, AgentSource>) {
  return (
    call: grpc.ServerUnaryCall<{ ID?: string }, unknown>,
    done: grpc.sendUnaryData<object>,
  ): void => {
    const id = call.request.ID || DEFAULT_SSH_ID;
    if (ssh.has(id)) done(null, {});
    else done({ code: grpc.status.UNKNOWN, details: `unset ssh forward key ${id}` });
  };
}

function serveForwardAgent(ssh: ReadonlyMap<string, AgentSource>) {
  return (call: grpc.ServerDuplexStream<{ data: Uint8Array }, { data: Uint8Array }>): void => {
    const id = metadataList(call.metadata, 'buildkit.ssh.id')[0] || DEFAULT_SSH_ID;
    const source = ssh.get(id);
    if (source === undefined) {
      call.emit('error', { code: grpc.status.UNKNOWN, details: `unset ssh forward key ${id}` });
    } else forwardAgent(call as unknown as AgentCall, source);
  };
}

/** Opens a session offering `dirs` to the daemon; close it when the build's response ends. */
export async function openBuildSession(
  dial: SessionDialer,
  dirs: Readonly<Record<string, SyncDir>>,
  sharedKey: string,
  providers: SessionProviders = {},
): Promise<BuildSession> {
  const { secrets, ssh } = providers;
  const id = randomUUID();
  const socket = await dial({
    Upgrade: 'h2c',
    'X-Docker-Expose-Session-Uuid': id,
    'X-Docker-Expose-Session-Name': 'slant',
    'X-Docker-Expose-Session-Sharedkey': sharedKey,
    // The daemon only calls what the session says it serves.
    'X-Docker-Expose-Session-Grpc-Method': [
      DIFF_COPY,
      HEALTH_CHECK,
      CREDENTIALS,
      ...(secrets ? [GET_SECRET] : []),
      ...(ssh ? [CHECK_AGENT, FORWARD_AGENT] : []),
    ],
  });
  // grpc-js writes to stderr (through the terminal UI) when it drops a header value it cannot
  // hold: BuildKit sends non-ASCII file names in pattern headers unencoded, and without those
  // patterns the whole context is sent, which builds the same image. Failures of the session's
  // calls reach the build as errors anyway.
  grpc.setLogVerbosity(grpc.logVerbosity.NONE);
  const server = new grpc.Server();
  server.addService(
    { DiffCopy: method(DIFF_COPY, packetCodec, packetCodec, true) },
    { DiffCopy: serveDiffCopy(dirs) },
  );
  server.addService(
    { Check: method(HEALTH_CHECK, ignoredCodec, healthResponseCodec, false) },
    // 1 is SERVING.
    {
      Check: (_call: unknown, done: grpc.sendUnaryData<{ status: number }>) =>
        done(null, { status: 1 }),
    },
  );
  server.addService(
    { Credentials: method(CREDENTIALS, ignoredCodec, credentialsResponseCodec, false) },
    { Credentials: (_call: unknown, done: grpc.sendUnaryData<object>) => done(null, {}) },
  );
  if (secrets !== undefined) {
    server.addService(
      { GetSecret: method(GET_SECRET, getSecretRequestCodec, getSecretResponseCodec, false) },
      { GetSecret: serveSecret(secrets) },
    );
  }
  if (ssh !== undefined) {
    server.addService(
      {
        CheckAgent: method(CHECK_AGENT, checkAgentRequestCodec, ignoredCodec, false),
        ForwardAgent: method(FORWARD_AGENT, bytesMessageCodec, bytesMessageCodec, true),
      },
      { CheckAgent: serveCheckAgent(ssh), ForwardAgent: serveForwardAgent(ssh) },
    );
  }
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  injector.injectConnection(socket);
  return {
    id,
    close: () => {
      server.forceShutdown();
      socket.destroy();
    },
  };
}
