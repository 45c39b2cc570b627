// A file's modification state for FileWatch's repeat filter: kind, mtime and size, or `missing`.
import type { LocalFileInfo } from '../../watch/files.ts';

export function statFingerprint(files: {
  stat(path: string): LocalFileInfo | undefined;
}): (path: string) => string {
  return (path) => {
    const s = files.stat(path);
    return s === undefined ? 'missing' : `${s.isDirectory ? 'd' : 'f'}:${s.mtimeMs}:${s.size}`;
  };
}
