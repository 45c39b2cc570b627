// A real `slant up` of this folder's Tiltfile (local resources only) in a temporary directory,
// for the client-command tests: its directory, SLANT_HOME, port and API, and how to stop it.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../three-service/ports.ts';
import { SlantApi, SlantProcess } from '../three-service/slant-cli.ts';

export interface LocalSession {
  readonly dir: string;
  readonly home: string;
  readonly port: number;
  readonly up: SlantProcess;
  readonly api: SlantApi;
  stop(): Promise<void>;
}

export async function startLocalSession(prefix: string): Promise<LocalSession> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const home = join(dir, '.slant-home');
  await cp(join(import.meta.dirname, 'Tiltfile'), join(dir, 'Tiltfile'));
  const port = await freePort();
  const up = new SlantProcess(['up', '--stream', '--port', String(port)], {
    cwd: dir,
    env: { SLANT_HOME: home },
  });
  await up.waitForOutput(/Slant started on/, 60_000);
  return {
    dir,
    home,
    port,
    up,
    api: new SlantApi(home, port),
    async stop() {
      await up.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
