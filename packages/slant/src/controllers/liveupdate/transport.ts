// How an update reaches a container: a plain exec per command (Tilt's way), or the fast path — a
// receiver kept running in the container (receiver.ts). The pool keeps one receiver per
// container, opens it on first use, and remembers containers where it can't run (then plain exec).
import type { ContainerExec, ExecTarget } from '../../k8s/exec.ts';
import { newNonce, ReceiverChannel, receiverScript, shellQuote } from './receiver.ts';

/** Each resolves with the exit code; a thrown ExecError means the container was not reached. */
export interface ContainerTransport {
  readonly name: 'exec' | 'receiver';
  remove(paths: readonly string[], log: (text: string) => void): Promise<number>;
  extract(archive: Uint8Array, log: (text: string) => void): Promise<number>;
  run(argv: readonly string[], log: (text: string) => void): Promise<number>;
}

export const TAR_ARGV = ['tar', '-C', '/', '-x', '-f', '-'] as const;

export function execTransport(
  exec: ContainerExec,
  target: ExecTarget,
  signal: AbortSignal,
): ContainerTransport {
  const code = async (argv: readonly string[], log: (t: string) => void, stdin?: Uint8Array) =>
    (await exec.run(target, argv, { signal, onOutput: log, ...(stdin ? { stdin } : {}) })).exitCode;
  return {
    name: 'exec',
    remove: (paths, log) => code(['rm', '-rf', ...paths], log),
    extract: (archive, log) => code(TAR_ARGV, log, archive),
    run: (argv, log) => code(argv, log),
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
  private readonly exec: ContainerExec;
  private readonly channels = new Map<string, Promise<ReceiverChannel | undefined>>();
  private readonly plainOnly = new Set<string>();

  constructor(exec: ContainerExec) {
    this.exec = exec;
  }

  /** The receiver of the container, started if needed; undefined when it can't run there. */
  async receiver(target: ExecTarget, containerId: string): Promise<ContainerTransport | undefined> {
    if (this.plainOnly.has(containerId)) return undefined;
    let p = this.channels.get(containerId);
    if (p !== undefined) {
      const open = await p;
      if (open?.isOpen === true) return receiverTransport(open);
    }
    p = this.start(target);
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

  /** Closes the receivers of containers that are no longer updated. */
  retain(containerIds: ReadonlySet<string>): void {
    for (const [id, p] of this.channels) {
      if (containerIds.has(id)) continue;
      this.channels.delete(id);
      void p.then((c) => c?.close());
    }
  }

  private async start(target: ExecTarget): Promise<ReceiverChannel | undefined> {
    const nonce = newNonce();
    const channel = new ReceiverChannel(nonce);
    try {
      const stream = await this.exec.open(target, ['sh', '-c', receiverScript(nonce)], {
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
