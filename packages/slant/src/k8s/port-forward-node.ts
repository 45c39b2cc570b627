// PortForwardDialer over the API server's pods/portforward websocket (client-node's
// WebSocketHandler; its PortForward class would load the generated API): one websocket per
// dialed stream. Channel 0 carries the data, channel 1 the kubelet's errors; each channel's
// first frame starts with the port number (2 bytes).
import { Duplex } from 'node:stream';
import { WebSocketHandler } from './client-node-lib.ts';
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
  private readonly handler: () => WebSocketHandler;

  constructor(opts: NodePortForwardDialerOptions) {
    const kc = lazyKubeConfig(opts);
    let made: WebSocketHandler | undefined;
    this.handler = () => {
      made ??= new WebSocketHandler(kc());
      return made;
    };
  }

  async dial(target: PortForwardTarget, signal: AbortSignal): Promise<Duplex> {
    let ws: Socket | undefined;
    // The Duplex the controller sees: its writes go to the pod through `input`; what the pod
    // sends is pushed into it by `onFrame`.
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
    // The kubelet reports a failure inside the pod (e.g. nothing listens on the port) on the
    // error channel. Its first frame only carries the port number, so it is empty here.
    let opened = false;
    let early: string | undefined;
    const onError = (chunk: Buffer): void => {
      const text = chunk.toString('utf8').trim();
      if (text === '') return;
      if (opened) stream.destroy(new Error(text));
      else early ??= text;
    };
    const portPrefix = [true, true];
    // Frames on other channels are ignored; the connection stays open (we end the stream
    // ourselves with the kubelet's message).
    const onFrame = (channel: number, frame: Buffer): boolean => {
      let data = frame;
      if (channel > 1) return true;
      if (portPrefix[channel] === true) {
        data = data.subarray(2);
        portPrefix[channel] = false;
      }
      if (channel === 0) stream.push(data);
      else onError(data);
      return true;
    };
    try {
      const { namespace, pod, port } = target;
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward?ports=${port}`;
      const socket = await this.handler().connect(path, null, onFrame);
      WebSocketHandler.handleStandardInput(socket, input, 0);
      ws = socket;
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
