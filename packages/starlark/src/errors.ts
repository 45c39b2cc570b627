// Error classes shared by every stage of the interpreter.

export interface Position {
  readonly file: string;
  readonly line: number; // 1-based
  readonly col: number; // 1-based, counts code points
}

export function formatPosition(pos: Position): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}

/** A run-time error raised by an operation or builtin; the evaluator adds the call stack. */
export class StarlarkError extends Error {
  override name = 'StarlarkError';
}

/** A scan, parse or resolve error at a source position. */
export class StaticError extends Error {
  override name = 'StaticError';
  readonly pos: Position;
  readonly msg: string;
  constructor(pos: Position, msg: string) {
    super(`${formatPosition(pos)}: ${msg}`);
    this.pos = pos;
    this.msg = msg;
  }
}

/** All the errors the resolver found in one file; reads as the first one. */
export class StaticErrorList extends Error {
  override name = 'StaticErrorList';
  readonly errors: readonly StaticError[];
  constructor(errors: readonly StaticError[]) {
    super(errors[0]?.message ?? 'no errors');
    this.errors = errors;
  }
}
