// Hand-written fakes of the Tiltfile host: an in-memory file system, a scripted process runner
// and a log that collects lines. Tests build a host with fakeHost({ files: {...} }).
import { posix } from 'node:path';
import type {
  ExtensionRepoFetch,
  ExtensionRepoFetcher,
  FileInfo,
  KubeContextInfo,
  ProcessRequest,
  ProcessResult,
  SyncProcessRunner,
  TiltfileFS,
  TiltfileHost,
  TiltfileLog,
} from './host.ts';
import { FsError } from './host.ts';

/** An in-memory file system; directories exist implicitly above every file. */
export class FakeFS implements TiltfileFS {
  private readonly files = new Map<string, Buffer>();
  private readonly dirs = new Set<string>(['/']);
  private readonly links = new Map<string, string>();

  constructor(files: Readonly<Record<string, string | Buffer>> = {}) {
    for (const [p, content] of Object.entries(files)) this.write(p, content);
  }

  /** Writes a file (string content is UTF-8), creating its parent directories. */
  write(path: string, content: string | Buffer): void {
    const p = posix.resolve(path);
    this.files.set(p, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    this.mkdir(posix.dirname(p));
  }

  mkdir(path: string): void {
    for (let p = posix.resolve(path); !this.dirs.has(p); p = posix.dirname(p)) this.dirs.add(p);
  }

  /** Makes `path` a symlink to `target` (absolute). */
  symlink(target: string, path: string): void {
    const p = posix.resolve(path);
    this.links.set(p, posix.resolve(target));
    this.mkdir(posix.dirname(p));
  }

  remove(path: string): void {
    this.files.delete(posix.resolve(path));
  }

  private resolveLinks(path: string): string {
    let p = posix.resolve(path);
    for (let i = 0; i < 40; i++) {
      const parts = p.split('/');
      let changed = false;
      for (let j = 2; j <= parts.length; j++) {
        const prefix = parts.slice(0, j).join('/') || '/';
        const target = this.links.get(prefix);
        if (target !== undefined) {
          p = posix.join(target, ...parts.slice(j));
          changed = true;
          break;
        }
      }
      if (!changed) return p;
    }
    return p;
  }

  readFile(path: string): Buffer {
    const p = this.resolveLinks(path);
    const content = this.files.get(p);
    if (content !== undefined) return content;
    if (this.dirs.has(p)) throw new FsError('EISDIR', 'read', path);
    throw new FsError('ENOENT', 'open', path);
  }

  stat(path: string): FileInfo | undefined {
    const p = this.resolveLinks(path);
    const content = this.files.get(p);
    if (content !== undefined) return { isFile: true, isDir: false, size: content.length };
    if (this.dirs.has(p)) return { isFile: false, isDir: true, size: 0 };
    return undefined;
  }

  readdir(path: string): string[] {
    const p = this.resolveLinks(path);
    if (this.files.has(p)) throw new FsError('ENOTDIR', 'open', path);
    if (!this.dirs.has(p)) throw new FsError('ENOENT', 'open', path);
    const names = new Set<string>();
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const key of [...this.files.keys(), ...this.dirs, ...this.links.keys()]) {
      if (key.startsWith(prefix) && key.length > prefix.length) {
        names.add(key.slice(prefix.length).split('/')[0]!);
      }
    }
    return [...names].sort();
  }

  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  realpath(path: string): string {
    const p = this.resolveLinks(path);
    if (!this.files.has(p) && !this.dirs.has(p)) throw new FsError('ENOENT', 'lstat', path);
    return p;
  }
}

/** A scripted answer: when `match` accepts the request, `result` is returned. */
export interface ProcessScript {
  readonly match: string | RegExp | ((req: ProcessRequest) => boolean);
  readonly result: Partial<Omit<ProcessResult, 'stdout' | 'stderr'>> & {
    readonly stdout?: string | Buffer;
    readonly stderr?: string | Buffer;
  };
}

