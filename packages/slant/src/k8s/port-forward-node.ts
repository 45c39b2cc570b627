// PortForwardDialer over the API server's pods/portforward websocket, with
// @kubernetes/client-node's PortForward: one websocket per dialed stream.
import { Duplex, Writable } from 'node:stream';
import { PortForward } from '@kubernetes/client-node';
import { lazyKubeConfig } from './kubeconfig-lazy.ts';
import type { PortForwardDialer, PortForwardTarget } from './port-forward-client.ts';

export interface NodePortForwardDialerOptions {
  readonly kubeconfigPath: string;
  /** The kubeconfig context to use; its current context when absent. */
  readonly context?: string;
}

/** What this adapter needs of the websocket client-node returns. */
interface Socket {
  close(): void;
  on(event: 'close', fn: () => void): unknown;
}

export class NodePortForwardDialer implements PortForwardDialer {
  private readonly forward: () => PortForward;

  constructor(opts: NodePortForwardDialerOptions) {
    const kc = lazyKubeConfig(opts);
    let made: PortForward | undefined;
    // disconnectOnErr=false: we end the stream ourselves with the kubelet's message.
    this.forward = () => {
      made ??= new PortForward(kc(), false);
      return made;
    };
  }

  async dial(target: PortForwardTarget, signal: AbortSignal): Promise<Duplex> {
    let ws: Socket | undefined;
    // The Duplex the controller sees: its writes go to the pod through `input`; what the pod
    // sends is pushed into it by `output`.
    const input = new Duplex({ read() {}, write: (_c, _e, cb) => cb() });
    const stream = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, cb) {
        input.push(chunk);
        cb();
      },
      final(cb) {
        input.push(null);
        cb();
      },
      destroy(err, cb) {
        ws?.close();
        cb(err);
      },
    });
    const output = new Writable({
      write(chunk: Buffer, _enc, cb) {
        stream.push(chunk);
        cb();
      },
    });
    // The kubelet reports a failure inside the pod (e.g. nothing listens on the port) on the
    // error channel. Its first frame only carries the port number, so it is empty here.
    let opened = false;
    let early: string | undefined;
    const errors = new Writable({
      write(chunk: Buffer, _enc, cb) {
        const text = chunk.toString('utf8').trim();
        if (text !== '') {
          if (opened) stream.destroy(new Error(text));
          else early ??= text;
        }
        cb();
      },
    });
    try {
      const { namespace, pod, port } = target;
      const socket = await this.forward().portForward(
        namespace,
        pod,
        [port],
        output,
        errors,
        input,
      );
      ws = typeof socket === 'function' ? (socket() ?? undefined) : socket;
    } catch (err) {
      stream.destroy();
      throw new Error(dialErrorText(err));
    }
    // Until the caller has the stream it has no error listener, so an early failure rejects.
    if (early !== undefined) {
      stream.destroy();
      throw new Error(early);
    }
    opened = true;
    ws?.on('close', () => {
      if (!stream.destroyed) stream.push(null);
    });
    const abort = () => stream.destroy();
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    stream.once('close', () => signal.removeEventListener('abort', abort));
    return stream;
  }
}

/** ws rejects with an ErrorEvent (`{message}`), not an Error. */
function dialErrorText(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err) {
    const message = (err as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(err);
}
