// `slant snapshot view FILE` on this machine: reads the file (or stdin for "-"), serves it with
// the built web app, and opens the browser.
import { readFile } from 'node:fs/promises';
import { UserError } from './errors.ts';
import { checkSnapshot, SNAPSHOT_PAGE, startSnapshotServer } from './server/snapshot-server.ts';
import { openUrl } from './tui/open-url.ts';
import { WEB_ASSETS } from './web-assets.ts';

export interface SnapshotViewOptions {
  /** A path, or "-" for stdin. */
  readonly source: string;
  readonly host: string;
  /** 0 picks a free port (Tilt's default for this command). */
  readonly port: number;
  readonly open: boolean;
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: NodeJS.ReadableStream;
}

export interface SnapshotView {
  readonly url: string;
  /** Why the browser did not open, when it did not. */
  readonly openError?: string;
  close(): Promise<void>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readSource(source: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (source === '-') return readAll(stdin);
  try {
    return await readFile(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError('bad-snapshot', `open ${source}: no such file or directory`);
    }
    throw err;
  }
}

export async function serveSnapshotView(opts: SnapshotViewOptions): Promise<SnapshotView> {
  const text = await readSource(opts.source, opts.stdin);
  checkSnapshot(text, opts.source === '-' ? 'from stdin' : opts.source);
  let server: Awaited<ReturnType<typeof startSnapshotServer>>;
  try {
    server = await startSnapshotServer({
      snapshot: text,
      host: opts.host,
      port: opts.port,
      assetsDir: WEB_ASSETS,
    });
  } catch (err) {
    throw new UserError(
      'port-in-use',
      `could not get a free port: ${(err as Error).message}`,
      'Pass another --port, or 0 for a free one.',
    );
  }
  const host = opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  const url = `http://${host}:${server.port}${SNAPSHOT_PAGE}`;
  const openError = opts.open
    ? await openUrl(url, opts.env).then(
        () => undefined,
        (err: unknown) => (err as Error).message,
      )
    : undefined;
  return {
    url,
    ...(openError === undefined ? {} : { openError }),
    close: () => server.close(),
  };
}
