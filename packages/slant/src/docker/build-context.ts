// The build context as Tilt sends it to a legacy (non-BuildKit) daemon: a tar of the context
// directory walked in lexical order, minus ignored paths, owners cleared, and the Dockerfile
// contents from the spec written last as `Dockerfile` (so it wins over a file of that name).
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';

/** Which paths leave the context (ignore/filter.ts createBuildContextFilter). */
export interface ContextFilter {
  matches(path: string): boolean;
  matchesEntireDir(path: string): boolean;
}

export interface BuildContextOptions {
  /** Absolute context directory. */
  readonly dir: string;
  readonly dockerfileContents: string;
  readonly filter: ContextFilter;
  /** Modification time written for the Dockerfile entry. */
  readonly now: Date;
  /** Called with the running byte count as the tar is produced. */
  readonly onBytes?: (total: number) => void;
  /** Called when the tar starts (a BuildKit session reads the directory instead: no tar). */
  readonly onStart?: () => void;
  /** Called once the whole tar has been read. */
  readonly onEnd?: () => void;
}

export const DOCKERFILE_NAME = 'Dockerfile';

// Files below this size are read whole, so the size in the header matches what is written even
// when the file changes during the walk (as Tilt does).
const BUFFER_LIMIT = 5_000_000;

interface Entry {
  readonly path: string;
  readonly header: Partial<tar.Header> & Pick<tar.Header, 'name'>;
}

async function walk(
  root: string,
  filter: ContextFilter,
  out: Entry[],
  path: string,
): Promise<void> {
  let st: Awaited<ReturnType<typeof lstat>>;
  try {
    st = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (filter.matches(path)) {
    // An ignored directory may still hold re-included files, unless all of it is ignored.
    if (!st.isDirectory() || path === root || filter.matchesEntireDir(path)) return;
  } else {
    const name = path === root ? '.' : relative(root, path).split('\\').join('/');
    const base = { name, mode: st.mode & 0o7777, uid: 0, gid: 0, mtime: st.mtime };
    if (st.isDirectory()) out.push({ path, header: { ...base, type: 'directory' } });
    else if (st.isSymbolicLink()) {
      out.push({ path, header: { ...base, type: 'symlink', linkname: await readlink(path) } });
    } else if (st.isFile()) out.push({ path, header: { ...base, type: 'file', size: st.size } });
    // Sockets, fifos and devices cannot go in a build context; Docker skips them too.
  }
  if (!st.isDirectory()) return;
  const names = (await readdir(path)).sort();
  for (const n of names) await walk(root, filter, out, join(path, n));
}

async function writeFile(pack: tar.Pack, e: Entry): Promise<void> {
  const size = e.header.size ?? 0;
  if (size < BUFFER_LIMIT) {
    let data: Buffer;
    try {
      data = await readFile(e.path);
    } catch (err) {
      // Deleted since the walk: leave it out.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    await new Promise<void>((resolve, reject) => {
      pack.entry({ ...e.header, size: data.length }, data, (err) =>
        err ? reject(err) : resolve(),
      );
    });
    return;
  }
  const sink = pack.entry(e.header);
  await pipeline(createReadStream(e.path), sink);
}

async function fill(pack: tar.Pack, opts: BuildContextOptions): Promise<void> {
  const entries: Entry[] = [];
  await walk(opts.dir, opts.filter, entries, opts.dir);
  for (const e of entries) {
    if (e.header.type === 'file') await writeFile(pack, e);
    else pack.entry(e.header);
  }
  const df = Buffer.from(opts.dockerfileContents, 'utf8');
  pack.entry(
    {
      name: DOCKERFILE_NAME,
      type: 'file',
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: opts.now,
      size: df.length,
    },
    df,
  );
  pack.finalize();
}

/**
 * The context tar as a stream. Errors (an unreadable directory, a vanished context) end the
 * stream with that error.
 */
export function tarBuildContext(opts: BuildContextOptions): Readable {
  const pack = tar.pack();
  let total = 0;
  // Counts bytes as the consumer pulls them, so progress reflects what was sent.
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      total += chunk.length;
      opts.onBytes?.(total);
      cb(null, chunk);
    },
  });
  pack.pipe(out);
  opts.onStart?.();
  if (opts.onEnd) out.on('end', opts.onEnd);
  // A consumer that gives up early (a failed build) closes `out`; the pack then stops quietly.
  pack.on('error', () => {});
  out.on('close', () => pack.destroy());
  fill(pack, opts).catch((err: unknown) => {
    out.destroy(err instanceof Error ? err : new Error(String(err)));
    pack.destroy();
  });
  return out;
}
