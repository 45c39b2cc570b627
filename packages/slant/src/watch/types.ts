// Recursive file watching. The real adapter (parcel.ts) uses @parcel/watcher for directories and
// watches the nearest existing parent of single files and of paths that do not exist yet, as
// Tilt's watcher does; the fake (fake.ts) lets tests emit events by hand.

export interface WatchHandle {
  /** Stops watching; no callback runs after it resolves. */
  close(): Promise<void>;
}

export interface WatcherFactory {
  /**
   * Watches absolute `paths` (directories recursively). `onEvents` gets the absolute paths of
   * changed files and directories under them, in batches as the OS delivers them, unfiltered
   * (ignores are the caller's). `onError` reports a watch that went wrong while running; a
   * watch that cannot start rejects.
   */
  watch(
    paths: readonly string[],
    onEvents: (paths: string[]) => void,
    onError: (err: Error) => void,
  ): Promise<WatchHandle>;
}
