// Entry points of the syntax stage.

import type * as ast from './ast.ts';
import type { FileOptions } from './options.ts';
import { Parser } from './parser.ts';
import { Scanner } from './scanner.ts';

/**
 * Parses a file. `src` is the source as a binary string (one code unit per byte, i.e. decoded
 * as latin1). Throws StaticError at the first scan or parse error.
 */
export function parseFile(filename: string, src: string, options: FileOptions): ast.File {
  return new Parser(new Scanner(filename, src), options).parseFile(filename);
}

/** Parses a single expression (a comma list is a tuple), as starlark-go's ParseExpr. */
export function parseExpr(filename: string, src: string, options: FileOptions): ast.Expr {
  return new Parser(new Scanner(filename, src), options).parseWholeExpr();
}
