// The stage APIs: execFile and evalExpr (parse → resolve → compile → run), plus a caching loader.

import { universe } from '../builtins/universe.ts';
import type { Position } from '../errors.ts';
import { StarlarkError, StaticError } from '../errors.ts';
import { resolveExpr, resolveFile } from '../resolve/resolver.ts';
import type * as ast from '../syntax/ast.ts';
import { startPos } from '../syntax/ast.ts';
import type { FileOptions } from '../syntax/options.ts';
import { parseExpr, parseFile } from '../syntax/parse.ts';
import type { Value } from '../values/index.ts';
import { encodeUtf8, StarObject } from '../values/index.ts';
import { Compiler } from './compile.ts';
import type { FuncCode, ModuleEnv } from './function.ts';
import { StarlarkFunction } from './function.ts';
import type { LoadHook, StarThread } from './thread.ts';

/**
 * A parsed, resolved and compiled file, runnable any number of times, each time with its own
 * predeclared values (a host can cache programs across re-evaluations).
 */
export interface Program {
  readonly filename: string;
  readonly toplevel: FuncCode;
  readonly globalNames: readonly string[];
  /** The predeclared names the program uses. */
  readonly predeclaredNames: readonly string[];
}

/** The names a host predeclares: a Map of values, or any set-like. */
export interface NameSet {
  has(name: string): boolean;
}

/**
 * Source bytes are read as latin1: every byte becomes one code unit (a binary string). A string
 * is taken as already binary, unless it holds code units above 0xFF: then it can only be
 * ordinary text, and is encoded as UTF-8.
 */
export function decodeSource(src: string | Uint8Array): string {
  if (typeof src === 'string') return NOT_BINARY.test(src) ? encodeUtf8(src) : src;
  return Buffer.from(src.buffer, src.byteOffset, src.byteLength).toString('latin1');
}

const NOT_BINARY = /[^\u0000-\u00ff]/;

/** Parses, resolves and compiles a file; throws StaticError or StaticErrorList. */
export function compileFile(
  filename: string,
  src: string | Uint8Array,
  predeclared: NameSet,
  options: FileOptions,
  univ: ReadonlyMap<string, Value> = universe(),
): Program {
  const file = parseFile(filename, decodeSource(src), options);
  resolveFile(
    file,
    (name) => predeclared.has(name),
    (name) => univ.has(name),
  );
  return compileResolved(file, univ);
}

/** The compile stage alone, over a file resolveFile has annotated (bench/phases.ts times it). */
export function compileResolved(file: ast.File, univ: ReadonlyMap<string, Value>): Program {
  const filename = file.path;
  const module = file.module as ast.ModuleInfo;
  const first = file.stmts[0];
  const pos = (first === undefined ? null : startPos(first)) ?? { file: filename, line: 1, col: 1 };
  const c = new Compiler({ universe: univ, recursion: file.options.recursion }, pos);
  const toplevel = guardDepth(pos, () =>
    c.function('<toplevel>', pos, file.stmts, module.locals, module.cells, [], NO_PARAMS),
  );
  return {
    filename,
    toplevel,
    globalNames: module.globals.map((b) => b.first?.name ?? ''),
    predeclaredNames: c.predeclared,
  };
}

/** The compiler recurses over the tree: a tree deeper than the JS stack is a static error. */
function guardDepth<T>(pos: Position, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError && e.message === 'Maximum call stack size exceeded') {
      throw new StaticError(pos, 'program too deeply nested');
    }
    throw e;
  }
}

const NO_PARAMS = {
  numParams: 0,
  numKwonlyParams: 0,
  hasVarargs: false,
  hasKwargs: false,
} as const;

export interface ExecOptions {
  /** Freeze the globals after running (default true, as starlark-go); a REPL turns it off. */
  readonly freeze?: boolean;
}

/**
 * Runs a compiled program in a new module and returns its globals, frozen. The globals are
 * frozen even when execution fails (then the EvalError is thrown after freezing).
 */
export function execProgram(
  thread: StarThread,
  prog: Program,
  predeclared: ReadonlyMap<string, Value>,
  opts: ExecOptions = {},
): Map<string, Value> {
  const env: ModuleEnv = {
    filename: prog.filename,
    globals: new Array<Value | undefined>(prog.globalNames.length),
    globalNames: prog.globalNames,
    predeclared: prog.predeclaredNames.map((name) => predeclared.get(name)),
  };
  const toplevel = new StarlarkFunction(prog.toplevel, env, [], []);
  try {
    thread.call(toplevel, [], null);
  } finally {
    if (opts.freeze !== false) for (const v of env.globals) if (v instanceof StarObject) v.freeze();
  }
  return toplevel.globals();
}

/** Executes a file (starlark-go's ExecFileOptions). Throws StaticError(List) or EvalError. */
export function execFile(
  thread: StarThread,
  filename: string,
  src: string | Uint8Array,
  predeclared: ReadonlyMap<string, Value>,
  options: FileOptions,
  opts: ExecOptions = {},
): Map<string, Value> {
  const prog = compileFile(filename, src, predeclared, options, thread.universe());
  return execProgram(thread, prog, predeclared, opts);
}

/** Evaluates one expression (a comma list gives a tuple) with env as its predeclared names. */
export function evalExpr(
  thread: StarThread,
  filename: string,
  src: string | Uint8Array,
  env: ReadonlyMap<string, Value>,
  options: FileOptions,
): Value {
  const univ = thread.universe();
  const expr = parseExpr(filename, decodeSource(src), options);
  const module = resolveExpr(
    expr,
    options,
    (name) => env.has(name),
    (name) => univ.has(name),
  );
  const pos = startPos(expr) ?? { file: filename, line: 1, col: 1 };
  const body: ast.Stmt[] = [{ kind: 'ReturnStmt', returnPos: pos, result: expr }];
  const c = new Compiler({ universe: univ, recursion: options.recursion }, pos);
  const code = guardDepth(pos, () =>
    c.function('<expr>', pos, body, module.locals, module.cells, [], NO_PARAMS),
  );
  const predeclared = c.predeclared.map((name) => env.get(name));
  const fn = new StarlarkFunction(
    code,
    { filename, globals: [], globalNames: [], predeclared },
    [],
    [],
  );
  return thread.call(fn, [], null);
}

/**
 * A load hook that runs each module at most once per loader: later loads get the same frozen
 * globals, or the same error. A module that loads itself (directly or not) fails with
 * "cycle in load graph".
 */
export function makeCachingLoader(
  exec: (thread: StarThread, module: string) => ReadonlyMap<string, Value>,
): LoadHook {
  const cache = new Map<
    string,
    { globals: ReadonlyMap<string, Value> } | { error: unknown } | null
  >();
  return (thread, module) => {
    const entry = cache.get(module);
    if (entry === null) throw new StarlarkError('cycle in load graph');
    if (entry !== undefined) {
      if ('error' in entry) throw entry.error;
      return entry.globals;
    }
    cache.set(module, null); // in progress
    try {
      const globals = exec(thread, module);
      cache.set(module, { globals });
      return globals;
    } catch (error) {
      cache.set(module, { error });
      throw error;
    }
  };
}
