// The real Tiltfile host adapters: the local file system, synchronous child processes, the
// kubeconfig's current context and a log writer. Only app.ts constructs them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseYAMLValues } from '../k8s/yaml.ts';
import type {
  FileInfo,
  FsErrorCode,
  KubeContextInfo,
  ProcessRequest,
  ProcessResult,
  SyncProcessRunner,
  TiltfileFS,
  TiltfileLog,
} from './host.ts';
import { FsError } from './host.ts';

function fsError(e: unknown, op: string, path: string): unknown {
  const code = (e as { code?: string }).code;
  const known: readonly FsErrorCode[] = ['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES'];
  return known.includes(code as FsErrorCode) ? new FsError(code as FsErrorCode, op, path) : e;
}

export class NodeFS implements TiltfileFS {
  readFile(path: string): Buffer {
    try {
      return readFileSync(path);
    } catch (e) {
      throw fsError(e, (e as { code?: string }).code === 'EISDIR' ? 'read' : 'open', path);
    }
  }
  stat(path: string): FileInfo | undefined {
    try {
      // A missing file is the common answer (.git, .dockerignore): no exception for it.
      const s = statSync(path, { throwIfNoEntry: false });
      return s === undefined
        ? undefined
        : { isFile: s.isFile(), isDir: s.isDirectory(), size: s.size };
    } catch {
      return undefined;
    }
  }
  readdir(path: string): string[] {
    try {
      return readdirSync(path).sort();
    } catch (e) {
      throw fsError(e, 'open', path);
    }
  }
  exists(path: string): boolean {
    return existsSync(path);
  }
  realpath(path: string): string {
    try {
      return realpathSync(path);
    } catch (e) {
      throw fsError(e, 'lstat', path);
    }
  }
}

export class NodeProcessRunner implements SyncProcessRunner {
  runSync(req: ProcessRequest): ProcessResult {
    const [file, ...args] = req.argv;
    if (file === undefined) {
      return {
        stdout: Buffer.alloc(0),
        stderr: Buffer.alloc(0),
        exitCode: -1,
        spawnError: 'empty command',
      };
    }
    const r = spawnSync(file, args, {
      cwd: req.cwd,
      env: req.env,
      ...(req.stdin === undefined ? {} : { input: req.stdin }),
      maxBuffer: 1 << 30,
    });
    if (r.error !== undefined) {
      const code = (r.error as { code?: string }).code;
      const spawnError =
        code === 'ENOENT' ? `exec: "${file}": executable file not found in $PATH` : r.error.message;
      return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: -1, spawnError };
    }
    return {
      stdout: r.stdout ?? Buffer.alloc(0),
      stderr: r.stderr ?? Buffer.alloc(0),
      exitCode: r.status ?? 128 + 9,
    };
  }
}

/** Writes print() lines and warnings to a stream (stderr for the CLI), or keeps them. */
export class StreamLog implements TiltfileLog {
  private readonly write: (text: string, level?: 'WARN') => void;
  constructor(write: (text: string, level?: 'WARN') => void) {
    this.write = write;
  }
  print(text: string): void {
    this.write(`${text}\n`);
  }
  warn(text: string): void {
    // The log store's readers print "WARNING: " before it (an anchored warning line).
    this.write(`${text}\n`, 'WARN');
  }
}

interface KubeConfig {
  'current-context'?: string;
  contexts?: { name?: string; context?: { cluster?: string; namespace?: string } }[];
  clusters?: { name?: string; cluster?: { server?: string } }[];
}

/**
 * The current kube context from the kubeconfig files (KUBECONFIG, else ~/.kube/config), merged
 * as kubectl does: the first file to set a value wins. `override` is --context.
 */
export function readKubeContext(
  env: Readonly<Record<string, string>>,
  home: string,
  override?: string,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): KubeContextInfo & { kubeconfigPath: string | undefined } {
  const list = env.KUBECONFIG;
  const paths =
    list !== undefined && list !== ''
      ? list.split(delimiter).filter((p) => p !== '')
      : [join(home, '.kube', 'config')];
  const docs: KubeConfig[] = [];
  for (const p of paths) {
    try {
      const doc = parseYAMLValues(read(p))[0] as KubeConfig | null | undefined;
      if (doc !== null && typeof doc === 'object') docs.push(doc);
    } catch {
      // A missing or unreadable kubeconfig is no context, as for Tilt.
    }
  }
  const current = override ?? docs.find((d) => d['current-context'])?.['current-context'] ?? '';
  const ctx = docs.flatMap((d) => d.contexts ?? []).find((c) => c.name === current)?.context;
  const clusterName = ctx?.cluster;
  const server = docs.flatMap((d) => d.clusters ?? []).find((c) => c.name === clusterName)
    ?.cluster?.server;
  return {
    context: current,
    namespace: ctx?.namespace || 'default',
    ...(clusterName === undefined ? {} : { cluster: clusterName }),
    ...(server === undefined ? {} : { clusterServer: server }),
    kubeconfigPath: paths[0],
  };
}
