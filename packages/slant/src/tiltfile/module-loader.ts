// The per-execution file cache behind load(), include() and load_dynamic() (starkit's
// Environment.exec): a path is resolved against the loading file, executed once, and its globals
// (or its error) are cached; loading a file that is still executing is "Circular load".
import { posix } from 'node:path';
import type { Thread, Value } from '@slant/starlark';
import { decodeUtf8 } from '@slant/starlark';
import { FsError } from './host.ts';
import type { TiltfileRun } from './run.ts';
import { EXEC_PATH_KEY, starString } from './run.ts';

/** Runs one file's source; names are extra predeclared values (none so far). */
export type ExecSource = (
  thread: Thread,
  path: string,
  src: Uint8Array,
  names: ReadonlyMap<string, Value>,
) => Map<string, Value>;

/**
 * Turns a load() argument into a local path, or returns undefined to let the next interceptor
 * (finally: the path relative to the loading file) decide. ext:// resolution plugs in here.
 */
export type LoadInterceptor = (
  run: TiltfileRun,
  thread: Thread,
  module: string,
) => string | undefined;

type Entry =
  | { readonly status: 'executing' }
  | {
      readonly status: 'done';
      readonly globals: ReadonlyMap<string, Value>;
      readonly err?: unknown;
    };

export class ModuleLoader {
  private readonly cache = new Map<string, Entry>();
  /** Sources by path (host form), for code frames. */
  private readonly sources = new Map<string, string>();
  readonly interceptors: LoadInterceptor[] = [];
  private readonly run: TiltfileRun;
  private readonly execSource: ExecSource;

  constructor(run: TiltfileRun, execSource: ExecSource) {
    this.run = run;
    this.execSource = execSource;
  }

  /** The load hook: module is the Starlark string given to load()/include()/load_dynamic(). */
  load(thread: Thread, module: string): ReadonlyMap<string, Value> {
    let local: string | undefined;
    for (const i of this.interceptors) {
      local = i(this.run, thread, module);
      if (local !== undefined) break;
    }
    return this.exec(thread, local ?? this.run.absPath(thread, module));
  }

  /** Executes the file at the absolute host path (once), with the cache. */
  exec(thread: Thread, path: string): ReadonlyMap<string, Value> {
    const entry = this.cache.get(path);
    if (entry?.status === 'executing') throw new Error(starString(`Circular load: ${path}`));
    if (entry?.status === 'done') {
      if (entry.err !== undefined) throw entry.err;
      return entry.globals;
    }
    this.cache.set(path, { status: 'executing' });
    const old = thread.locals.get(EXEC_PATH_KEY);
    thread.locals.set(EXEC_PATH_KEY, path);
    try {
      const globals = this.doLoad(thread, path);
      this.cache.set(path, { status: 'done', globals });
      return globals;
    } catch (err) {
      this.cache.set(path, { status: 'done', globals: new Map(), err });
      throw err;
    } finally {
      thread.locals.set(EXEC_PATH_KEY, old);
    }
  }

  private doLoad(thread: Thread, path: string): Map<string, Value> {
    let bytes: Buffer;
    try {
      bytes = this.run.host.fs.readFile(path);
    } catch (e) {
      if (e instanceof FsError)
        throw new Error(starString(`error reading file ${path}: ${e.message}`));
      throw e;
    }
    // As Tilt's OnExec hook: recorded once read (a missing file is not watched).
    this.run.recordRead(path);
    this.sources.set(path, bytes.toString('latin1'));
    return this.execSource(thread, path, bytes, new Map());
  }

  /** Source of an executed file; file is a position's file name (a Starlark binary string). */
  source(file: string): string | undefined {
    return this.sources.get(decodeUtf8(file)) ?? this.sources.get(posix.normalize(file));
  }
}
