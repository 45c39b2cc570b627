// k8s_custom_deploy: the apply command deploys and prints the YAML of what it deployed on
// stdout; the delete command undoes it (Tilt's runCmdDeploy and the delete-cmd branch of its
// garbage collection). Both get the cluster's KUBECONFIG; the apply command also gets
// TILT_IMAGE_MAP_<i> / TILT_IMAGE_<i> with the images as the cluster sees them. Texts are Tilt's.
import type { ImageMap, KubernetesApplyCmd } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { ProcessRunner } from '../../exec/types.ts';
import type { K8sEntity } from '../../k8s/entity.ts';
import { parseYAML } from '../../k8s/yaml.ts';
import { cmdString } from '../../tiltfile/cmd.ts';

export interface CmdDeployDeps {
  processes: ProcessRunner;
  clock: Clock;
  /** The environment commands inherit (Slant's own). */
  baseEnv: Readonly<Record<string, string>>;
}

const MAX_OVERFLOW = 500;

/** Long output keeps its head and tail (Tilt's overflowEllipsis). */
export function overflowEllipsis(s: string): string {
  if (s.length <= MAX_OVERFLOW) return s;
  return `${s.slice(0, MAX_OVERFLOW / 2)}\n... [truncated by Tilt] ...\n${s.slice(s.length - MAX_OVERFLOW / 2)}`;
}

function envOf(base: Readonly<Record<string, string>>, extra: readonly string[]) {
  const env: Record<string, string> = { ...base };
  for (const kv of extra) {
    const i = kv.indexOf('=');
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}

function kubeconfigEnv(kubeconfig: string, clusterName: string): string {
  if (kubeconfig === '') throw new Error(`missing kubeconfig in cluster ${clusterName}`);
  return `KUBECONFIG=${kubeconfig}`;
}

interface CmdResult {
  code: number | null;
  stdout: string;
  timedOut: boolean;
  startError?: string;
}

async function run(
  deps: CmdDeployDeps,
  cmd: KubernetesApplyCmd,
  env: readonly string[],
  log: (text: string) => void,
  opts: { timeoutMs: number; captureStdout: boolean; signal: AbortSignal },
): Promise<CmdResult> {
  log(`Running cmd: ${cmdString({ argv: cmd.args, dir: cmd.dir, env: [] })}\n`);
  let stdout = '';
  const proc = deps.processes.start(
    { argv: cmd.args, dir: cmd.dir, env: envOf(deps.baseEnv, [...cmd.env, ...env]) },
    {
      stdout: (c) => {
        if (opts.captureStdout) stdout += c;
        else log(c);
      },
      stderr: (c) => log(c),
    },
  );
  let timedOut = false;
  const timer = deps.clock.setTimeout(() => {
    timedOut = true;
    void proc.stop(0);
  }, opts.timeoutMs);
  const onAbort = (): void => void proc.stop();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const exit = await proc.exited;
    return {
      code: exit.signal !== null ? 137 : exit.code,
      stdout,
      timedOut,
      ...(exit.error === undefined ? {} : { startError: exit.error }),
    };
  } finally {
    deps.clock.clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
  }
}

/** Runs the apply command; resolves with the objects it printed, or throws with Tilt's text. */
export async function runApplyCmd(
  deps: CmdDeployDeps,
  req: {
    cmd: KubernetesApplyCmd;
    imageMaps: readonly ImageMap[];
    kubeconfig: string;
    clusterName: string;
    timeoutMs: number;
    timeoutText: string;
    log: (text: string) => void;
    signal: AbortSignal;
  },
): Promise<K8sEntity[]> {
  const env = req.imageMaps.flatMap((im, i) => [
    `TILT_IMAGE_MAP_${i}=${im.metadata.name}`,
    `TILT_IMAGE_${i}=${im.status?.imageFromCluster ?? ''}`,
  ]);
  env.push(kubeconfigEnv(req.kubeconfig, req.clusterName));
  const r = await run(deps, req.cmd, env, req.log, {
    timeoutMs: req.timeoutMs,
    captureStdout: true,
    signal: req.signal,
  });
  if (r.startError !== undefined) throw new Error(`apply command failed: ${r.startError}`);
  if (r.code !== 0) {
    const out = r.stdout === '' ? '' : `\nstdout:\n${overflowEllipsis(r.stdout)}\n`;
    if (r.timedOut) {
      throw new Error(
        `apply command timed out after ${req.timeoutText} - see https://docs.tilt.dev/api.html#api.update_settings for how to increase${out}`,
      );
    }
    throw new Error(`apply command exited with status ${r.code ?? 1}${out}`);
  }
  try {
    return parseYAML(r.stdout);
  } catch (err) {
    throw new Error(
      `apply command returned malformed YAML: ${(err as Error).message}\nstdout:\n${overflowEllipsis(r.stdout)}\n`,
    );
  }
}

/** Runs the delete command, its output in the log; resolves with the error text, if any. */
export async function runDeleteCmd(
  deps: CmdDeployDeps,
  req: {
    cmd: KubernetesApplyCmd;
    kubeconfig: string;
    clusterName: string;
    log: (text: string) => void;
    signal: AbortSignal;
  },
): Promise<string | undefined> {
  try {
    const env = [kubeconfigEnv(req.kubeconfig, req.clusterName)];
    const r = await run(deps, req.cmd, env, req.log, {
      timeoutMs: 5 * 60_000,
      captureStdout: false,
      signal: req.signal,
    });
    if (r.startError !== undefined) return r.startError;
    return r.code === 0 ? undefined : `exit status ${r.code ?? 1}`;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Text (whole or partial lines) to `log`, one call per complete line. */
export function lineWriter(log: (line: string) => void): (text: string) => void {
  let partial = '';
  return (text) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) log(l);
  };
}
