// A scripted ContainerExec for unit tests: records every call; `respond` decides the result.
import type { ContainerExec, ExecResult, ExecTarget } from './exec.ts';

export interface ExecCall {
  readonly target: ExecTarget;
  readonly argv: readonly string[];
  readonly stdin: Uint8Array | undefined;
}

export class FakeContainerExec implements ContainerExec {
  readonly calls: ExecCall[] = [];
  respond: (call: ExecCall) => ExecResult | Error = () => ({ exitCode: 0, stdout: '', stderr: '' });

  async run(
    target: ExecTarget,
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
