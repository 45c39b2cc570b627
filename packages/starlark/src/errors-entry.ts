// A light entry of the package: the error classes and what formats them, without the
// interpreter, for hosts that only report errors (Slant's client commands format errors on
// every start but run no Starlark).
export {
  formatPosition,
  type Position,
  StarlarkError,
  StaticError,
  StaticErrorList,
} from './errors.ts';
export { EvalError, innermostEvalError } from './eval/eval-error.ts';
export { decodeUtf8 } from './values/utf8.ts';
