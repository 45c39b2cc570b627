// Running a host command during Tiltfile execution (Tilt's execLocalCmd + localexec's env): used
// by local(), and by helm/kustomize. Output is logged to the Tiltfile log line by line with a
// ` → ` prefix; a failure is a Tiltfile error with Tilt's text.
import { type Cmd, cmdString } from './cmd.ts';
import type { TiltfileRun } from './run.ts';
import { goQuote, starError } from './text.ts';

export const LOCAL_LOG_PREFIX = ' → ';

const EMPTY_CMD_RESULT = {
  stdout: Buffer.alloc(0),
  stderr: Buffer.alloc(0),
  exitCode: -1,
  spawnError: 'empty cmd',
} as const;

export interface ExecOptions {
  /** Write stdout and stderr to the log. */
  readonly logOutput: boolean;
  /** Write the command line to the log before running. */
  readonly logCommand: boolean;
  /** Prefix of the logged command line (default `Running:`). */
  readonly logCommandPrefix?: string;
  /** Bytes written to stdin (a Starlark binary string). */
  readonly stdin?: string;
}

/**
 * The child's environment: the run's environment (os.putenv applies), KUBECONFIG, TILT_PORT,
 * TILT_HOST and TILT_DISABLE_ANALYTICS unless already set, then the command's own env.
 */
export function localExecEnv(run: TiltfileRun, cmd: Cmd): Record<string, string> {
  const env = run.envRecord();
  // Tilt freezes the kubeconfig it started with, so local() talks to the same cluster.
  if (run.kubeconfigPath !== undefined && run.kubeconfigPath !== '') {
    env.KUBECONFIG = run.kubeconfigPath;
  }
  const addIfAbsent = (k: string, v: string): void => {
    if (!(k in env)) env[k] = v;
  };
  addIfAbsent('TILT_PORT', String(run.webPort));
  addIfAbsent('TILT_HOST', run.webHost);
  addIfAbsent('TILT_DISABLE_ANALYTICS', '1');
  for (const kv of cmd.env) {
    const i = kv.indexOf('=');
    env[i < 0 ? kv : kv.slice(0, i)] = i < 0 ? '' : kv.slice(i + 1);
  }
  return env;
}

function logLines(run: TiltfileRun, text: string): void {
  if (text === '') return;
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  for (const l of lines) run.host.log.print(`${LOCAL_LOG_PREFIX}${l}`);
}

/** Runs cmd to completion; returns stdout as a Starlark (binary) string. */
export function execLocalCmd(run: TiltfileRun, cmd: Cmd, opts: ExecOptions): string {
  if (opts.logCommand) {
    run.host.log.print(`${opts.logCommandPrefix ?? 'Running:'} ${cmdString(cmd)}`);
  }
  // localexec refuses an empty argv before starting anything.
  const res =
    cmd.argv.length === 0
      ? EMPTY_CMD_RESULT
      : run.host.proc.runSync({
          argv: cmd.argv,
          cwd: cmd.dir === '' ? run.mainDir : cmd.dir,
          env: localExecEnv(run, cmd),
          ...(opts.stdin === undefined ? {} : { stdin: Buffer.from(opts.stdin, 'latin1') }),
        });
  const stdout = res.stdout.toString('utf8');
  const stderr = res.stderr.toString('utf8');
  // Tilt's writers interleave both streams into the log as they arrive; a synchronous runner
  // gives them whole, so stdout comes first.
  if (opts.logOutput) {
    logLines(run, stdout);
    logLines(run, stderr);
  }
  if (res.spawnError !== undefined || res.exitCode !== 0) {
    let msg = `command ${goQuote(cmdString(cmd))} failed.`;
    msg +=
      res.spawnError !== undefined
        ? `\nerror: ${res.spawnError}`
        : `\nerror: exit status ${res.exitCode}`;
    // Output already logged is not repeated in the error.
    if (!opts.logOutput) msg += `\nstdout:\n${stdout}\nstderr:\n${stderr}\n`;
    throw starError(msg);
  }
  if (opts.logCommand && opts.logOutput && res.stdout.length === 0 && res.stderr.length === 0) {
    run.host.log.print(`${LOCAL_LOG_PREFIX}[no output]`);
  }
  return res.stdout.toString('latin1');
}
