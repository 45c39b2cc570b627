// The seam for port forwarding: open one byte stream to a port of a pod. The PortForward
// controller keeps the local listener and dials once per accepted connection. The real adapter
// is port-forward-node.ts, the fake port-forward-fake.ts.
import type { Duplex } from 'node:stream';

export interface PortForwardTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
}

export interface PortForwardDialer {
  /**
   * Opens a stream to `target`. Rejects when the connection to the API server cannot be
   * upgraded (e.g. the pod does not exist). A failure inside the pod (nothing listening on the
   * port) destroys the returned stream with the kubelet's message.
   */
  dial(target: PortForwardTarget, signal: AbortSignal): Promise<Duplex>;
}
