// The shape of one broken-Tiltfile case. Paths in `files`, `at` and `error` are relative to the
// fake project directory (DIR), so the tables read like the user's own project.
import type { ProcessScript } from '../../packages/slant/src/tiltfile/host-fake.ts';
import type { KubeContextInfo } from '../../packages/slant/src/tiltfile/host.ts';

export interface BrokenCase {
  /** What the case breaks. */
  readonly name: string;
  readonly tiltfile: string;
  /** Other files of the project (paths relative to DIR). */
  readonly files?: Readonly<Record<string, string>>;
  readonly scripts?: readonly ProcessScript[];
  /** Tiltfile args (after `--`). */
  readonly args?: readonly string[];
  readonly kube?: KubeContextInfo;
  /**
   * Where the error points (`file:line:col`), or null for errors found after execution (Tilt's
   * assembly errors carry no Starlark position).
   */
  readonly at: string | null;
  /** The message without its backtrace frames (for static errors: `file:line:col: msg`). */
  readonly error: string;
  /** The backtrace frames, outermost first, when the case is about the backtrace itself. */
  readonly trace?: readonly string[];
}
