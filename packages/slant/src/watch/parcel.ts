// The real WatcherFactory. Directories get a recursive @parcel/watcher subscription (one native
// recursive watch, fast on big trees). A single file, or a path that does not exist yet, gets a
// non-recursive fs.watch on its nearest existing ancestor, re-armed deeper as the missing
// directories appear and switched to a recursive watch if the path turns out to be a directory
// (Tilt watches the greatest existing ancestor too).
import { type FSWatcher, watch as fsWatch, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import parcel from '@parcel/watcher';
import { isChild } from '../ignore/pattern.ts';
import type { WatcherFactory, WatchHandle } from './types.ts';

function kind(path: string): 'dir' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

function nearestExistingDir(path: string): string {
  let dir = dirname(path);
  while (kind(dir) !== 'dir' && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export class ParcelWatcherFactory implements WatcherFactory {
  async watch(
    paths: readonly string[],
    onEvents: (paths: string[]) => void,
    onError: (err: Error) => void,
  ): Promise<WatchHandle> {
    const w = new ParcelWatch([...new Set(paths.map((p) => resolve(p)))], onEvents, onError);
    try {
      await w.start();
    } catch (err) {
      await w.close();
      throw err;
    }
    return w;
  }
}

class ParcelWatch implements WatchHandle {
  private readonly roots: readonly string[];
  private readonly onEvents: (paths: string[]) => void;
  private readonly onError: (err: Error) => void;
  private readonly subscriptions = new Map<string, parcel.AsyncSubscription>();
  /** Paths that are not (yet) directories → the fs.watch on their nearest existing ancestor. */
  private readonly parents = new Map<string, { dir: string; watcher: FSWatcher }>();
  private closed = false;

  constructor(
    roots: readonly string[],
    onEvents: (paths: string[]) => void,
    onError: (err: Error) => void,
  ) {
    this.roots = roots;
    this.onEvents = onEvents;
    this.onError = onError;
  }

  async start(): Promise<void> {
    const dirs = this.roots.filter((r) => kind(r) === 'dir');
    // A path inside a watched directory is already covered by its recursive watch.
    const covered = (p: string) => dirs.some((d) => d !== p && isChild(d, p));
    for (const d of dirs) if (!covered(d)) await this.subscribe(d);
    for (const p of this.roots) if (!dirs.includes(p) && !covered(p)) this.watchParent(p);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { watcher } of this.parents.values()) watcher.close();
    this.parents.clear();
    const subs = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(subs.map((s) => s.unsubscribe()));
  }

  private deliver(paths: readonly string[]): void {
    if (this.closed) return;
    // Only what is at or under a watched path; a watched directory itself changing is noise.
    const out = paths.filter(
      (p) =>
        this.roots.some((r) => isChild(r, p)) && !(this.roots.includes(p) && kind(p) === 'dir'),
    );
    if (out.length > 0) this.onEvents(out);
  }

  private async subscribe(dir: string): Promise<void> {
    const sub = await parcel.subscribe(dir, (err, events) => {
      if (this.closed) return;
      if (err !== null) this.onError(asError(err));
      else this.deliver(events.map((e) => e.path));
    });
    if (this.closed) await sub.unsubscribe();
    else this.subscriptions.set(dir, sub);
  }

  private watchParent(path: string): void {
    const dir = nearestExistingDir(path);
    const current = this.parents.get(path);
    if (current?.dir === dir) return;
    current?.watcher.close();
    const watcher = fsWatch(dir, { persistent: false }, (_type, filename) =>
      this.onParentEvent(path, dir, filename),
    );
    // The ancestor itself went away: look for the next existing one.
    watcher.on('error', () => {
      if (!this.closed && this.parents.get(path)?.watcher === watcher) {
        this.parents.delete(path);
        watcher.close();
        this.watchParent(path);
      }
    });
    this.parents.set(path, { dir, watcher });
  }

  private onParentEvent(path: string, dir: string, filename: string | null): void {
    if (this.closed) return;
    const changed = filename === null ? undefined : join(dir, filename);
    if (changed !== undefined && changed !== path && !isChild(changed, path)) return;
    // The path itself changed, or a directory on the way to it came or went.
    const k = kind(path);
    if (changed === path || k !== 'missing') this.deliver([path]);
    if (k === 'dir') {
      this.parents.get(path)?.watcher.close();
      this.parents.delete(path);
      this.subscribe(path).catch((err: unknown) => this.onError(asError(err)));
      return;
    }
    this.watchParent(path);
  }
}
