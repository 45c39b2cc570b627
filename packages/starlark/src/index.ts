// The one public entry of @slant/starlark.

// Errors and positions.
export { formatPosition, StarlarkError, StaticError, StaticErrorList } from './errors.ts';
export type { Position } from './errors.ts';
export { EvalError, formatCallStack, innermostEvalError } from './eval/eval-error.ts';
export type { CallFrame } from './eval/eval-error.ts';

// Syntax and dialect options.
export { DEFAULT_FILE_OPTIONS, TILT_FILE_OPTIONS } from './syntax/options.ts';
export type { FileOptions } from './syntax/options.ts';
export { parseExpr, parseFile } from './syntax/parse.ts';
export { resolveExpr, resolveFile } from './resolve/resolver.ts';

// Evaluation.
export {
  compileFile,
  decodeSource,
  evalExpr,
  execFile,
  execProgram,
  makeCachingLoader,
} from './eval/exec.ts';
export type { ExecOptions, NameSet, Program } from './eval/exec.ts';
export { DEFAULT_MAX_DEPTH, StarThread } from './eval/thread.ts';
export type { LoadHook, PrintHook, StarThreadOptions } from './eval/thread.ts';
export { StarlarkFunction } from './eval/function.ts';
export { fromJS, toJS } from './eval/convert.ts';
export type { ToJSOptions } from './eval/convert.ts';

// Values and operators.
export * from './values/index.ts';

// Builtins.
export { makeJsonModule, makeMathModule, universe } from './builtins/universe.ts';
export {
  unpackArgs,
  unpackPositional,
  checkPositional,
  P as conv,
  ofType,
} from './builtins/unpack.ts';
export type { Conv, Param } from './builtins/unpack.ts';
