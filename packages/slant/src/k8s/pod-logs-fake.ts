// A scripted PodLogSource for unit tests: every stream() call is recorded as an open stream that
// the test feeds with chunks and ends (or fails) by hand.
import type { PodLogRequest, PodLogSource } from './pod-logs.ts';

export class FakeLogStream {
  readonly req: PodLogRequest;
  readonly done: Promise<void>;
  private readonly onChunk: (chunk: string) => void;
  private settle!: (err?: Error) => void;
  private ended = false;

  constructor(req: PodLogRequest, onChunk: (chunk: string) => void, signal: AbortSignal) {
    this.req = req;
    this.onChunk = onChunk;
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (err) => (err === undefined ? resolve() : reject(err));
    });
    if (signal.aborted) this.end();
    else signal.addEventListener('abort', () => this.end(), { once: true });
  }

  get open(): boolean {
    return !this.ended;
  }

  /** Delivers raw text, as the server would (it may hold several or partial lines). */
  send(chunk: string): void {
    if (this.ended) throw new Error(`log stream of ${this.req.container} already ended`);
    this.onChunk(chunk);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.settle();
  }

  fail(message: string): void {
    if (this.ended) return;
    this.ended = true;
    this.settle(new Error(message));
  }
}

export class FakePodLogSource implements PodLogSource {
  readonly streams: FakeLogStream[] = [];
  /** When set, stream() rejects at once with this message (e.g. container not found). */
  failNext: string | undefined;

  stream(req: PodLogRequest, onChunk: (chunk: string) => void, signal: AbortSignal): Promise<void> {
    const s = new FakeLogStream(req, onChunk, signal);
    this.streams.push(s);
    if (this.failNext !== undefined) {
      s.fail(this.failNext);
      this.failNext = undefined;
    }
    return s.done;
  }

  /** The streams opened for one container, oldest first. */
  of(container: string): FakeLogStream[] {
    return this.streams.filter((s) => s.req.container === container);
  }

  /** The newest stream of one container; throws when there is none. */
  latest(container: string): FakeLogStream {
    const s = this.of(container).at(-1);
    if (s === undefined) throw new Error(`no log stream for container ${container}`);
    return s;
  }
}
