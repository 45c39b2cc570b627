// The directories a build session offers BuildKit (Tilt's toDirSource): "context", the build
// context filtered by Tilt's ignore rules, and "dockerfile", the Dockerfile from the spec plus an
// empty Dockerfile.dockerignore so that the daemon does no filtering of its own. A DiffCopy request
// narrows a directory further with fsutil's include patterns, exclude patterns and follow paths
// (the frontend asks only for the files its COPY steps name). Entries come in fsutil's walk order:
// depth first, names sorted by bytes, a directory before what it holds.
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { posix } from 'node:path';
import type { ContextFilter } from '../build-context.ts';
import { dockerPatternMatcher, type PathMatcher } from '../../ignore/pattern.ts';
import { goFileMode, type WireStat } from './wire.ts';

/** What one DiffCopy call asks of a directory (its gRPC metadata). */
export interface SyncRequest {
  readonly includePatterns: readonly string[];
  readonly excludePatterns: readonly string[];
  readonly followPaths: readonly string[];
}

export interface SyncEntry {
  readonly stat: WireStat;
  /** A regular file's contents in chunks, read when the receiver asks for them. */
  readonly read?: () => AsyncIterable<Buffer> | Iterable<Buffer>;
}

export interface SyncDir {
  entries(req: SyncRequest): Promise<SyncEntry[]>;
}

export const DOCKERFILE_DIR_NAMES = { context: 'context', dockerfile: 'dockerfile' } as const;

/** The "dockerfile" directory: the spec's Dockerfile and an empty Dockerfile.dockerignore. */
export function dockerfileDir(name: string, contents: string, now: Date): SyncDir {
  // A fresh modification time at every build: BuildKit keeps the previous transfer and only
  // asks for files whose size or time changed, and a re-injected Dockerfile may keep its size.
  const modTime = now.getTime() * 1e6;
  const file = (path: string, data: Buffer): SyncEntry => ({
    stat: { path, mode: 0o644, uid: 0, gid: 0, size: data.length, modTime, linkname: '' },
    read: () => [data],
  });
  const ignore = Buffer.from("# Slant's empty dockerignore: the context is filtered already\n");
  // In walk order already: a name sorts before itself plus a suffix.
  const entries = [file(name, Buffer.from(contents, 'utf8')), file(`${name}.dockerignore`, ignore)];
  return { entries: () => Promise.resolve(entries) };
}

/** fsutil's send buffer: file data goes out in packets of at most this size. */
export const CHUNK_BYTES = 32 * 1024;

const GLOB_CHARS = /[*?[\\^]/;

// The directory part of a pattern before its first segment with a wildcard.
function literalPrefix(pattern: string): string {
  const parts = posix.normalize(pattern.replace(/^\/+/, '')).split('/');
  const i = parts.findIndex((p) => GLOB_CHARS.test(p));
  return (i < 0 ? parts : parts.slice(0, i)).join('/');
}

function under(parent: string, child: string): boolean {
  return parent === '' || parent === '.' || child === parent || child.startsWith(`${parent}/`);
}

// fsutil's FollowLinks: a follow path through a symlink also includes the link's target.
async function followLinks(root: string, paths: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const start of paths) {
    let p = posix.normalize(start.replace(/^\/+/, ''));
    for (let hops = 0; hops < 40; hops++) {
      out.add(p);
      const st = await lstat(posix.join(root, p)).catch(() => undefined);
      if (st === undefined || !st.isSymbolicLink()) break;
      const target = await readlink(posix.join(root, p));
      p = posix.normalize(
        target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(p), target),
      );
      if (p.startsWith('..')) break;
    }
  }
  return [...out];
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The build context on disk: Tilt's filter (absolute paths), then the request's patterns. */
export function contextDir(root: string, filter: ContextFilter): SyncDir {
  return {
    async entries(req) {
      // A piece of a split header (session.ts) may not be a pattern on its own: it is dropped, its
      // re-joined run is there too. BuildKit checks the patterns it sends.
      const includes = [
        ...req.includePatterns,
        ...(await followLinks(root, req.followPaths)),
      ].filter((p) => dockerPatternMatcher(root, [p]) !== undefined);
      const include = includes.length > 0 ? dockerPatternMatcher(root, includes) : undefined;
      const exclude =
        req.excludePatterns.length > 0
          ? dockerPatternMatcher(root, req.excludePatterns)
          : undefined;
      if ((includes.length > 0 && !include) || (req.excludePatterns.length > 0 && !exclude)) {
        throw new Error(`invalid patterns: ${JSON.stringify(req)}`);
      }
      const prefixes = includes.filter((p) => !p.startsWith('!')).map(literalPrefix);
      const out: SyncEntry[] = [];
      await walkDir(root, '', { filter, include, exclude, prefixes }, [], out);
      return out;
    },
  };
}

interface WalkRules {
  readonly filter: ContextFilter;
  readonly include: PathMatcher | undefined;
  readonly exclude: PathMatcher | undefined;
  /** The literal directory prefixes of the include patterns. */
  readonly prefixes: readonly string[];
}

// Directories walked into but not sent yet: sent when something below them is.
type Pending = { entry: SyncEntry; sent: boolean }[];

async function walkDir(
  root: string,
  rel: string,
  rules: WalkRules,
  pending: Pending,
  out: SyncEntry[],
): Promise<void> {
  let names: string[];
  try {
    names = await readdir(rel === '' ? root : posix.join(root, rel));
  } catch (err) {
    // Removed since its parent was read.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  names.sort(byBytes);
  for (const name of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const abs = posix.join(root, path);
    const st = await lstat(abs).catch(() => undefined);
    if (st === undefined) continue;
    const isDir = st.isDirectory();
    const kind = isDir ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : undefined;
    // Sockets, fifos and devices cannot go in a build context.
    if (kind === undefined) continue;
    if (isDir ? rules.filter.matchesEntireDir(abs) : rules.filter.matches(abs)) continue;
    let send = true;
    if (rules.include !== undefined && !rules.include.matches(abs)) {
      if (!isDir || !rules.prefixes.some((p) => under(path, p) || under(p, path))) continue;
      send = false;
    }
    if (rules.exclude?.matches(abs)) {
      if (isDir && rules.exclude.matchesEntireDir(abs)) continue;
      send = false;
    }
    const stat: WireStat = {
      path,
      mode: goFileMode(st.mode, kind),
      uid: 0,
      gid: 0,
      size: kind === 'file' ? st.size : 0,
      modTime: Math.trunc(st.mtimeMs * 1e3) * 1e3,
      linkname: kind === 'symlink' ? await readlink(abs) : '',
    };
    const entry: SyncEntry =
      kind === 'file'
        ? { stat, read: () => createReadStream(abs, { highWaterMark: CHUNK_BYTES }) }
        : { stat };
    if (send) {
      for (const p of pending) {
        if (!p.sent) out.push(p.entry);
        p.sent = true;
      }
      out.push(entry);
    }
    if (isDir) {
      pending.push({ entry, sent: send });
      await walkDir(root, path, rules, pending, out);
      pending.pop();
    }
  }
}
