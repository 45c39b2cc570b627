// The local file system as FileWatch (change fingerprints) and live update (what to copy) read
// it; the real adapter is files-node.ts, tests use small in-memory ones.

export interface LocalFileInfo {
  readonly isDirectory: boolean;
  readonly mode: number;
  readonly mtimeMs: number;
  readonly size: number;
}

/** The local file system, as live update reads it. */
export interface LocalFiles {
  /** undefined when the path does not exist. */
  stat(path: string): LocalFileInfo | undefined;
  read(path: string): Uint8Array;
  list(dir: string): string[];
}
