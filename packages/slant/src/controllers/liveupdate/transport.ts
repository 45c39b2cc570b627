// How an update reaches a container: a plain exec per command (Tilt's way), or the fast path — a
// receiver kept running in the container (receiver.ts). The pool keeps one receiver per
// container, opens it on first use, and remembers containers where it can't run (then plain exec).
// Both work on any runtime whose exec seam has ContainerExec's shape (Kubernetes, Docker).
import type { ContainerExec, ExecResult, ExecStream, ExecStreamHandlers } from '../../k8s/exec.ts';
import { cmdString } from '../../tiltfile/cmd.ts';
import { newNonce, ReceiverChannel, receiverScript, shellQuote } from './receiver.ts';

/** An exec seam bound to one container. */
export interface BoundExec {
  open(argv: readonly string[], handlers: ExecStreamHandlers): Promise<ExecStream>;
  run(
    argv: readonly string[],
    opts: { stdin?: Uint8Array; signal?: AbortSignal; onOutput?: (text: string) => void },
  ): Promise<ExecResult>;
}

export function bindExec<T>(exec: ContainerExec<T>, target: T): BoundExec {
  return {
    open: (argv, handlers) => exec.open(target, argv, handlers),
    run: (argv, opts) => exec.run(target, argv, opts),
  };
}

/** Each resolves with the exit code; a thrown ExecError means the container was not reached. */
export interface ContainerTransport {
  readonly name: 'exec' | 'receiver';
  remove(paths: readonly string[], log: (text: string) => void): Promise<number>;
  extract(archive: Uint8Array, log: (text: string) => void): Promise<number>;
  run(argv: readonly string[], log: (text: string) => void): Promise<number>;
}

export const TAR_ARGV = ['tar', '-C', '/', '-x', '-f', '-'] as const;

export function execTransport(exec: BoundExec, signal: AbortSignal): ContainerTransport {
  const code = async (argv: readonly string[], log: (t: string) => void, stdin?: Uint8Array) =>
    (await exec.run(argv, { signal, onOutput: log, ...(stdin ? { stdin } : {}) })).exitCode;
  return {
    name: 'exec',
    remove: (paths, log) => code(['rm', '-rf', ...paths], log),
    extract: (archive, log) => code(TAR_ARGV, log, archive),
    run: (argv, log) => code(argv, log),
  };
}

/** `t`, logging `RUNNING: <command>` before the archive and each run step, as Tilt's Docker exec. */
export function announced(t: ContainerTransport, log: (text: string) => void): ContainerTransport {
  const running = (argv: readonly string[]) =>
    log(`RUNNING: ${cmdString({ argv: [...argv], dir: '', env: [] })}\n`);
  return {
    name: t.name,
    remove: (paths, out) => t.remove(paths, out),
    extract: (archive, out) => {
      running(TAR_ARGV);
      return t.extract(archive, out);
    },
    run: (argv, out) => {
      running(argv);
      return t.run(argv, out);
    },
  };
}

function receiverTransport(channel: ReceiverChannel): ContainerTransport {
  const text = (s: string) => new TextEncoder().encode(s);
  return {
    name: 'receiver',
    remove: (paths, log) => channel.send('R', text(`${paths.join('\n')}\n`), log),
    extract: (archive, log) => channel.send('T', archive, log),
    run: (argv, log) => channel.send('C', text(shellQuote(argv)), log),
  };
}

export class TransportPool {
  private readonly channels = new Map<string, Promise<ReceiverChannel | undefined>>();
  private readonly plainOnly = new Set<string>();

  /** The receiver of the container, started if needed; undefined when it can't run there. */
  async receiver(exec: BoundExec, containerId: string): Promise<ContainerTransport | undefined> {
    if (this.plainOnly.has(containerId)) return undefined;
    let p = this.channels.get(containerId);
    if (p !== undefined) {
      const open = await p;
      if (open?.isOpen === true) return receiverTransport(open);
    }
    p = this.start(exec);
    this.channels.set(containerId, p);
    const channel = await p;
    if (channel === undefined) this.plainOnly.add(containerId);
    return channel === undefined ? undefined : receiverTransport(channel);
  }

  /** After the receiver failed in this container: plain exec from now on. */
  givenUp(containerId: string): void {
    this.plainOnly.add(containerId);
    void this.channels.get(containerId)?.then((c) => c?.close());
    this.channels.delete(containerId);
  }

  /**
   * After the container restarted in place (same id): its receiver died with it, so the next
   * update starts a new one instead of writing to a connection that may not have closed yet.
   */
  restarted(containerId: string): void {
    void this.channels.get(containerId)?.then((c) => c?.close());
    this.channels.delete(containerId);
  }

  /** Closes the receivers of containers that are no longer updated. */
  retain(containerIds: ReadonlySet<string>): void {
    for (const [id, p] of this.channels) {
      if (containerIds.has(id)) continue;
      this.channels.delete(id);
      void p.then((c) => c?.close());
    }
  }

  private async start(exec: BoundExec): Promise<ReceiverChannel | undefined> {
    const nonce = newNonce();
    const channel = new ReceiverChannel(nonce);
    try {
      const stream = await exec.open(['sh', '-c', receiverScript(nonce)], {
        stdout: (c) => channel.onStdout(c),
        stderr: (c) => channel.onStderr(c),
      });
      channel.attach(stream);
      return channel;
    } catch {
      return undefined;
    }
  }
}
