// Running a command in a container through the API server (kubectl exec): what live_update
// needs to remove files, unpack a tar archive from stdin and run its commands — one exec per
// command, or one long-lived exec that keeps its stdin open (the fast path). The result, stream
// and error types are shared with Docker's exec (docker/exec.ts).

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

/** A command kept running in a container, its stdin open for as long as it is needed. */
export interface ExecStream {
  write(data: Uint8Array): void;
  /** Ends the command (closes the connection). */
  close(): void;
  /** Settles when the command or the connection ended. */
  readonly closed: Promise<void>;
}

export interface ExecStreamHandlers {
  stdout(chunk: Uint8Array): void;
  stderr(chunk: Uint8Array): void;
}

/** `T` names the container: a pod's container here, a Docker container in docker/exec.ts. */
export interface ContainerExec<T = ExecTarget> {
  /** Starts `argv` and keeps its stdin open; rejects with ExecError when it cannot start. */
  open(target: T, argv: readonly string[], handlers: ExecStreamHandlers): Promise<ExecStream>;
  run(
    target: T,
    argv: readonly string[],
    opts?: { stdin?: Uint8Array; signal?: AbortSignal; onOutput?: (text: string) => void },
  ): Promise<ExecResult>;
}
