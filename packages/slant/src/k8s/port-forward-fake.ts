// An in-memory PortForwardDialer for unit tests: each dial is recorded and handed to `serve`,
// which plays the pod's side of the stream (e.g. answers like an HTTP server).
import { type Duplex, duplexPair } from 'node:stream';
import type { PortForwardDialer, PortForwardTarget } from './port-forward-client.ts';

export class FakePortForwardDialer implements PortForwardDialer {
  readonly dials: PortForwardTarget[] = [];
  /** Plays the pod: gets the pod's end of each dialed stream. */
  serve: (target: PortForwardTarget, podSide: Duplex) => void = (_t, podSide) => podSide.end();
  /** When it returns a message for a target, dialing that target rejects with it. */
  refuse: (target: PortForwardTarget) => string | undefined = () => undefined;

  dial(target: PortForwardTarget, signal: AbortSignal): Promise<Duplex> {
    this.dials.push(target);
    const refused = this.refuse(target);
    if (refused !== undefined) return Promise.reject(new Error(refused));
    const [local, podSide] = duplexPair();
    const abort = () => local.destroy();
    signal.addEventListener('abort', abort, { once: true });
    local.once('close', () => signal.removeEventListener('abort', abort));
    this.serve(target, podSide);
    return Promise.resolve(local);
  }
}
