// The tar archive a live update unpacks at `/` in the container (Tilt's TarArchiveForPaths +
// MissingLocalPaths): changed files that still exist are archived under their container paths
// (a directory with everything in it); files that no longer exist are removed instead.
import { join } from 'node:path';
import { pack } from 'tar-stream';
import type { LocalFiles } from '../../watch/files.ts';
import type { PathMapping } from './plan.ts';

export interface ArchivePlan {
  readonly toCopy: readonly PathMapping[];
  readonly toRemove: readonly PathMapping[];
}

export function splitMissing(files: LocalFiles, mappings: readonly PathMapping[]): ArchivePlan {
  const toCopy: PathMapping[] = [];
  const toRemove: PathMapping[] = [];
  for (const m of mappings) (files.stat(m.localPath) === undefined ? toRemove : toCopy).push(m);
  return { toCopy, toRemove };
}

/** A tar of the mappings' files, directories walked; entry names are container paths. */
export async function tarArchive(
  files: LocalFiles,
  mappings: readonly PathMapping[],
): Promise<Uint8Array> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c) => chunks.push(c as Buffer));
  const ended = new Promise<void>((res, rej) => {
    p.on('end', () => res());
    p.on('error', rej);
  });
  const add = (local: string, container: string): void => {
    const info = files.stat(local);
    if (info === undefined) return;
    const name = container.replace(/^\/+/, '');
    const mtime = new Date(info.mtimeMs);
    if (info.isDirectory) {
      p.entry({ name: `${name}/`, type: 'directory', mode: info.mode & 0o7777, mtime });
      for (const child of files.list(local).sort()) add(join(local, child), join(container, child));
      return;
    }
    p.entry({ name, mode: info.mode & 0o7777, mtime }, Buffer.from(files.read(local)));
  };
  for (const m of mappings) add(m.localPath, m.containerPath);
  p.finalize();
  await ended;
  return Buffer.concat(chunks);
}
