// Local processes: local_resource cmd/serve_cmd, custom_build commands, k8s_custom_deploy. The
// real runner (node.ts) starts each process in its own process group so stopping it stops its
// children too; the fake (fake.ts) is scripted by tests.

export interface ProcessSpec {
  readonly argv: readonly string[];
  /** Working directory (absolute). */
  readonly dir: string;
  /** The complete environment of the process (callers merge the inherited one). */
  readonly env: Readonly<Record<string, string>>;
  readonly stdin?: string;
}

export interface ProcessExit {
  /** Exit code; null when killed by a signal or when it never started. */
  readonly code: number | null;
  readonly signal: string | null;
  /** Set when the process could not start, in Go's words (e.g. `exec: "x": executable file not found in $PATH`). */
  readonly error?: string;
}

export interface ProcessOutput {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
}

export interface RunningProcess {
  readonly pid: number;
  /** Settles once, when the process has exited (or failed to start). */
  readonly exited: Promise<ProcessExit>;
  /** SIGTERM to the process group, SIGKILL after `graceMs` (default 5000); resolves on exit. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

export interface ProcessRunner {
  start(spec: ProcessSpec, output: ProcessOutput): RunningProcess;
}
