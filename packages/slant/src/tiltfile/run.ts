// TiltfileRun: the context of one Tiltfile execution, handed to every builtin. It owns the state
// being declared, the injected host, the mutable process environment (os.putenv affects later
// local() calls), the files read (to watch) and the warnings.
import { posix } from 'node:path';
import type { Thread } from '@slant/starlark';
import { decodeUtf8, encodeUtf8 } from '@slant/starlark';
import { goIsAbs, goJoin } from './gopath.ts';
import type { TiltfileHost } from './host.ts';
import type { TiltfileState } from './state.ts';
import { newTiltfileState } from './state.ts';

/** thread.locals key of the absolute path of the file being executed (starkit's). */
export const EXEC_PATH_KEY = 'slant.execPath';

export interface TiltfileRunOptions {
  /** Absolute path of the main Tiltfile. */
  readonly mainPath: string;
  /** Tiltfile args (those after `--` on the command line, or `tilt args`). */
  readonly args?: readonly string[];
  /** config.tilt_subcommand: 'up', 'down', 'ci', 'alpha tiltfile-result', ... */
  readonly subcommand?: string;
  /** The web UI's port and host (TILT_PORT / TILT_HOST in local()'s environment). */
  readonly webPort?: number;
  readonly webHost?: string;
  /** The kubeconfig file in use (KUBECONFIG for local() children), when known. */
  readonly kubeconfigPath?: string;
  /**
   * When the slant process started (RFC 3339; Tilt's model.StartTime): stable across Tiltfile
   * re-runs, so specs derived from it (pod log sinceTime) don't change on reload.
   */
  readonly startTime?: string;
  /** Record every builtin call with its duration (`alpha tiltfile-result --builtin-timings`). */
  readonly recordBuiltinCalls?: boolean;
}

/** One recorded builtin call (starkit.BuiltinCall). */
export interface BuiltinCall {
  readonly name: string;
  /** The positional arguments as a Starlark tuple repr, e.g. `("a", 1)`. */
  readonly args: string;
  readonly durationMs: number;
}

export class TiltfileRun {
  readonly host: TiltfileHost;
  readonly state: TiltfileState = newTiltfileState();
  readonly mainPath: string;
  readonly mainDir: string;
  readonly args: readonly string[];
  readonly subcommand: string;
  readonly webPort: number;
  readonly webHost: string;
  readonly kubeconfigPath: string | undefined;
  readonly startTime: string | undefined;
  /** The environment local() and friends see; seeded from the host, changed by os.putenv. */
  readonly env: Map<string, string>;
  /** Builtin calls in completion order, when recordBuiltinCalls is set; else undefined. */
  readonly builtinCalls: BuiltinCall[] | undefined;
  /** warn() messages and assembly warnings, in order. */
  readonly warnings: string[] = [];

  constructor(host: TiltfileHost, opts: TiltfileRunOptions) {
    this.host = host;
    this.mainPath = opts.mainPath;
    this.mainDir = posix.dirname(opts.mainPath);
    this.args = opts.args ?? [];
    this.subcommand = opts.subcommand ?? 'up';
    this.webPort = opts.webPort ?? 10350;
    this.webHost = opts.webHost ?? 'localhost';
    this.kubeconfigPath = opts.kubeconfigPath;
    this.startTime = opts.startTime;
    this.builtinCalls = opts.recordBuiltinCalls === true ? [] : undefined;
    this.env = new Map(Object.entries(host.env));
  }

  /** Absolute path of the file executing on thread (the main Tiltfile outside any load). */
  currentPath(thread: Thread): string {
    const p = thread.locals.get(EXEC_PATH_KEY);
    return typeof p === 'string' ? p : this.mainPath;
  }

  /** Directory of the executing file: relative paths in builtins resolve against it. */
  currentDir(thread: Thread): string {
    return posix.dirname(this.currentPath(thread));
  }

  /**
   * starkit.AbsPath of a path given to a builtin (a Starlark string, as received): the host path,
   * unchanged when absolute, else joined to currentDir (and cleaned).
   */
  absPath(thread: Thread, p: string): string {
    const hp = decodeUtf8(p);
    return goIsAbs(hp) ? hp : goJoin(this.currentDir(thread), hp);
  }

  /**
   * Records a file the Tiltfile depends on: a change to it re-runs the Tiltfile (io.RecordReadPath).
   * A file-only read of an existing directory records nothing; `recursive` watches a whole tree.
   */
  recordRead(path: string, recursive = false): void {
    if (!recursive && this.host.fs.stat(path)?.isDir === true) return;
    this.recordFile(path);
  }

  /** recordRead for a path already known not to be a directory (no stat). */
  recordFile(path: string): void {
    this.state.files.configFiles.add(path);
  }

  /**
   * Reads a file and records it, as recordRead then a read would; a path that reads is a file, so
   * only a failed read needs the stat (one syscall less per Dockerfile and YAML file).
   */
  readRecorded(path: string): Buffer {
    let data: Buffer;
    try {
      data = this.host.fs.readFile(path);
    } catch (err) {
      this.recordRead(path);
      throw err;
    }
    this.recordFile(path);
    return data;
  }

  /** print() output: one log line (text is a Starlark binary string). */
  print(text: string): void {
    this.host.log.print(decodeUtf8(text));
  }

  /** warn(): logged as a warning and counted. */
  warn(text: string): void {
    const t = decodeUtf8(text);
    this.warnings.push(t);
    this.host.log.warn(t);
  }

  /** The environment as a record, for a child process. */
  envRecord(): Record<string, string> {
    return Object.fromEntries(this.env);
  }
}

/**
 * Thrown by exit(): stops the whole execution without an error (starkit.ErrStopExecution). The
 * loader looks for it along the cause chain of what execution throws.
 */
export class StopExecution extends Error {
  override name = 'StopExecution';
  constructor() {
    super('stop execution');
  }
}

/** A Starlark (binary UTF-8) string as a host string, e.g. a path for the file system. */
export function hostString(s: string): string {
  return decodeUtf8(s);
}

/** A host string as a Starlark (binary) string, e.g. a path in a value or an error message. */
export function starString(s: string): string {
  return encodeUtf8(s);
}
