// A BuildKit build through a session: the secrets and SSH agents the build asks for are checked
// first (a bad spec fails before the daemon hears of the build, with Tilt's "ImageBuild: could
// not parse …"), then the session opens, offering the context and the Dockerfile, and the build
// request names it. The caller reads the response and closes the session after.
import type { Duplex } from 'node:stream';
import { type DockerBuildOptions, DockerError } from '../client.ts';
import { secretStore } from './secrets.ts';
import { openBuildSession, type SessionProviders, sharedKeyFor } from './session.ts';
import { sshAgents } from './ssh.ts';
import { contextDir, DOCKERFILE_DIR_NAMES, dockerfileDir } from './sync-dir.ts';

/** docker-modem's dial as a promise. */
export type ModemDial = <T>(opts: Record<string, unknown>) => Promise<T>;

export interface SessionBuild {
  readonly response: NodeJS.ReadableStream;
  close(): void;
}

function providersFor(
  opts: DockerBuildOptions,
  where: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): SessionProviders {
  const secrets = opts.secrets ?? [];
  const ssh = opts.ssh ?? [];
  try {
    return {
      ...(secrets.length > 0 ? { secrets: secretStore(secrets, where.cwd, where.env) } : {}),
      ...(ssh.length > 0 ? { ssh: sshAgents(ssh, where.env) } : {}),
    };
  } catch (err) {
    throw new DockerError(`ImageBuild: ${(err as Error).message}`, undefined, true);
  }
}

/** Opens the session and sends the build request (`query` is the /build query string's fields). */
export async function startSessionBuild(
  dial: ModemDial,
  opts: DockerBuildOptions,
  query: Record<string, unknown>,
  where: { cwd: string; env: Readonly<Record<string, string | undefined>> },
): Promise<SessionBuild> {
  const providers = providersFor(opts, where);
  const { dir, dockerfileContents, filter, now } = opts.context;
  const session = await openBuildSession(
    (headers) => dial<Duplex>({ method: 'POST', path: '/session', hijack: true, headers }),
    {
      [DOCKERFILE_DIR_NAMES.context]: contextDir(dir, filter),
      [DOCKERFILE_DIR_NAMES.dockerfile]: dockerfileDir(opts.dockerfile, dockerfileContents, now),
    },
    sharedKeyFor(dir),
    providers,
  );
  try {
    const response = await dial<NodeJS.ReadableStream>({
      method: 'POST',
      path: '/build?',
      options: { ...query, session: session.id, remote: 'client-session' },
      // An empty body: the context comes through the session.
      file: Buffer.alloc(0),
      isStream: true,
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    });
    return { response, close: () => session.close() };
  } catch (err) {
    session.close();
    throw err;
  }
}
