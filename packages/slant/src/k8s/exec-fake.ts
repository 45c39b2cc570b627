// A scripted ContainerExec for unit tests (any target: pods, or Docker containers): records every call; `respond` decides the result;
// `openStream` (unset: streams fail to open) plays long-lived commands.
import {
  type ContainerExec,
  ExecError,
  type ExecResult,
  type ExecStream,
  type ExecStreamHandlers,
  type ExecTarget,
} from './exec.ts';

export interface ExecCall<T = ExecTarget> {
  readonly target: T;
  readonly argv: readonly string[];
  readonly stdin: Uint8Array | undefined;
}

export class FakeContainerExec<T = ExecTarget> implements ContainerExec<T> {
  readonly calls: ExecCall<T>[] = [];
  respond: (call: ExecCall<T>) => ExecResult | Error = () => ({
    exitCode: 0,
    stdout: '',
    stderr: '',
  });

  /** Long-lived commands; by default none can start (the caller falls back to run()). */
  openStream:
    | ((target: T, argv: readonly string[], h: ExecStreamHandlers) => ExecStream)
    | undefined;

  async open(
    target: T,
    argv: readonly string[],
    handlers: ExecStreamHandlers,
  ): Promise<ExecStream> {
    if (this.openStream === undefined) throw new ExecError('exec streams not scripted');
    return this.openStream(target, argv, handlers);
  }

  async run(
    target: T,
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
}
