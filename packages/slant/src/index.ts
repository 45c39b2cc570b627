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

// Tiltfile execution on this machine (app.ts wires the real adapters) and error formatting.
export { runTiltfileOnHost } from './app.ts';
export type { TiltfileRunRequest } from './app.ts';
export { describeError, formatError, TiltfileError, UserError } from './errors.ts';
export type { TiltfileResult } from './tiltfile/loader.ts';
export { formatGoDurationPrecise, parseGoDuration } from './tiltfile/godur.ts';
