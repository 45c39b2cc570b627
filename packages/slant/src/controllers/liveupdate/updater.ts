// One update of one Kubernetes container (Tilt's ExecUpdater): remove deleted files (`rm -rf`),
// unpack the archive at `/` (`tar -C / -x -f -`), then the run steps, each `[CMD i/n] …` in the
// log unless echo_off. A failing run step is the user's (the next change retries); anything else
// means the container can't be live-updated.
import type { LiveUpdateExec } from '@slant/api';
import type { DockerContainerExec, DockerExecTarget } from '../../docker/exec.ts';
import { ExecError } from '../../k8s/exec.ts';
import { cmdString } from '../../tiltfile/cmd.ts';
import type { PathMapping } from './plan.ts';
import { TAR_ARGV, type ContainerTransport } from './transport.ts';

export interface ContainerChange {
  readonly toRemove: readonly PathMapping[];
  /** undefined when nothing is copied. */
  readonly archive: Uint8Array | undefined;
  readonly runs: readonly LiveUpdateExec[];
}

/** Milliseconds spent removing files, copying the archive and running the steps. */
export interface UpdateTimings {
  remove: number;
  copy: number;
  run: number;
}

export type UpdateOutcome =
  | { readonly ok: true; readonly timings: UpdateTimings }
  /** A run step failed: status lastExecError; the container stays live-updatable. */
  | { readonly ok: false; readonly runError: string }
  /** The update itself failed: the container needs a rebuild. */
  | { readonly ok: false; readonly failure: string };

const EXIT_PERMISSION_DENIED = 2;
const EXIT_CANNOT_EXEC = 126;
const EXIT_NOT_FOUND = 127;
const EXIT_KILLED = 137;

function commandFailed(argv: readonly string[], code: number): string {
  const display = cmdString({ argv: [...argv], dir: '', env: [] });
  let reason = '';
  if (code === EXIT_KILLED) reason = ' (killed by container runtime)';
  if (code === EXIT_CANNOT_EXEC || code === EXIT_NOT_FOUND) {
    reason = ' (not found in PATH or not executable)';
  }
  return `command ${JSON.stringify(display)} failed with exit code: ${code}${reason}`;
}

function permissionDenied(err: string): string {
  return `${err}\nThis usually means the container filesystem denied access. Please check:\n  1) That the container image has writable files\n  2) That the container image default user has write access to the files\n  3) That the Pod spec doesn't have a SecurityContext that would block writes`;
}

function cannotExec(err: string): string {
  return `${err}\nThis usually means that Tilt could not exec \`tar\`.\nPlease check that the container image includes \`tar\` in $PATH.\nSome minimal images, such as those that are built \`FROM scratch\`, will not work with Live Update by default.\nSee https://github.com/tilt-dev/tilt/issues/4303 for details.`;
}

function tarFailure(argv: readonly string[], code: number, output: string): string {
  const err = commandFailed(argv, code);
  if (code === EXIT_PERMISSION_DENIED || /permission denied|cannot open/i.test(output)) {
    return permissionDenied(err);
  }
  if (code === EXIT_CANNOT_EXEC || code === EXIT_NOT_FOUND) return cannotExec(err);
  return err;
}

/**
 * Applies the change through `transport`; a transport that can't reach the container (an
 * ExecError) is reported as `unreachable` so the caller can retry with another.
 */
export async function updateContainer(
  transport: ContainerTransport,
  containerId: string,
  change: ContainerChange,
  log: (text: string) => void,
  now: () => number = Date.now,
): Promise<UpdateOutcome | { ok: false; unreachable: Error }> {
  const timings: UpdateTimings = { remove: 0, copy: 0, run: 0 };
  let t = now();
  const lap = (k: keyof UpdateTimings) => {
    const n = now();
    timings[k] = n - t;
    t = n;
  };
  const failure = (
    action: string,
    err: unknown,
  ): UpdateOutcome | { ok: false; unreachable: Error } => {
    const msg = (err as Error).message;
    if (/executable file not found/.test(msg)) return { ok: false, failure: cannotExec(msg) };
    if (err instanceof ExecError)
      return { ok: false, unreachable: new ExecError(`${action}: ${msg}`) };
    return { ok: false, failure: `${action}: ${msg}` };
  };
  if (change.toRemove.length > 0) {
    const paths = change.toRemove.map((m) => m.containerPath);
    try {
      const code = await transport.remove(paths, log);
      if (code !== 0) return { ok: false, failure: tarFailure(['rm', '-rf', ...paths], code, '') };
    } catch (err) {
      return failure('removing old files', err);
    }
  }
  lap('remove');
  if (change.archive !== undefined) {
    let output = '';
    try {
      const code = await transport.extract(change.archive, (text) => {
        output += text;
        log(text);
      });
      if (code !== 0) return { ok: false, failure: tarFailure(TAR_ARGV, code, output) };
    } catch (err) {
      return failure('copying changed files', err);
    }
  }
  lap('copy');
  const short = containerId.replace(/^[a-z]+:\/\//, '').slice(0, 10);
  for (const [i, run] of change.runs.entries()) {
    if (!run.echoOff) log(`[CMD ${i + 1}/${change.runs.length}] ${run.args.join(' ')}\n`);
    let code: number;
    try {
      code = await transport.run(run.args, log);
    } catch (err) {
      if (/executable file not found/.test((err as Error).message)) code = EXIT_NOT_FOUND;
      else if (err instanceof ExecError) return { ok: false, unreachable: err };
      else
        return { ok: false, failure: `executing on container ${short}: ${(err as Error).message}` };
    }
    if (code === 0) continue;
    const text = `executing on container ${short}: ${commandFailed(run.args, code)}`;
    // A killed run step is the runtime's doing, not the user's.
    return code === EXIT_KILLED ? { ok: false, failure: text } : { ok: false, runError: text };
  }
  lap('run');
  return { ok: true, timings };
}

/**
 * restart_container(): restarts a Docker container in place after the update, so its entrypoint
 * starts over with the new files (Tilt's DockerUpdater). Resolves with the error text, if any.
 */
export async function restartContainer(
  exec: DockerContainerExec,
  target: DockerExecTarget,
  display: string,
  log: (text: string) => void,
): Promise<string | undefined> {
  log(`Restarting container: ${display}\n`);
  try {
    await exec.restart(target);
    return undefined;
  } catch (err) {
    return `ContainerRestart: ${(err as Error).message}`;
  }
}
