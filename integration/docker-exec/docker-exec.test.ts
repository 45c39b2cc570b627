// The Docker exec seam against the real engine: a tar archive on stdin unpacked by `tar -x` (its
// stdin closed so tar sees the end), output kept apart by stream, exit codes, a missing
// container's error, the live-update receiver kept open in the container, and restart.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  bindExec,
  TransportPool,
} from '../../packages/slant/src/controllers/liveupdate/transport.ts';
import { ExecError } from '../../packages/slant/src/docker/exec.ts';
import { NodeDockerExec } from '../../packages/slant/src/docker/exec-node.ts';

const execFileP = promisify(execFile);
const env = inject('slantEnv');
const name = `slant-it-exec-${randomBytes(4).toString('hex')}`;
const exec = new NodeDockerExec({ host: env.dockerHost });
const target = { containerId: name };

async function docker(...args: string[]): Promise<string> {
  const r = await execFileP('docker', args, {
    env: { ...process.env, DOCKER_HOST: env.dockerHost },
  });
  return r.stdout.trim();
}

async function tarOf(entries: Record<string, string | Buffer>): Promise<Uint8Array> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c) => chunks.push(c as Buffer));
  const ended = new Promise<void>((res) => p.on('end', () => res()));
  for (const [path, body] of Object.entries(entries)) p.entry({ name: path, mode: 0o644 }, body);
  p.finalize();
  await ended;
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  await docker('run', '-d', '--name', name, env.busyboxImage, 'sleep', '3600');
});

afterAll(async () => {
  await docker('rm', '-f', name).catch(() => '');
});

describe('NodeDockerExec', () => {
  test('unpacks a tar archive from stdin with tar -x, and the files are there', async () => {
    const big = randomBytes(1 << 20);
    const archive = await tarOf({ 'app/hello.txt': 'hello from slant\n', 'app/big.bin': big });
    const r = await exec.run(target, ['tar', '-C', '/', '-x', '-f', '-'], { stdin: archive });
    expect(r).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const cat = await exec.run(target, ['cat', '/app/hello.txt']);
    expect(cat.stdout).toBe('hello from slant\n');
    const size = await exec.run(target, ['sh', '-c', 'wc -c < /app/big.bin']);
    expect(size.stdout.trim()).toBe(String(big.length));
  });

  test('keeps stdout and stderr apart, passes output on as it comes, and returns the exit code', async () => {
    const seen: string[] = [];
    const r = await exec.run(target, ['sh', '-c', 'echo out; echo err >&2; exit 3'], {
      onOutput: (t) => seen.push(t),
    });
    expect(r).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(seen.join('').split('\n').sort()).toEqual(['', 'err', 'out']);
  });

  test('a missing program exits 126 with the runtime’s words on stdout', async () => {
    const r = await exec.run(target, ['no-such-program']);
    expect(r.exitCode).toBe(126);
    expect(r.stdout).toMatch(/exec: "no-such-program": executable file not found in \$PATH/);
  });

  test('a missing container is an ExecError in the daemon’s words', async () => {
    const err = await exec.run({ containerId: `${name}-gone` }, ['true']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect((err as Error).message).toBe(
      `ExecInContainer: Error response from daemon: No such container: ${name}-gone`,
    );
  });

  test('the live-update receiver runs in the container, and its stream closes on restart', async () => {
    const pool = new TransportPool();
    const transport = await pool.receiver(bindExec(exec, target), name);
    expect(transport?.name).toBe('receiver');
    const archive = await tarOf({ 'app/fast.txt': 'fast path\n' });
    expect(await transport?.extract(archive, () => {})).toBe(0);
    const cat = await exec.run(target, ['cat', '/app/fast.txt']);
    expect(cat.stdout).toBe('fast path\n');

    const before = await docker('inspect', '-f', '{{.State.StartedAt}}', name);
    const t0 = Date.now();
    await exec.restart(target);
    const restartMs = Date.now() - t0;
    const after = await docker('inspect', '-f', '{{.State.StartedAt}} {{.State.Running}}', name);
    expect(after).not.toBe(`${before} true`);
    expect(after.endsWith(' true')).toBe(true);
    console.log(`docker restart (t=0): ${restartMs} ms`);
    // The receiver's process died with the container: a send now fails, so the caller reopens.
    const code = await transport?.extract(archive, () => {}).catch((e: unknown) => e);
    expect(code).toBeInstanceOf(ExecError);
    pool.restarted(name);
    const again = await pool.receiver(bindExec(exec, target), name);
    expect(await again?.run(['sh', '-c', 'test -f /app/fast.txt'], () => {})).toBe(0);
    pool.retain(new Set());
  });

  test('restart of a missing container is an ExecError', async () => {
    const err = await exec.restart({ containerId: `${name}-gone` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect((err as Error).message).toBe(
      `Error response from daemon: No such container: ${name}-gone`,
    );
  });
});
