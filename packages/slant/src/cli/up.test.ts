import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/slant.js');
const dir = mkdtempSync(join(tmpdir(), 'slant-up-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((res) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const addr = server.address();
      res({ server, port: typeof addr === 'object' && addr !== null ? addr.port : 0 });
    });
  });
}

describe('slant up', () => {
  it("says the web UI's port is taken, with Tilt's text and hint, and exits 1", async () => {
    writeFileSync(join(dir, 'Tiltfile'), "local_resource('a', cmd='true')\n");
    const { server, port } = await listen();
    try {
      const r = await new Promise<{ code: number | null; out: string; err: string }>((res) => {
        execFile(
          process.execPath,
          [BIN, 'up', '--stream', '--port', String(port)],
          { cwd: dir, env: { ...process.env, SLANT_HOME: join(dir, 'home') }, timeout: 30_000 },
          (err, out, errOut) =>
            res({ code: err === null ? 0 : (err.code as number), out, err: errOut }),
        );
      });
      expect(r).toEqual({
        code: 1,
        out: '',
        err: `Slant cannot start because you already have another process on port ${port}\n\nIf you want to run multiple Slant instances simultaneously, use the --port flag or TILT_PORT env variable to set a custom port\n`,
      });
    } finally {
      server.close();
    }
  });
});
