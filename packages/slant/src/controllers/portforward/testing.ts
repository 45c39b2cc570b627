// Socket helpers for the port-forward tests: free ports, a one-shot client and a fake pod.
import { connect, createServer } from 'node:net';
import type { Duplex } from 'node:stream';
import type { PortForwardTarget } from '../../k8s/port-forward-client.ts';

/** A port that was free a moment ago (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host, port: 0 }, () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Sends `request` and resolves with everything received until the server ends the connection. */
export function roundTrip(port: number, request: string, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = '';
    socket.on('data', (d) => (received += d.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(request);
  });
}

/** A fake pod: reads one request chunk and answers with its name, then ends. */
export function answerWithPodName(target: PortForwardTarget, podSide: Duplex): void {
  podSide.once('data', (d: Buffer) => {
    podSide.end(`${target.pod}:${target.port} got ${d.toString()}`);
  });
}
