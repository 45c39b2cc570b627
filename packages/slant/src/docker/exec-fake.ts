// A scripted DockerContainerExec for unit tests: records every exec and restart; `respond`
// decides an exec's result, `onRestart` a restart's; `openStream` (unset: streams fail to open)
// plays long-lived commands.
import {
  type DockerContainerExec,
  type DockerExecTarget,
  ExecError,
  type ExecResult,
  type ExecStream,
  type ExecStreamHandlers,
} from './exec.ts';

export interface DockerExecCall {
  readonly target: DockerExecTarget;
  readonly argv: readonly string[];
  readonly stdin: Uint8Array | undefined;
}

export class FakeDockerExec implements DockerContainerExec {
  readonly calls: DockerExecCall[] = [];
  /** Container ids restarted, in order. */
  readonly restarts: string[] = [];
  respond: (call: DockerExecCall) => ExecResult | Error = () => ({
    exitCode: 0,
    stdout: '',
    stderr: '',
  });
  /** An Error fails the restart. */
  onRestart: (target: DockerExecTarget) => Error | undefined = () => undefined;
  openStream:
    | ((target: DockerExecTarget, argv: readonly string[], h: ExecStreamHandlers) => ExecStream)
    | undefined;

  async open(
    target: DockerExecTarget,
    argv: readonly string[],
    handlers: ExecStreamHandlers,
  ): Promise<ExecStream> {
    if (this.openStream === undefined) throw new ExecError('exec streams not scripted');
    return this.openStream(target, argv, handlers);
  }

  async run(
    target: DockerExecTarget,
    argv: readonly string[],
    opts: { stdin?: Uint8Array; onOutput?: (text: string) => void } = {},
  ): Promise<ExecResult> {
    const call = { target, argv: [...argv], stdin: opts.stdin };
    this.calls.push(call);
    const r = this.respond(call);
    if (r instanceof Error) throw r;
    if (r.stdout !== '') opts.onOutput?.(r.stdout);
    if (r.stderr !== '') opts.onOutput?.(r.stderr);
    return r;
  }

  async restart(target: DockerExecTarget): Promise<void> {
    this.restarts.push(target.containerId);
    const err = this.onRestart(target);
    if (err !== undefined) throw err;
  }
}
