// The engine API's plumbing under NodeDockerClient: docker-modem calls as promises, the daemon's
// errors in the moby client's words, and its streamed JSON messages.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DockerError, type JsonMessage } from './client.ts';

// docker-modem's dial as a promise; statuses other than 200 (and 101 for an upgrade) are errors.
export function dial<T>(docker: Docker, opts: Record<string, unknown>): Promise<T> {
  const modem = docker.modem as unknown as {
    dial(o: Record<string, unknown>, cb: (err: unknown, data: unknown) => void): void;
  };
  return new Promise((resolve, reject) => {
    modem.dial(
      {
        statusCodes: { 101: true, 200: true, 400: 'bad parameter', 500: 'server error' },
        ...opts,
      },
      (err, data) => (err ? reject(err) : resolve(data as T)),
    );
  });
}

export interface ModemError {
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
}

// Go's moby client words HTTP failures as "Error response from daemon: <message>".
export function toDockerError(err: unknown): DockerError {
  if (err instanceof DockerError) return err;
  const e = err as ModemError;
  const msg = e.json?.message;
  if (e.statusCode !== undefined && typeof msg === 'string') {
    return new DockerError(`Error response from daemon: ${msg}`, e.statusCode);
  }
  return new DockerError(e.message ?? String(err), e.statusCode);
}

/** Reads Docker's newline-delimited JSON stream; throws DockerError on a message with an error. */
export async function readJsonMessages(
  stream: NodeJS.ReadableStream,
  onMessage: (m: JsonMessage) => void,
): Promise<JsonMessage[]> {
  const all: JsonMessage[] = [];
  let buf = '';
  const handle = (line: string): void => {
    if (line.trim() === '') return;
    const m = JSON.parse(line) as JsonMessage;
    all.push(m);
    onMessage(m);
    const error = m.errorDetail?.message ?? m.error;
    if (error !== undefined && (error !== '' || m.errorDetail !== undefined)) {
      throw new DockerError(error);
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      handle(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      nl = buf.indexOf('\n');
    }
  }
  handle(buf);
  return all;
}

// Destroys the response stream when the caller aborts, so the for-await loop ends.
function abortable(stream: NodeJS.ReadableStream, signal: AbortSignal | undefined): () => void {
  if (signal === undefined) return () => {};
  const onAbort = (): void => {
    (stream as Readable).destroy(new DockerError('context canceled'));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/** Reads a streamed response's messages until it ends or `signal` aborts; failures as DockerError. */
export async function readMessages(
  stream: NodeJS.ReadableStream,
  signal: AbortSignal | undefined,
  onMessage: (m: JsonMessage) => void,
): Promise<JsonMessage[]> {
  const detach = abortable(stream, signal);
  try {
    return await readJsonMessages(stream, onMessage);
  } catch (err) {
    throw toDockerError(err);
  } finally {
    detach();
  }
}
