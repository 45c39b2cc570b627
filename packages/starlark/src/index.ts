// The one public entry of @slant/starlark.

// Builtins.
export {
  makeJsonModule,
  makeMathModule,
  makeTimeModule,
  makeModuleBuiltin,
  makeStructBuiltin,
  universe,
} from './builtins/universe.ts';
export type { Conv, Param } from './builtins/unpack.ts';
export {
  checkPositional,
  ofType,
  P as conv,
  unpackArgs,
  unpackPositional,
} from './builtins/unpack.ts';
export type { Position } from './errors.ts';
// Errors and positions.
export { formatPosition, StarlarkError, StaticError, StaticErrorList } from './errors.ts';
export type { ToJSOptions } from './eval/convert.ts';
export { fromJS, toJS } from './eval/convert.ts';
export type { CallFrame } from './eval/eval-error.ts';
export { EvalError, formatCallStack, innermostEvalError } from './eval/eval-error.ts';
export type { ExecOptions, NameSet, Program } from './eval/exec.ts';
// Evaluation.
export {
  compileFile,
  decodeSource,
  evalExpr,
  execFile,
  execProgram,
  makeCachingLoader,
} from './eval/exec.ts';
export { StarlarkFunction } from './eval/function.ts';
export type { LoadHook, PrintHook, StarThreadOptions } from './eval/thread.ts';
export { DEFAULT_MAX_DEPTH, StarThread } from './eval/thread.ts';
export { resolveExpr, resolveFile } from './resolve/resolver.ts';
export type { FileOptions } from './syntax/options.ts';
// Syntax and dialect options.
export { DEFAULT_FILE_OPTIONS, TILT_FILE_OPTIONS } from './syntax/options.ts';
export { parseExpr, parseFile } from './syntax/parse.ts';
// Values and operators.
export * from './values/index.ts';
