// Running helm/kustomize synchronously with Tilt's execLocalCmd semantics for quiet commands:
// the command line is logged, the output is not, and a failure quotes stdout and stderr.
import type { Cmd } from '../cmd.ts';
import { cmdString } from '../cmd.ts';
import { localExecEnv } from '../local-exec.ts';
import type { TiltfileRun } from '../run.ts';
import { goQuote, starError } from '../text.ts';

export interface ToolRun {
  readonly stdout: string;
  /** The binary could not be started (not installed / not on PATH). */
  readonly notFound: boolean;
}

/** Runs cmd; undefined-free: throws Tilt's `command "..." failed.` text on a non-zero exit. */
export function runTool(
  run: TiltfileRun,
  cmd: Cmd,
  opts: { logCommand: boolean; allowNotFound?: boolean },
): ToolRun {
  // The same environment as local() (Tilt runs both through one execer).
  const r = run.host.proc.runSync({ argv: cmd.argv, cwd: cmd.dir, env: localExecEnv(run, cmd) });
  const notFound = r.exitCode === -1 || r.exitCode === 127;
  // A binary that isn't installed is looked up, not run, in Tilt: nothing is logged for it.
  if (notFound && opts.allowNotFound === true) return { stdout: '', notFound: true };
  if (opts.logCommand) run.host.log.print(`Running: ${cmdString(cmd)}`);
  if (r.exitCode !== 0) {
    const error = r.spawnError ?? `exit status ${r.exitCode}`;
    throw starError(
      `command ${goQuote(cmdString(cmd))} failed.\nerror: ${error}\nstdout:\n${r.stdout.toString('utf8')}\nstderr:\n${r.stderr.toString('utf8')}\n`,
    );
  }
  return { stdout: r.stdout.toString('utf8'), notFound: false };
}
