// The local end of one forward: TCP listeners on host:localPort whose every accepted connection
// is piped to a freshly dialed stream to the current target pod. The target can change while
// the listeners stay open, so the port answers again as soon as a replacement pod is ready.
// Binding follows Kubernetes' port forwarder (Tilt's fork): `localhost` means 127.0.0.1 and ::1,
// either of which may fail; an explicit address must bind; failures read as Go's errors.
import { lookup } from 'node:dns/promises';
import { createServer, isIP, type Server, type Socket } from 'node:net';
import type { PortForwardDialer } from '../../k8s/port-forward-client.ts';

export interface ForwardTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly containerPort: number;
}

export interface ForwardListenerDeps {
  readonly dialer: PortForwardDialer;
  /** Told the outcome of every dial: the error text, or undefined when it connected. */
  readonly onDial: (error: string | undefined) => void;
}

interface ListenAddress {
  readonly address: string;
  readonly family: 'tcp4' | 'tcp6';
  /** `all`: the group fails only if every address in it fails; `any`: each must bind. */
  readonly failureMode: 'all' | 'any';
}

/** Go's texts for the bind errors a listen can meet. */
const SYSCALL_TEXT: Readonly<Record<string, string>> = {
  EADDRINUSE: 'address already in use',
  EACCES: 'permission denied',
  EADDRNOTAVAIL: 'cannot assign requested address',
  EAFNOSUPPORT: 'address family not supported by protocol',
};

export class ForwardListener {
  target: ForwardTarget;
  /** The port actually bound (differs from the requested one when that was 0). */
  readonly localPort: number;
  readonly addresses: readonly string[];
  private readonly servers: readonly Server[];
  private readonly sockets = new Set<Socket>();
  private readonly abort = new AbortController();
  private readonly deps: ForwardListenerDeps;

  private constructor(
    target: ForwardTarget,
    localPort: number,
    bound: readonly { server: Server; address: string }[],
    deps: ForwardListenerDeps,
  ) {
    this.target = target;
    this.localPort = localPort;
    this.addresses = bound.map((b) => b.address);
    this.servers = bound.map((b) => b.server);
    this.deps = deps;
    for (const server of this.servers) server.on('connection', (s) => this.accept(s));
  }

  /** Binds every address of `host`; rejects with Tilt's "Unable to listen on port" text. */
  static async open(
    host: string,
    localPort: number,
    target: ForwardTarget,
    deps: ForwardListenerDeps,
  ): Promise<ForwardListener> {
    const addresses = await listenAddresses(host);
    const bound: { server: Server; address: string; mode: string }[] = [];
    const errors: { text: string; mode: string }[] = [];
    let port = localPort;
    for (const a of addresses) {
      const server = createServer();
      try {
        port = await listen(server, a.address, port);
        bound.push({ server, address: a.address, mode: a.failureMode });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        const hostPort = a.family === 'tcp6' ? `[${a.address}]:${port}` : `${a.address}:${port}`;
        const reason = SYSCALL_TEXT[code] ?? (err as Error).message;
        errors.push({
          text: `unable to create listener: Error listen ${a.family} ${hostPort}: bind: ${reason}`,
          mode: a.failureMode,
        });
      }
    }
    const okAll = bound.some((b) => b.mode === 'all');
    const failedAll = errors.some((e) => e.mode === 'all');
    const failedAny = errors.some((e) => e.mode === 'any');
    if ((failedAll && !okAll) || failedAny) {
      await Promise.all(bound.map((b) => closeServer(b.server)));
      const list = errors.map((e) => e.text).join(' ');
      throw new Error(
        `Unable to listen on port ${localPort}: Listeners failed to create with the following errors: [${list}]`,
      );
    }
    return new ForwardListener(target, port, bound, deps);
  }

  /** Stops listening and cuts every open connection. */
  async close(): Promise<void> {
    this.abort.abort();
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map(closeServer));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const { namespace, pod, containerPort } = this.target;
    // The socket buffers what the client sends until it is piped, so nothing is lost here.
    this.deps.dialer.dial({ namespace, pod, port: containerPort }, this.abort.signal).then(
      (remote) => {
        this.deps.onDial(undefined);
        if (socket.destroyed) {
          remote.destroy();
          return;
        }
        remote.on('error', () => socket.destroy());
        socket.on('close', () => remote.destroy());
        socket.pipe(remote);
        remote.pipe(socket);
      },
      (err: unknown) => {
        this.deps.onDial(err instanceof Error ? err.message : String(err));
        socket.destroy();
      },
    );
  }
}

/** Tilt's parseAddresses (sorted, as there) plus the lookup of a host name. */
async function listenAddresses(host: string): Promise<ListenAddress[]> {
  if (host === '' || host === 'localhost') {
    return [
      { address: '127.0.0.1', family: 'tcp4', failureMode: 'all' },
      { address: '::1', family: 'tcp6', failureMode: 'all' },
    ];
  }
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let ips = [bare];
  if (isIP(bare) === 0) {
    try {
      ips = (await lookup(bare, { all: true })).map((a) => a.address);
    } catch (err) {
      throw new Error(`failed to look up address for ${host}: ${(err as Error).message}`);
    }
  }
  return [...new Set(ips)].sort().map((address) => ({
    address,
    family: isIP(address) === 6 ? 'tcp6' : 'tcp4',
    failureMode: 'any',
  }));
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true, ipv6Only: isIP(host) === 6 }, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
