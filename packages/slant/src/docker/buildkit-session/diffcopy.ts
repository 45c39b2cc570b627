// The sending side of fsutil's DiffCopy protocol, which BuildKit uses to pull a local directory
// through a session: every entry's Stat in walk order (numbered from 0), an empty Stat to end the
// list, then the contents of each regular file the receiver asks for (REQ with the entry's
// number), as DATA packets closed by an empty one. The receiver's FIN ends the exchange.
import { type Packet, PacketType } from './wire.ts';
import type { SyncEntry } from './sync-dir.ts';

/** The gRPC call as DiffCopy needs it: an object-mode duplex of packets. */
export interface PacketStream {
  write(p: Packet): boolean;
  once(event: 'drain', fn: () => void): unknown;
  on(event: 'data', fn: (p: Packet) => void): unknown;
  on(event: 'end' | 'close', fn: () => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  end(): void;
}

/** Sends `entries`; resolves when the receiver has all it asked for, rejects on a failure. */
export function sendDiffCopy(stream: PacketStream, entries: readonly SyncEntry[]): Promise<void> {
  const requestable = new Map<number, SyncEntry>();
  const send = async (p: Packet): Promise<void> => {
    if (!stream.write(p)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  const sendFile = async (id: number, e: SyncEntry): Promise<void> => {
    try {
      for await (const chunk of e.read?.() ?? []) {
        if (chunk.length > 0) await send({ type: PacketType.DATA, ID: id, data: chunk });
      }
    } catch (err) {
      // Removed since the walk: the receiver gets an empty file, as fsutil sends it.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await send({ type: PacketType.DATA, ID: id });
  };
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      if (err === undefined) resolve();
      else reject(err);
    };
    // Packets are handled one at a time, in order, behind the list of Stats.
    let queue = (async () => {
      for (const [i, e] of entries.entries()) {
        if (e.read !== undefined) requestable.set(i, e);
        await send({ type: PacketType.STAT, stat: e.stat });
      }
      await send({ type: PacketType.STAT });
    })();
    const handle = async (p: Packet): Promise<void> => {
      if (done) return;
      if (p.type === PacketType.REQ) {
        const id = p.ID ?? 0;
        const e = requestable.get(id);
        if (e === undefined) throw new Error(`invalid file id ${id}`);
        requestable.delete(id);
        await sendFile(id, e);
      } else if (p.type === PacketType.FIN) {
        await send({ type: PacketType.FIN });
        stream.end();
        finish();
      } else if (p.type === PacketType.ERR) {
        throw new Error(`error from receiver: ${Buffer.from(p.data ?? []).toString('utf8')}`);
      }
    };
    const fail = (err: unknown): void => {
      const e = err instanceof Error ? err : new Error(String(err));
      if (!done) stream.write({ type: PacketType.ERR, data: Buffer.from(e.message) });
      finish(e);
    };
    queue = queue.catch(fail);
    stream.on('data', (p) => {
      queue = queue.then(() => handle(p)).catch(fail);
    });
    stream.on('error', (err) => finish(err));
    stream.on('close', () => finish(new Error('session closed before the transfer finished')));
  });
}
