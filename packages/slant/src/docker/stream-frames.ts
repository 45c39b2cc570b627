// Docker's multiplexed attach stream (no TTY): each frame is an 8-byte header — the stream
// (1 stdout, 2 stderr), three zero bytes, the payload length as a big-endian uint32 — then the
// payload. Frames arrive split and joined arbitrarily across chunks.

const HEADER = 8;

export class StreamDemuxer {
  private readonly stdout: (chunk: Uint8Array) => void;
  private readonly stderr: (chunk: Uint8Array) => void;
  private pending: Buffer = Buffer.alloc(0);

  constructor(stdout: (chunk: Uint8Array) => void, stderr: (chunk: Uint8Array) => void) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  push(chunk: Uint8Array): void {
    this.pending =
      this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= HEADER) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER + size) return;
      const stream = this.pending[0];
      const payload = this.pending.subarray(HEADER, HEADER + size);
      this.pending = this.pending.subarray(HEADER + size);
      // Stdin (0) is never echoed back; anything but stderr is output.
      if (size > 0) (stream === 2 ? this.stderr : this.stdout)(payload);
    }
  }
}

/** One frame, as the engine writes it (for tests). */
export function frame(stream: 1 | 2, payload: string | Uint8Array): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(HEADER);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
