// The composition root: the only place that constructs real adapters. Commands get ready-made
// services from here; tests build the same services from fakes.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TiltfileHost } from './tiltfile/host.ts';
import { GitExtensionRepos, nodeCheckoutDirs } from './tiltfile/extension-repos-git.ts';
import { NodeFS, NodeProcessRunner, readKubeContext, StreamLog } from './tiltfile/host-node.ts';
import type { TiltfileResult } from './tiltfile/loader.ts';
import { loadTiltfile } from './tiltfile/loader.ts';

export interface TiltfileRunRequest {
  /** The Tiltfile path as given (relative to cwd); default "Tiltfile". */
  readonly file?: string;
  readonly args?: readonly string[];
  readonly subcommand: string;
  /** --context: use this kube context instead of the kubeconfig's current one. */
  readonly kubeContext?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
  readonly executable: string;
  /** Where print()/warn() output goes. */
  readonly logWrite: (text: string, level?: 'WARN') => void;
  readonly recordBuiltinCalls?: boolean;
}

/**
 * The one environment of a `slant up`/`ci`/`down` process, as Tilt's own: the Tiltfile's
 * os.putenv changes it (the host's setEnv) and the commands started afterwards inherit it.
 */
export function sessionEnv(initial: Readonly<Record<string, string>>): {
  env: Record<string, string>;
  setEnv: NonNullable<TiltfileHost['setEnv']>;
} {
  const env: Record<string, string> = { ...initial };
  const setEnv = (changes: Readonly<Record<string, string | undefined>>) => {
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
  };
  return { env, setEnv };
}

export function nodeTiltfileHost(req: TiltfileRunRequest): {
  host: TiltfileHost;
  kubeconfigPath: string | undefined;
} {
  const { kubeconfigPath, ...kube } = readKubeContext(req.env, homedir(), req.kubeContext);
  const proc = new NodeProcessRunner();
  // Tilt keeps extension checkouts in $XDG_DATA_HOME/tilt-dev; so does Slant, to share them.
  const dataHome = req.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  const host: TiltfileHost = {
    fs: new NodeFS(),
    proc,
    extensionRepos: new GitExtensionRepos({
      proc,
      dataDir: join(dataHome, 'tilt-dev'),
      env: req.env,
      dirs: nodeCheckoutDirs,
    }),
    env: req.env,
    kube,
    log: new StreamLog(req.logWrite),
    argv: req.argv,
    executable: req.executable,
    osName: process.platform === 'win32' ? 'nt' : 'posix',
  };
  return { host, kubeconfigPath };
}

/**
 * A host reading this machine's files, with the other seams given (the Tiltfile corpus runs real
 * Tiltfiles against scripted processes and a fixed kube context).
 */
export function realFsTiltfileHost(parts: Omit<TiltfileHost, 'fs'>): TiltfileHost {
  return { fs: new NodeFS(), ...parts };
}

/** Executes a Tiltfile on this machine. */
export function runTiltfileOnHost(req: TiltfileRunRequest): TiltfileResult {
  const { host, kubeconfigPath } = nodeTiltfileHost(req);
  return loadTiltfile(host, {
    mainPath: resolve(req.cwd, req.file ?? 'Tiltfile'),
    args: req.args ?? [],
    subcommand: req.subcommand,
    recordBuiltinCalls: req.recordBuiltinCalls === true,
    ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }),
  });
}
