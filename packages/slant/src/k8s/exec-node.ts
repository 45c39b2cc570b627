// ContainerExec over the API server's exec endpoint with @kubernetes/client-node's Exec: a
// websocket that negotiates the v5 channel protocol, which can close stdin so `tar -x -f -`
// sees the end of its input. The exit code comes from the final Status frame.
import { PassThrough, Readable, Writable } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import { Exec } from './client-node-lib.ts';
import { lazyKubeConfig } from './kubeconfig-lazy.ts';
import {
  type ContainerExec,
  ExecError,
  type ExecResult,
  type ExecStream,
  type ExecStreamHandlers,
  type ExecTarget,
} from './exec.ts';

export interface NodeContainerExecOptions {
  readonly kubeconfigPath: string;
  readonly context?: string;
}

function exitCodeOf(status: V1Status): number {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  if (cause?.message !== undefined) return Number(cause.message);
  throw new ExecError(status.message ?? 'exec failed');
}

export class NodeContainerExec implements ContainerExec {
  private readonly exec: () => Exec;

  constructor(opts: NodeContainerExecOptions) {
    const kc = lazyKubeConfig(opts);
    let made: Exec | undefined;
    this.exec = () => {
      made ??= new Exec(kc());
      return made;
    };
  }

  async open(
    target: ExecTarget,
    argv: readonly string[],
    handlers: ExecStreamHandlers,
  ): Promise<ExecStream> {
    const sink = (fn: (c: Uint8Array) => void) =>
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          fn(chunk);
          cb();
        },
      });
    const stdin = new PassThrough();
    let closedResolve: () => void = () => {};
    const closed = new Promise<void>((r) => {
      closedResolve = r;
    });
    let ws: Awaited<ReturnType<Exec['exec']>>;
    try {
      ws = await this.exec().exec(
        target.namespace,
        target.pod,
        target.container,
        [...argv],
        sink(handlers.stdout),
        sink(handlers.stderr),
        stdin,
        false,
        () => closedResolve(),
      );
    } catch (err) {
      throw new ExecError(errorText(err));
    }
    ws.on('close', () => closedResolve());
    ws.on('error', () => closedResolve());
    return {
      write: (data) => stdin.write(Buffer.from(data)),
      close: () => {
        stdin.destroy();
        ws.close();
      },
      closed,
    };
  }

  async run(
    target: ExecTarget,
    argv: readonly string[],
    opts: { stdin?: Uint8Array; signal?: AbortSignal; onOutput?: (text: string) => void } = {},
  ): Promise<ExecResult> {
    const out = { stdout: '', stderr: '' };
    const sink = (key: 'stdout' | 'stderr') =>
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          const text = chunk.toString('utf8');
          out[key] += text;
          opts.onOutput?.(text);
          cb();
        },
      });
    const stdin = opts.stdin === undefined ? null : Readable.from([Buffer.from(opts.stdin)]);
    return new Promise<ExecResult>((resolve, reject) => {
      const done = (status: V1Status): void => {
        try {
          resolve({ exitCode: exitCodeOf(status), ...out });
        } catch (err) {
          reject(err);
        }
      };
      let exec: Exec;
      try {
        exec = this.exec();
      } catch (err) {
        reject(new ExecError(errorText(err)));
        return;
      }
      exec
        .exec(
          target.namespace,
          target.pod,
          target.container,
          [...argv],
          sink('stdout'),
          sink('stderr'),
          stdin,
          false,
          done,
        )
        .then((ws) => {
          ws.on('error', (err) => reject(new ExecError(err.message)));
          // The Status frame comes before the close; a close without one is a broken connection,
          // not a success (a settled promise ignores this).
          ws.on('close', () =>
            reject(new ExecError('exec connection closed before the command finished')),
          );
          opts.signal?.addEventListener('abort', () => ws.close(), { once: true });
        })
        .catch((err: unknown) => reject(new ExecError(errorText(err))));
    });
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  // client-node rejects with the HTTP status frame when the upgrade is refused.
  const status = (err as { message?: string } | undefined)?.message;
  return status ?? String(err);
}
