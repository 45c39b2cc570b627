// Running a command in a container through the API server (kubectl exec): what live_update
// needs to remove files, unpack a tar archive from stdin and run its commands.

export interface ExecTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

export interface ExecResult {
  /** The command's exit code (0 on success). */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Thrown when the command could not be run at all (no connection, pod gone, program missing);
 * a command that ran and failed resolves with its exit code instead.
 */
export class ExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecError';
  }
}

export interface ContainerExec {
  run(
    target: ExecTarget,
    argv: readonly string[],
    opts?: { stdin?: Uint8Array; signal?: AbortSignal; onOutput?: (text: string) => void },
  ): Promise<ExecResult>;
}
