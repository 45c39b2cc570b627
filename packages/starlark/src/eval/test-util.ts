// Helpers shared by the eval tests: run a program, get its globals or its error text.

import type { FileOptions } from '../syntax/options.ts';
import { DEFAULT_FILE_OPTIONS } from '../syntax/options.ts';
import type { Value } from '../values/index.ts';
import { repr } from '../values/index.ts';
import { EvalError as StarEvalError } from './eval-error.ts';
import { evalExpr, execFile } from './exec.ts';
import type { StarThreadOptions } from './thread.ts';
import { StarThread } from './thread.ts';

export function exec(
  src: string,
  opts: {
    options?: Partial<FileOptions>;
    predeclared?: Map<string, Value>;
    thread?: StarThreadOptions;
  } = {},
): Map<string, Value> {
  const thread = new StarThread(opts.thread ?? {});
  return execFile(thread, 'test.star', src, opts.predeclared ?? new Map(), {
    ...DEFAULT_FILE_OPTIONS,
    ...opts.options,
  });
}

/** The backtrace of the EvalError that running src throws. */
export function backtrace(src: string, opts: Parameters<typeof exec>[1] = {}): string {
  try {
    exec(src, opts);
  } catch (e) {
    if (e instanceof StarEvalError) return e.backtrace();
    throw e;
  }
  throw new Error('no error');
}

/** repr of expr evaluated after running prelude, or the bare error message. */
export function evalIn(prelude: string, expr: string, options: Partial<FileOptions> = {}): string {
  const globals = exec(prelude, { options });
  try {
    return repr(
      evalExpr(new StarThread(), 'expr.star', expr, globals, {
        ...DEFAULT_FILE_OPTIONS,
        ...options,
      }),
    );
  } catch (e) {
    if (e instanceof StarEvalError) return e.msg;
    throw e;
  }
}
