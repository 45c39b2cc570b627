// The one public entry of @slant/starlark.
export { formatPosition, StarlarkError, StaticError, StaticErrorList } from './errors.ts';
export type { Position } from './errors.ts';
