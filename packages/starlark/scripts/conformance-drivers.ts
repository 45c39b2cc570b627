// The three drivers of starlark-go's chunked tests (exec, parse-only, resolve-only) plus the
// special runs of benchmark.star (each bench_* once) and paths.star (compile only).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StaticError, StaticErrorList } from '../src/errors.ts';
import { EvalError as StarEvalError } from '../src/eval/eval-error.ts';
import { execFile } from '../src/eval/exec.ts';
import { StarThread } from '../src/eval/thread.ts';
import { universe } from '../src/builtins/universe.ts';
import { resolveFile } from '../src/resolve/resolve.ts';
import { parseFile } from '../src/syntax/parse.ts';
import { DEFAULT_FILE_OPTIONS } from '../src/syntax/options.ts';
import { makeAssertModule, setReporter } from '../src/testing/assert-module.ts';
import {
  BenchmarkArg,
  Fibonacci,
  gensymBuiltin,
  hasfieldsBuiltin,
  structBuiltin,
} from '../src/testing/host-values.ts';
import type { Value } from '../src/values/index.ts';
import { StarObject } from '../src/values/index.ts';
import type { Chunk } from './chunks.ts';
import { ChunkChecker, decodeUtf8 } from './chunks.ts';

/** Where a static error goes: every error of a list, or the one error. */
function staticErrors(e: unknown): StaticError[] | undefined {
  if (e instanceof StaticErrorList) return [...e.errors];
  if (e instanceof StaticError) return [e];
  return undefined;
}

function crash(e: unknown): string {
  return `crash (not a Starlark error): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
}

/** syntax/testdata: parse with the default options; the one error goes to its line. */
export function runParseChunk(chunk: Chunk): string[] {
  const check = new ChunkChecker(chunk);
  try {
    parseFile(chunk.filename, chunk.source, DEFAULT_FILE_OPTIONS);
  } catch (e) {
    const errs = staticErrors(e);
    if (errs === undefined) check.fail(crash(e));
    else for (const err of errs) check.gotError(err.pos.line, err.msg);
  }
  return check.done();
}

/** resolve/testdata: parse (must succeed), then resolve; every error goes to its line. */
export function runResolveChunk(chunk: Chunk, universal: readonly string[]): string[] {
  const check = new ChunkChecker(chunk);
  try {
    const file = parseFile(chunk.filename, chunk.source, chunk.options);
    try {
      resolveFile(
        file,
        (name) => name === 'M',
        (name) => universal.includes(name),
      );
    } catch (e) {
      const errs = e instanceof StaticErrorList ? e.errors : undefined;
      if (errs === undefined) check.fail(crash(e));
      else for (const err of errs) check.gotError(err.pos.line, err.msg);
    }
  } catch (e) {
    check.fail(e instanceof StaticError ? `parse error: ${decodeUtf8(e.message)}` : crash(e));
  }
  return check.done();
}

/** paths.star: compile only (parse and resolve, nothing predeclared but the universe). */
export function runCompile(filename: string, src: string): string[] {
  try {
    const file = parseFile(filename, src, DEFAULT_FILE_OPTIONS);
    const univ = universe();
    resolveFile(
      file,
      () => false,
      (name) => univ.has(name),
    );
    return [];
  } catch (e) {
    const errs = staticErrors(e);
    return errs === undefined ? [crash(e)] : errs.map((err) => decodeUtf8(err.message));
  }
}

/**
 * One thread shared by every exec chunk, as in starlark-go's TestExecFile: a load hook for
 * assert.star (built once, frozen), json.star/math.star and files relative to the loader.
 */
export class ExecHarness {
  readonly thread: StarThread;
  private assertModule: ReadonlyMap<string, Value> | undefined;
  private readonly modules: ReadonlyMap<string, ReadonlyMap<string, Value>>;
  private current: ChunkChecker | undefined;
  private currentFile = '';

  constructor(modules: ReadonlyMap<string, ReadonlyMap<string, Value>>) {
    this.modules = modules;
    this.thread = new StarThread({
      name: 'conformance',
      print: () => {},
      load: (thread, module) => this.load(thread, module),
    });
    setReporter(this.thread, {
      error: (text, stack) => {
        let line = 0;
        for (let i = stack.length - 1; i >= 0; i--) {
          const pos = stack[i]!.pos;
          if (pos !== undefined && pos.file === this.currentFile) {
            line = pos.line;
            break;
          }
        }
        const last = decodeUtf8(text).split('\n').pop() ?? '';
        this.current?.fail(`${this.currentFile}:${line}: assertion failed: ${last}`);
      },
    });
  }

  private load(thread: StarThread, module: string): ReadonlyMap<string, Value> {
    if (module === 'assert.star') {
      this.assertModule ??= makeAssertModule();
      return this.assertModule;
    }
    const builtin = this.modules.get(module);
    if (builtin !== undefined) return builtin;
    const from = thread.callerPosition(0)?.file ?? this.currentFile;
    const path = join(dirname(from), module);
    const src = readFileSync(path, 'latin1');
    return execFile(thread, path, src, new Map(), DEFAULT_FILE_OPTIONS);
  }

  private predeclared(gensym: boolean): Map<string, Value> {
    const env = new Map<string, Value>([
      ['hasfields', hasfieldsBuiltin],
      ['fibonacci', new Fibonacci()],
      ['struct', structBuiltin],
    ]);
    if (gensym) env.set('gensym', gensymBuiltin);
    return env;
  }

  /** Runs one chunk; a run-time error goes to the innermost frame in this file. */
  runChunk(chunk: Chunk, opts: { staticErrors: boolean; gensym: boolean }): string[] {
    const check = new ChunkChecker(chunk);
    this.current = check;
    this.currentFile = chunk.filename;
    try {
      execFile(
        this.thread,
        chunk.filename,
        chunk.source,
        this.predeclared(opts.gensym),
        chunk.options,
      );
    } catch (e) {
      this.report(check, e, opts.staticErrors);
    } finally {
      this.current = undefined;
    }
    return check.done();
  }

  private report(check: ChunkChecker, e: unknown, allowStatic: boolean): void {
    if (e instanceof StarEvalError) {
      for (let i = e.callStack.length - 1; i >= 0; i--) {
        const pos = e.callStack[i]!.pos;
        if (pos !== undefined && pos.file === check.filename) {
          check.gotError(pos.line, e.msg);
          return;
        }
      }
      check.fail(decodeUtf8(e.backtrace()));
      return;
    }
    const errs = staticErrors(e);
    if (errs === undefined) check.fail(crash(e));
    else if (!allowStatic) check.fail(decodeUtf8(errs[0]!.message));
    else for (const err of errs) check.gotError(err.pos.line, err.msg);
  }

  /** benchmark.star: execute it, then call each bench_* global once with b.n = 1. */
  runBenchmark(filename: string, src: string, options: Chunk['options']): string[] {
    const failures: string[] = [];
    const env = new Map<string, Value>([...this.modules.values()].flatMap((m) => [...m]));
    try {
      const globals = execFile(this.thread, filename, src, env, options);
      for (const [name, fn] of globals) {
        if (!name.startsWith('bench_') || !(fn instanceof StarObject) || !fn.callable) continue;
        try {
          this.thread.call(fn, [new BenchmarkArg(1)], null);
        } catch (e) {
          failures.push(
            `${name}: ${e instanceof StarEvalError ? decodeUtf8(e.backtrace()) : crash(e)}`,
          );
        }
      }
    } catch (e) {
      failures.push(e instanceof StarEvalError ? decodeUtf8(e.backtrace()) : crash(e));
    }
    return failures;
  }
}
