// PodLogSource over the API server's pods/log endpoint, with @kubernetes/client-node's Log.
import { Writable } from 'node:stream';
import { ApiException, Log, type LogOptions } from '@kubernetes/client-node';
import { lazyKubeConfig } from './kubeconfig-lazy.ts';
import type { PodLogRequest, PodLogSource } from './pod-logs.ts';

export interface NodePodLogSourceOptions {
  readonly kubeconfigPath: string;
  /** The kubeconfig context to use; its current context when absent. */
  readonly context?: string;
}

export class NodePodLogSource implements PodLogSource {
  private readonly log: () => Log;

  constructor(opts: NodePodLogSourceOptions) {
    const kc = lazyKubeConfig(opts);
    let made: Log | undefined;
    this.log = () => {
      made ??= new Log(kc());
      return made;
    };
  }

  async stream(
    req: PodLogRequest,
    onChunk: (chunk: string) => void,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) return;
    const decoder = new TextDecoder();
    let fail: (err: Error) => void = () => {};
    let finish: () => void = () => {};
    const ended = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '') onChunk(text);
        cb();
      },
      final(cb) {
        const rest = decoder.decode();
        if (rest !== '') onChunk(rest);
        cb();
      },
    });
    sink.on('finish', () => finish());
    // Log pipes the response body into `sink` and never listens for the body's errors, so an
    // aborted or broken body would be an uncaught exception: listen here.
    sink.on('pipe', (src) =>
      src.on('error', (err) => (signal.aborted ? finish() : fail(new Error(errorText(err))))),
    );
    const opts: LogOptions = { follow: req.follow, timestamps: req.timestamps };
    if (req.sinceTime !== undefined) opts.sinceTime = req.sinceTime.toISOString();
    let controller: AbortController;
    try {
      controller = await this.log().log(req.namespace, req.pod, req.container, sink, opts);
    } catch (err) {
      throw new Error(errorText(err));
    }
    const abort = () => {
      controller.abort();
      finish();
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    try {
      await ended;
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }
}

/** The Status message when the server sent one; else what we know (client-node drops it). */
function errorText(err: unknown): string {
  if (err instanceof ApiException) {
    const body: unknown = err.body;
    if (typeof body === 'object' && body !== null && 'message' in body) {
      const message = (body as { message: unknown }).message;
      if (typeof message === 'string') return message;
    }
    return `Error occurred in log request: HTTP ${err.code}`;
  }
  return err instanceof Error ? err.message : String(err);
}
