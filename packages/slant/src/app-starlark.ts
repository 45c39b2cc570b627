// `slant starlark [FILE]`: runs a Starlark file like starlark-go's `starlark` command (print()
// output on stdout; on error the backtrace on stderr and exit status 1), or without FILE a
// simple REPL on stdin: an expression prints its repr, statements run, and a block (a first line
// ending in ':' or an unfinished bracket/string) is read until a blank line. The dialect is
// Tilt's (set, while, top-level control, global reassignment, recursion).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  EvalError as StarEvalError,
  evalExpr,
  execFile,
  type LoadHook as StarlarkLoadHook,
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
  type Value as StarlarkValue,
} from '@slant/starlark';

/** The modules starlark-go's command predeclares (it adds json, math and time to the universe). */
function starlarkModules(): Map<string, StarlarkValue> {
  return new Map([
    ['json', makeJsonModule()],
    ['math', makeMathModule()],
  ]);
}

/** `slant starlark [FILE]`: runs the file, or the REPL on stdin; returns the exit code. */
export async function runStarlark(file: string | undefined): Promise<number> {
  return file === undefined ? repl() : runFile(file);
}

/** Strings are binary (one code unit per UTF-8 byte): write the bytes. */
function write(stream: NodeJS.WriteStream, binary: string): void {
  stream.write(Buffer.from(binary, 'latin1'));
}

/** starlark-go's repl.PrintError: the backtrace of a run-time error, else the message. */
function printError(e: unknown): void {
  if (e instanceof StarEvalError) write(process.stderr, `${e.backtrace()}\n`);
  else if (e instanceof StaticError || e instanceof StaticErrorList) {
    write(process.stderr, `${e.message}\n`);
  } else throw e;
}

function newThread(name: string, load: StarlarkLoadHook): StarThread {
  return new StarThread({ name, load, print: (_t, msg) => write(process.stdout, `${msg}\n`) });
}

/**
 * starlark-go's REPL loader: load("path") runs the file at that path (relative to the current
 * directory) once, in a thread of its own, and every later load gets the same module.
 */
function makeLoader(): StarlarkLoadHook {
  const load: StarlarkLoadHook = makeCachingLoader((_thread, module) => {
    const src = readSource(module);
    return execFile(
      newThread(`exec ${module}`, load),
      module,
      src,
      starlarkModules(),
      TILT_FILE_OPTIONS,
    );
  });
  return load;
}

/** Go's texts for the usual file errors, as starlark-go's command prints them. */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
};

/** Reads a source file (binary string); a failure reads like Go's os.ReadFile error. */
function readSource(file: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EISDIR') throw new Error(`read ${file}: is a directory`);
    throw new Error(`open ${file}: ${ERRNO_TEXT[code] ?? (e as Error).message}`);
  }
}

function runFile(file: string): number {
  let src: string;
  try {
    src = readSource(file);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  try {
    execFile(
      newThread(`exec ${file}`, makeLoader()),
      file,
      src,
      starlarkModules(),
      TILT_FILE_OPTIONS,
    );
    return 0;
  } catch (e) {
    printError(e);
    return 1;
  }
}

/** True when the text is an unfinished program: parsing fails at the end of the input. */
function needsMore(text: string): boolean {
  try {
    parseFile('<stdin>', `${text}\n`, TILT_FILE_OPTIONS);
    return false;
  } catch (e) {
    return e instanceof StaticError && /end of file|EOF/.test(e.msg);
  }
}

function isExpression(text: string): boolean {
  try {
    parseExpr('<stdin>', text, TILT_FILE_OPTIONS);
    return true;
  } catch {
    return false;
  }
}

async function repl(): Promise<number> {
  const interactive = process.stdin.isTTY === true;
  const thread = newThread('REPL', makeLoader());
  const globals = new Map<string, StarlarkValue>(starlarkModules());
  const rl = createInterface({ input: process.stdin, terminal: false });
  let pending: string[] = [];
  const prompt = (s: string): void => {
    if (interactive) process.stdout.write(s);
  };
  const run = (text: string): void => {
    try {
      if (isExpression(text)) {
        const v = evalExpr(thread, '<stdin>', text, globals, TILT_FILE_OPTIONS);
        if (v !== None) write(process.stdout, `${repr(v)}\n`);
        return;
      }
      // Unfrozen, so later lines can still mutate these values, as in starlark-go's REPL.
      const out = execFile(thread, '<stdin>', text, globals, TILT_FILE_OPTIONS, { freeze: false });
      for (const [k, v] of out) globals.set(k, v);
    } catch (e) {
      printError(e);
    }
  };
  prompt('>>> ');
  for await (const raw of rl) {
    const line = Buffer.from(raw, 'utf8').toString('latin1');
    pending.push(line);
    const text = pending.join('\n');
    const block = pending[0]!.trimEnd().endsWith(':') || needsMore(text);
    if (block && line.trim() !== '') {
      prompt('... ');
      continue;
    }
    pending = [];
    if (text.trim() !== '') run(`${text}\n`);
    prompt('>>> ');
  }
  if (pending.length > 0) run(`${pending.join('\n')}\n`);
  if (interactive) process.stdout.write('\n');
  return 0;
}
