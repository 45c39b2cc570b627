// The public entry of the slant package; the CLI imports only this file.

// The Starlark interpreter, for `slant starlark`.
export {
  EvalError,
  evalExpr,
  execFile,
  makeCachingLoader,
  makeJsonModule,
  makeMathModule,
  None,
  parseExpr,
  parseFile,
  repr,
  StarThread,
  StaticError,
  StaticErrorList,
  TILT_FILE_OPTIONS,
} from '@slant/starlark';
export type { LoadHook as StarlarkLoadHook, Value as StarlarkValue } from '@slant/starlark';