/**
 * A process runner answering from scripts, first match wins; string/RegExp matches test the
 * argv joined with spaces. Unscripted commands fail with exit code 127, like a missing binary.
 */
export class FakeProcessRunner implements SyncProcessRunner {
  readonly calls: ProcessRequest[] = [];
  private readonly scripts: ProcessScript[];

  constructor(scripts: readonly ProcessScript[] = []) {
    this.scripts = [...scripts];
  }

  on(match: ProcessScript['match'], result: ProcessScript['result']): this {
    this.scripts.push({ match, result });
    return this;
  }

  runSync(req: ProcessRequest): ProcessResult {
    this.calls.push(req);
    const line = req.argv.join(' ');
    for (const s of this.scripts) {
      const m = s.match;
      const ok = typeof m === 'string' ? line === m : m instanceof RegExp ? m.test(line) : m(req);
      if (!ok) continue;
      const r = s.result;
      return {
        stdout: toBuffer(r.stdout),
        stderr: toBuffer(r.stderr),
        exitCode: r.exitCode ?? 0,
        ...(r.spawnError === undefined ? {} : { spawnError: r.spawnError }),
      };
    }
    return {
      stdout: Buffer.alloc(0),
      stderr: Buffer.from(`fake: no script for: ${line}\n`),
      exitCode: 127,
    };
  }
}

function toBuffer(x: string | Buffer | undefined): Buffer {
  return x === undefined ? Buffer.alloc(0) : typeof x === 'string' ? Buffer.from(x, 'utf8') : x;
}

/** Collects log lines: print() output as-is, warnings as `WARNING: text`. */
export class FakeLog implements TiltfileLog {
  readonly lines: string[] = [];
  readonly warnings: string[] = [];
  print(text: string): void {
    this.lines.push(text);
  }
  warn(text: string): void {
    this.warnings.push(text);
    this.lines.push(`WARNING: ${text}`);
  }
  /** Everything logged, one line each, newline-terminated (as Tilt's print output reads). */
  get output(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
}

export interface FakeHostOptions {
  files?: Readonly<Record<string, string | Buffer>>;
  scripts?: readonly ProcessScript[];
  env?: Readonly<Record<string, string>>;
  kube?: KubeContextInfo;
  argv?: readonly string[];
  /** ext:// repositories: URL → checkout path in the fake file system. */
  extensionRepos?: Readonly<Record<string, string>>;
}

export interface FakeHost extends TiltfileHost {
  readonly fs: FakeFS;
  readonly proc: FakeProcessRunner;
  readonly log: FakeLog;
}

/** A host of fakes; the kube context defaults to a dev cluster (kind-kind). */
export function fakeHost(opts: FakeHostOptions = {}): FakeHost {
  return {
    fs: new FakeFS(opts.files),
    proc: new FakeProcessRunner(opts.scripts),
    env: opts.env ?? { HOME: '/home/user', PATH: '/usr/bin:/bin' },
    kube: opts.kube ?? { context: 'kind-kind', namespace: 'default' },
    log: new FakeLog(),
    argv: opts.argv ?? ['slant', 'up'],
    executable: '/usr/local/bin/slant',
    osName: 'posix',
    ...(opts.extensionRepos === undefined
      ? {}
      : { extensionRepos: new FakeExtensionRepos(opts.extensionRepos) }),
  };
}

/** Extension repositories already "checked out": URL → path in the fake file system. */
export class FakeExtensionRepos implements ExtensionRepoFetcher {
  readonly fetched: string[] = [];
  private readonly paths: Readonly<Record<string, string>>;
  constructor(paths: Readonly<Record<string, string>>) {
    this.paths = paths;
  }
  fetch(repo: { readonly url: string }): ExtensionRepoFetch {
    this.fetched.push(repo.url);
    const path = this.paths[repo.url];
    return path === undefined
      ? { error: `download error: no fake checkout of ${repo.url}` }
      : { path };
  }
}
