import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import { type PacketStream, sendDiffCopy } from './diffcopy.ts';
import { CHUNK_BYTES, type SyncEntry } from './sync-dir.ts';
import { GoMode, type Packet, PacketType, packetCodec } from './wire.ts';

// The receiver's end of the call: records what Slant sends, and lets the test answer.
class FakeCall extends EventEmitter implements PacketStream {
  readonly sent: Packet[] = [];
  ended = false;
  /** Every Nth write reports a full buffer, so the sender must wait for 'drain'. */
  private readonly fullEvery: number;
  constructor(fullEvery = 0) {
    super();
    this.fullEvery = fullEvery;
  }
  write(p: Packet): boolean {
    // Round-trip through the wire format, as gRPC would.
    this.sent.push(packetCodec.deserialize(packetCodec.serialize(p)));
    if (this.fullEvery > 0 && this.sent.length % this.fullEvery === 0) {
      setImmediate(() => this.emit('drain'));
      return false;
    }
    return true;
  }
  end(): void {
    this.ended = true;
  }
  receive(p: Packet): void {
    this.emit('data', p);
  }
  settled(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function file(path: string, contents: string | Buffer): SyncEntry {
  const data = Buffer.from(contents);
  return {
    stat: { path, mode: 0o644, uid: 0, gid: 0, size: data.length, modTime: 1, linkname: '' },
    read: () => [data],
  };
}

const DIR: SyncEntry = {
  stat: {
    path: 'd',
    mode: (GoMode.dir | 0o755) >>> 0,
    uid: 0,
    gid: 0,
    size: 0,
    modTime: 1,
    linkname: '',
  },
};

describe("fsutil's DiffCopy, sending side", () => {
  test('sends every stat, then an empty one; file contents only on request; FIN ends it', async () => {
    const call = new FakeCall();
    const done = sendDiffCopy(call, [DIR, file('d/a.txt', 'alpha'), file('d/b.txt', 'beta')]);
    await call.settled();
    expect(call.sent.map((p) => [p.type, p.stat?.path ?? null])).toEqual([
      [PacketType.STAT, 'd'],
      [PacketType.STAT, 'd/a.txt'],
      [PacketType.STAT, 'd/b.txt'],
      [PacketType.STAT, null],
    ]);
    expect(call.sent[0]!.stat!.mode).toBe((GoMode.dir | 0o755) >>> 0);
    // Entries are numbered from 0 in walk order, the directory included.
    call.receive({ type: PacketType.REQ, ID: 2 });
    call.receive({ type: PacketType.FIN });
    await done;
    expect(
      call.sent.slice(4).map((p) => [p.type, p.ID, Buffer.from(p.data ?? []).toString()]),
    ).toEqual([
      [PacketType.DATA, 2, 'beta'],
      [PacketType.DATA, 2, ''],
      [PacketType.FIN, undefined, ''],
    ]);
    expect(call.ended).toBe(true);
  });

  test('streams large files in chunks and waits when the call is full', async () => {
    const big = Buffer.alloc(CHUNK_BYTES * 3 + 10, 7);
    const chunks = [big.subarray(0, CHUNK_BYTES), big.subarray(CHUNK_BYTES)];
    const call = new FakeCall(2);
    const entry: SyncEntry = { ...file('big.bin', big), read: () => chunks };
    const done = sendDiffCopy(call, [entry]);
    call.receive({ type: PacketType.REQ, ID: 0 });
    call.receive({ type: PacketType.FIN });
    await done;
    const data = call.sent.filter((p) => p.type === PacketType.DATA);
    expect(Buffer.concat(data.map((p) => Buffer.from(p.data ?? [])))).toEqual(big);
    expect(data.at(-1)?.data?.length ?? 0).toBe(0);
  });

  test('a file removed since the walk arrives empty', async () => {
    const call = new FakeCall();
    const gone: SyncEntry = {
      ...file('gone.txt', 'x'),
      read: () => ({
        [Symbol.asyncIterator]: () => ({
          next: () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })),
        }),
      }),
    };
    const done = sendDiffCopy(call, [gone]);
    call.receive({ type: PacketType.REQ, ID: 0 });
    call.receive({ type: PacketType.FIN });
    await done;
    expect(call.sent.filter((p) => p.type === PacketType.DATA)).toEqual([
      expect.objectContaining({ ID: 0 }),
    ]);
  });

  test('a request for a directory or an unknown number fails the transfer with ERR', async () => {
    const call = new FakeCall();
    const done = sendDiffCopy(call, [DIR]);
    call.receive({ type: PacketType.REQ, ID: 0 });
    await expect(done).rejects.toThrow('invalid file id 0');
    expect(call.sent.at(-1)).toMatchObject({ type: PacketType.ERR });
    expect(Buffer.from(call.sent.at(-1)!.data!).toString()).toBe('invalid file id 0');
  });

  test("the receiver's ERR fails the transfer with its message", async () => {
    const call = new FakeCall();
    const done = sendDiffCopy(call, []);
    call.receive({ type: PacketType.ERR, data: Buffer.from('disk full') });
    await expect(done).rejects.toThrow('error from receiver: disk full');
  });

  test('a call closed before FIN fails the transfer', async () => {
    const call = new FakeCall();
    const done = sendDiffCopy(call, [file('a', 'a')]);
    call.emit('close');
    await expect(done).rejects.toThrow('session closed before the transfer finished');
  });
});
