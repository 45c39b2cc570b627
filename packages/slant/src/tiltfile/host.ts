// The I/O a Tiltfile execution needs, injected so that the loader and every builtin run against
// fakes in tests (host-fake.ts) and real adapters in app.ts (host-node.ts). Everything here is
// synchronous because Starlark evaluation is: local(), helm and kustomize block the evaluator.

/** What stat() reports; symlinks are followed. */
export interface FileInfo {
  readonly isFile: boolean;
  readonly isDir: boolean;
  readonly size: number;
}

/**
 * A file-system error with Go's os error text, e.g. `open /a/b: no such file or directory`,
 * because Tilt's messages embed those texts verbatim.
 */
export class FsError extends Error {
  override name = 'FsError';
  readonly code: FsErrorCode;
  readonly op: string;
  readonly path: string;
  constructor(code: FsErrorCode, op: string, path: string) {
    super(`${op} ${path}: ${FS_ERROR_TEXT[code]}`);
    this.code = code;
    this.op = op;
    this.path = path;
  }
}

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EACCES';

const FS_ERROR_TEXT: Readonly<Record<FsErrorCode, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
};

/** The file system as the Tiltfile sees it. Paths are absolute, in the host's (UTF-16) form. */
export interface TiltfileFS {
  /** The file's bytes; throws FsError (op "open", or "read" for a directory). */
  readFile(path: string): Buffer;
  /** undefined when nothing exists at path. */
  stat(path: string): FileInfo | undefined;
  /** Entry names of a directory, sorted; throws FsError. */
  readdir(path: string): string[];
  exists(path: string): boolean;
  /** Resolves symlinks; throws FsError when path does not exist. */
  realpath(path: string): string;
}

export interface ProcessRequest {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The complete environment of the child. */
  readonly env: Readonly<Record<string, string>>;
  readonly stdin?: Buffer;
}

export interface ProcessResult {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  /** -1 when the process could not be started (then spawnError says why). */
  readonly exitCode: number;
  readonly spawnError?: string;
}

/** Runs a process to completion (local(), helm template, kustomize build). */
export interface SyncProcessRunner {
  runSync(req: ProcessRequest): ProcessResult;
}

/** The current kube context, read once per execution. */
export interface KubeContextInfo {
  /** '' when there is no kubeconfig/context. */
  readonly context: string;
  /** The context's namespace ('default' when unset). */
  readonly namespace: string;
  /** The name of the context's cluster (kubeconfig `contexts[].context.cluster`), when known. */
  readonly cluster?: string;
  /** The API server URL of the context's cluster, when known. */
  readonly clusterServer?: string;
}

/** Where print() and warn() go (the (Tiltfile) resource log). Text is decoded (UTF-16). */
export interface TiltfileLog {
  /** One line of Tiltfile output; the text has no trailing newline. */
  print(text: string): void;
  warn(text: string): void;
}

/** What fetching an extension repository gave: its checkout on disk, or an error. */
export interface ExtensionRepoFetch {
  readonly path?: string;
  readonly error?: string;
  /** Why the checkout at `path` may be out of date (its update failed). */
  readonly staleReason?: string;
}

/**
 * Fetches git extension repositories (https URLs) for load('ext://...'); file:// repositories are
 * read in place. Synchronous: load() happens during evaluation.
 */
export interface ExtensionRepoFetcher {
  fetch(repo: {
    readonly name: string;
    readonly url: string;
    readonly ref: string;
  }): ExtensionRepoFetch;
}

export interface TiltfileHost {
  readonly fs: TiltfileFS;
  readonly proc: SyncProcessRunner;
  /** The environment of the slant process at the start of the execution (os.environ's seed). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Takes the execution's environment changes (undefined: unset) when it ends: Tilt's os.putenv
   * sets its process environment, which later executions and every command it runs inherit.
   */
  readonly setEnv?: (changes: Readonly<Record<string, string | undefined>>) => void;
  readonly kube: KubeContextInfo;
  readonly log: TiltfileLog;
  /** sys.argv: the argv of the slant process. */
  readonly argv: readonly string[];
  /** sys.executable: absolute path of the slant executable. */
  readonly executable: string;
  /** os.name. */
  readonly osName: 'posix' | 'nt';
  /** Fetches ext:// repositories; without it only file:// repositories load. */
  readonly extensionRepos?: ExtensionRepoFetcher;
}
