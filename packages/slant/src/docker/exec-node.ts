// DockerContainerExec over the engine API with dockerode: create an exec, start it on a hijacked
// connection (the raw socket), demultiplex its output (no TTY, so stdout and stderr stay apart),
// half-close the socket once stdin is written so `tar -x -f -` sees the end of its input, and
// read the exit code from the exec's inspect once the output ends.
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { lazyDockerode } from './client-node.ts';
import {
  type DockerContainerExec,
  type DockerExecTarget,
  ExecError,
  type ExecResult,
  type ExecStream,
  type ExecStreamHandlers,
  RESTART_TIMEOUT_SECONDS,
} from './exec.ts';
import { StreamDemuxer } from './stream-frames.ts';

export interface NodeDockerExecOptions {
  /** A DOCKER_HOST-style address; the default socket when empty. */
  readonly host?: string;
}

// The engine may report an exec as running for a moment after its output ended.
const INSPECT_RETRIES = 50;
const INSPECT_DELAY_MS = 10;

// Go's moby client words HTTP failures as "Error response from daemon: <message>".
function daemonText(err: unknown): string {
  const e = err as { statusCode?: number; json?: { message?: string } | null; message?: string };
  const msg = e.json?.message;
  if (e.statusCode !== undefined && typeof msg === 'string') {
    return `Error response from daemon: ${msg}`;
  }
  return e.message ?? String(err);
}

interface Started {
  readonly exec: Docker.Exec;
  readonly socket: Duplex;
}

export class NodeDockerExec implements DockerContainerExec {
  private readonly docker: () => Promise<Docker>;

  constructor(opts: NodeDockerExecOptions = {}) {
    this.docker = lazyDockerode(opts.host);
  }

  private async start(
    target: DockerExecTarget,
    argv: readonly string[],
    stdin: boolean,
  ): Promise<Started> {
    let exec: Docker.Exec;
    try {
      exec = await (await this.docker()).getContainer(target.containerId).exec({
        Cmd: [...argv],
        AttachStdin: stdin,
        AttachStdout: true,
        AttachStderr: true,
        Tty: false,
      });
    } catch (err) {
      // Tilt's wording: its exec first inspects the container, under this prefix.
      throw new ExecError(`ExecInContainer: ${daemonText(err)}`);
    }
    try {
      const socket = await exec.start({ hijack: true, stdin });
      return { exec, socket };
    } catch (err) {
      throw new ExecError(`ExecInContainer#start: ${daemonText(err)}`);
    }
  }

  async open(
    target: DockerExecTarget,
    argv: readonly string[],
    handlers: ExecStreamHandlers,
  ): Promise<ExecStream> {
    const { socket } = await this.start(target, argv, true);
    const demux = new StreamDemuxer(handlers.stdout, handlers.stderr);
    socket.on('data', (chunk: Buffer) => demux.push(chunk));
    const closed = new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.once('end', () => resolve());
      socket.once('error', () => resolve());
    });
    return {
      write: (data) => {
        socket.write(Buffer.from(data));
      },
      close: () => socket.destroy(),
      closed,
    };
  }

  async run(
    target: DockerExecTarget,
    argv: readonly string[],
    opts: { stdin?: Uint8Array; signal?: AbortSignal; onOutput?: (text: string) => void } = {},
  ): Promise<ExecResult> {
    opts.signal?.throwIfAborted();
    const { exec, socket } = await this.start(target, argv, opts.stdin !== undefined);
    const out = { stdout: '', stderr: '' };
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const sink = (key: 'stdout' | 'stderr') => (chunk: Uint8Array) => {
      const text = decoders[key].decode(chunk, { stream: true });
      out[key] += text;
      if (text !== '') opts.onOutput?.(text);
    };
    const demux = new StreamDemuxer(sink('stdout'), sink('stderr'));
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => socket.destroy(new ExecError('context canceled'));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (err?: Error) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (err === undefined) resolve();
        else reject(err instanceof ExecError ? err : new ExecError(err.message));
      };
      socket.on('data', (chunk: Buffer) => demux.push(chunk));
      socket.once('end', () => settle());
      socket.once('close', () => settle());
      socket.once('error', (err) => settle(err));
      if (opts.stdin !== undefined) socket.end(Buffer.from(opts.stdin));
    });
    socket.destroy();
    return { exitCode: await this.exitCode(exec), ...out };
  }

  private async exitCode(exec: Docker.Exec): Promise<number> {
    for (let i = 0; ; i++) {
      let info: Docker.ExecInspectInfo;
      try {
        info = await exec.inspect();
      } catch (err) {
        throw new ExecError(`ExecInContainer#inspect: ${daemonText(err)}`);
      }
      if (!info.Running && info.ExitCode !== null) return info.ExitCode;
      if (i >= INSPECT_RETRIES) {
        throw new ExecError('exec connection closed before the command finished');
      }
      await sleep(INSPECT_DELAY_MS);
    }
  }

  async restart(target: DockerExecTarget): Promise<void> {
    try {
      await (await this.docker())
        .getContainer(target.containerId)
        .restart({ t: RESTART_TIMEOUT_SECONDS });
    } catch (err) {
      throw new ExecError(daemonText(err));
    }
  }
}
