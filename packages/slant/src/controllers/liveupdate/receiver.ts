// The live-update fast path: one exec per container runs a small shell loop that reads framed
// requests from its stdin — `T <n>` a tar archive to unpack at /, `R <n>` newline-separated
// paths to remove, `C <n>` a shell command to run — and answers each with `<nonce> <exit code>`
// on stdout. An update then costs a round trip on an open connection instead of a new exec (and
// needs no stdin close, so it also works with servers older than the v5 exec protocol).
import { randomBytes } from 'node:crypto';
import { ExecError, type ExecStream } from '../../k8s/exec.ts';

export type RequestKind = 'T' | 'R' | 'C';

export function receiverScript(nonce: string): string {
  // `read` takes the header byte by byte (POSIX sh doesn't read past the newline of a pipe);
  // `head -c` then takes exactly the payload, since nothing else is sent until the answer.
  return [
    'while IFS=" " read -r op n; do',
    '  case "$op" in',
    '    T) head -c "$n" | tar -C / -x -f - ;;',
    '    R) head -c "$n" | while IFS= read -r p; do rm -rf -- "$p"; done ;;',
    '    C) cmd=$(head -c "$n"); sh -c "$cmd" </dev/null ;;',
    '    *) exit 3 ;;',
    '  esac',
    `  echo "${nonce} $?"`,
    'done',
  ].join('\n');
}

/** `'a' 'b c'`: argv as one shell command line. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
}

export function newNonce(): string {
  return `slant-lu-${randomBytes(8).toString('hex')}`;
}

interface Pending {
  resolve(code: number): void;
  reject(err: Error): void;
  onOutput: (text: string) => void;
}

/** The client side of one receiver: requests one at a time, answers parsed from stdout. */
export class ReceiverChannel {
  private readonly nonce: string;
  private stream: ExecStream | undefined;
  private buffer = '';
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private ended: Error | undefined;
  private readonly decoder = new TextDecoder();

  constructor(nonce: string) {
    this.nonce = nonce;
  }

  attach(stream: ExecStream): void {
    this.stream = stream;
    void stream.closed.then(() => this.end(new ExecError('live update connection closed')));
  }

  get isOpen(): boolean {
    return this.ended === undefined && this.stream !== undefined;
  }

  onStdout(chunk: Uint8Array): void {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const marker = new RegExp(`${this.nonce} (\\d+)\\n`);
    for (;;) {
      const m = marker.exec(this.buffer);
      if (m === null) break;
      const out = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const p = this.pending;
      this.pending = undefined;
      if (out !== '') p?.onOutput(out);
      p?.resolve(Number(m[1]));
    }
    // Output with no answer yet is passed on as it comes, keeping a tail that may be a marker.
    const keep = this.nonce.length + 8;
    if (this.pending !== undefined && this.buffer.length > keep) {
      this.pending.onOutput(this.buffer.slice(0, -keep));
      this.buffer = this.buffer.slice(-keep);
    }
  }

  onStderr(chunk: Uint8Array): void {
    this.pending?.onOutput(this.decoder.decode(chunk));
  }

  /** Sends one request; resolves with its exit code. Requests run in order. */
  send(kind: RequestKind, payload: Uint8Array, onOutput: (text: string) => void): Promise<number> {
    const run = async (): Promise<number> => {
      if (this.ended !== undefined || this.stream === undefined) {
        throw this.ended ?? new ExecError('live update connection not open');
      }
      const stream = this.stream;
      return new Promise<number>((resolve, reject) => {
        this.pending = { resolve, reject, onOutput };
        stream.write(Buffer.concat([Buffer.from(`${kind} ${payload.length}\n`), payload]));
      });
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.stream?.close();
    this.end(new ExecError('live update connection closed'));
  }

  private end(err: Error): void {
    if (this.ended !== undefined) return;
    this.ended = err;
    this.pending?.reject(err);
    this.pending = undefined;
  }
}
