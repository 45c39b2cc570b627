// The three kinds of errors and the one formatter used by the CLI, the terminal UI and the web:
// TiltfileError (the user's Tiltfile is wrong: backtrace + code frame), UserError (environment or
// input is wrong: one line + hint), anything else (a bug in Slant).
// The light entry: formatting an error must not load the interpreter (client commands).
import {
  EvalError as StarEvalError,
  decodeUtf8,
  formatPosition,
  innermostEvalError,
  type Position,
  StaticError,
  StaticErrorList,
} from '@slant/starlark/errors';

/** Source text of a file (a Starlark binary string), or undefined when unknown. */
export type SourceLookup = (file: string) => string | undefined;

/** An error in the user's Tiltfile: syntax, resolve, builtin arguments, load, fail(), assembly. */
export class TiltfileError extends Error {
  override name = 'TiltfileError';
  /** The innermost failing position in user code, when known. */
  readonly location: Position | undefined;
  /** A few lines of source around location, with a caret under the column. */
  readonly frame: string | undefined;
  /** A JavaScript error under the Starlark one (TypeError...): a bug in Slant, not the user's. */
  readonly internal: Error | undefined;

  constructor(message: string, location?: Position, frame?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.location = location;
    this.frame = frame;
    this.internal = internalErrorOf(cause);
  }

  /**
   * Wraps an error of the interpreter as Tilt reports it: the backtrace of the innermost EvalError
   * along the cause chain (starkit.UnpackBacktrace), else the message (static errors read as
   * `file:line:col: msg`). The message is decoded from Starlark's binary strings.
   */
  static from(err: unknown, sources: SourceLookup = () => undefined): TiltfileError {
    if (err instanceof TiltfileError) return err;
    const ev = innermostEvalError(err);
    let message: string;
    let pos: Position | undefined;
    if (ev !== undefined) {
      message = ev.backtrace();
      for (const fr of ev.callStack) if (fr.pos !== undefined) pos = fr.pos;
      // A static error in a loaded file: point at it rather than at the load statement.
      const inner = staticErrorOf(ev.cause);
      if (inner !== undefined) pos = inner.pos;
    } else {
      const se = staticErrorOf(err);
      message = err instanceof Error ? err.message : String(err);
      pos = se?.pos;
    }
    const src = pos === undefined ? undefined : sources(pos.file);
    const frame = pos !== undefined && src !== undefined ? codeFrame(src, pos) : undefined;
    return new TiltfileError(decodeUtf8(message), pos, frame, err);
  }
}

/** The innermost error of the chain when it is a JavaScript engine error (a bug). */
function internalErrorOf(err: unknown): Error | undefined {
  let last: unknown = err;
  for (let e: unknown = err; e instanceof Error; e = e.cause) last = e;
  if (last instanceof TypeError || last instanceof ReferenceError) return last;
  if (last instanceof RangeError && last.message !== 'Maximum call stack size exceeded')
    return last;
  return undefined;
}

function staticErrorOf(err: unknown): StaticError | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof StaticError) return e;
    if (e instanceof StaticErrorList) return e.errors[0];
    if (e instanceof StarEvalError && e !== err) return undefined;
  }
  return undefined;
}

/**
 * A code frame: up to two lines either side of pos.line, the failing line marked with '>', and a
 * caret under pos.col (columns count runes, as the interpreter's positions do).
 */
export function codeFrame(source: string, pos: Position, context = 2): string {
  const lines = decodeUtf8(source).split('\n');
  // A final newline ends the last line; it does not start another.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  // An error at end of file sits on the line after the last one: show it as an empty line.
  const last = Math.min(Math.max(lines.length, pos.line), pos.line + context);
  const first = Math.max(1, Math.min(pos.line, last) - context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\r$/, '');
    const mark = n === pos.line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${text}`.trimEnd());
    if (n === pos.line && pos.col > 0) {
      const lead = [...text].slice(0, pos.col - 1).map((c) => (c === '\t' ? '\t' : ' '));
      out.push(`  ${' '.repeat(width)} | ${lead.join('')}^`);
    }
  }
  return out.join('\n');
}

/** The environment or input is wrong (no Tiltfile, no cluster, bad flag): a message + a hint. */
export class UserError extends Error {
  override name = 'UserError';
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}

/** What the web UI shows for an error. */
export interface WebError {
  readonly message: string;
  readonly location?: string;
  readonly frame?: string;
  readonly hint?: string;
}

export const BUG_HINT =
  'this is a bug in Slant: please report it at https://github.com/slant-dev/slant/issues';

/** The one error formatter: the structured form for the web, text joins it for CLI/terminal. */
export function describeError(err: unknown): WebError {
  if (err instanceof TiltfileError) {
    const bug = err.internal;
    return {
      message: bug === undefined ? err.message : `${err.message}\n\n${bug.stack ?? bug.message}`,
      ...(err.location === undefined ? {} : { location: formatPosition(err.location) }),
      ...(err.frame === undefined ? {} : { frame: err.frame }),
      ...(bug === undefined ? {} : { hint: BUG_HINT }),
    };
  }
  if (err instanceof UserError) {
    return { message: err.message, ...(err.hint === undefined ? {} : { hint: err.hint }) };
  }
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { message, hint: BUG_HINT };
}

/** Text for the CLI and the terminal UI: message, then the code frame, then the hint. */
export function formatError(err: unknown): string {
  const d = describeError(err);
  const parts = [d.message];
  if (d.frame !== undefined) parts.push('', d.frame);
  if (d.hint !== undefined) parts.push('', d.hint);
  return parts.join('\n');
}
