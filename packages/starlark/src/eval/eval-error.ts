// EvalError: a run-time error plus a snapshot of the call stack, with starlark-go's backtrace text.
import type { Position } from '../errors.ts';
import { formatPosition } from '../errors.ts';

/** One frame of a call-stack snapshot; pos is undefined for a builtin ("<builtin>"). */
export interface CallFrame {
  readonly name: string;
  readonly pos: Position | undefined;
}

// biome-ignore lint/suspicious/noShadowRestrictedNames: starlark-go's name, in the public API
export class EvalError extends Error {
  override name = 'EvalError';
  /** The bare message, as Go's err.Error() (no position, no traceback). */
  readonly msg: string;
  /** Outermost frame first. */
  readonly callStack: readonly CallFrame[];

  constructor(msg: string, callStack: readonly CallFrame[], cause?: unknown) {
    super(msg, cause === undefined ? undefined : { cause });
    this.msg = msg;
    this.callStack = callStack;
  }

  /**
   * starlark-go's Backtrace(): the frames outermost first, then "Error: msg", or
   * "Error in fn: msg" when the innermost frame is a builtin (that frame is then not listed).
   */
  backtrace(): string {
    let stack = this.callStack;
    let suffix = '';
    const last = stack[stack.length - 1];
    if (last !== undefined && last.pos === undefined) {
      suffix = ` in ${last.name}`;
      stack = stack.slice(0, -1);
    }
    return `${formatCallStack(stack)}Error${suffix}: ${this.msg}`;
  }
}

/** starlark-go's CallStack.String(): a "Traceback" header and one line per frame, or ''. */
export function formatCallStack(stack: readonly CallFrame[]): string {
  if (stack.length === 0) return '';
  let out = 'Traceback (most recent call last):\n';
  for (const fr of stack) {
    out += `  ${fr.pos === undefined ? '<builtin>' : formatPosition(fr.pos)}: in ${fr.name}\n`;
  }
  return out;
}

/** The innermost EvalError along err's cause chain (Tilt shows its backtrace), or undefined. */
export function innermostEvalError(err: unknown): EvalError | undefined {
  let found: EvalError | undefined;
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof EvalError) found = e;
  }
  return found;
}
