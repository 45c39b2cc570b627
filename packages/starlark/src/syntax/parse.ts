// Entry points of the syntax stage.

import { StaticError } from '../errors.ts';
import type * as ast from './ast.ts';
import type { FileOptions } from './options.ts';
import { Parser } from './parser.ts';
import { Scanner } from './scanner.ts';

/**
 * Parses a file. `src` is the source as a binary string (one code unit per byte, i.e. decoded
 * as latin1). Throws StaticError at the first scan or parse error.
 */
export function parseFile(filename: string, src: string, options: FileOptions): ast.File {
  const sc = new Scanner(filename, src);
  sc.reservedWordsIllegal = options.reservedWordsIllegal === true;
  return guardDepth(sc, () => new Parser(sc, options).parseFile(filename));
}

/** Parses a single expression (a comma list is a tuple), as starlark-go's ParseExpr. */
export function parseExpr(filename: string, src: string, options: FileOptions): ast.Expr {
  const sc = new Scanner(filename, src);
  sc.reservedWordsIllegal = options.reservedWordsIllegal === true;
  return guardDepth(sc, () => new Parser(sc, options).parseWholeExpr());
}

/**
 * Go's parser has no depth limit (goroutine stacks grow); ours runs out of JS stack on absurdly
 * deep nesting. Report that as a static error where it happened rather than as a crash.
 */
function guardDepth<T>(sc: Scanner, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (isStackOverflow(e)) throw new StaticError(sc.here(), 'internal error: nesting too deep');
    throw e;
  }
}

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes('call stack');
}
