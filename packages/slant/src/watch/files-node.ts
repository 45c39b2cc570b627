// LocalFiles over node:fs (the real adapter; composition roots pass it in).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { LocalFiles } from './files.ts';

export const nodeLocalFiles: LocalFiles = {
  stat(path) {
    try {
      const s = statSync(path);
      return { isDirectory: s.isDirectory(), mode: s.mode, mtimeMs: s.mtimeMs, size: s.size };
    } catch {
      return undefined;
    }
  },
  read: (path) => readFileSync(path),
  list: (dir) => readdirSync(dir),
};
