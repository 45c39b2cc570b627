// Which driver runs a test file, decided as starlark-go's own tests decide it: by the directory
// (syntax/ parse only, resolve/ resolve only, everything else executed) and a few special files.
import { existsSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';

export type DriverKind = 'exec' | 'parse' | 'resolve' | 'compile' | 'benchmark' | 'skip';

export interface FilePlan {
  readonly kind: DriverKind;
  /** Why a file is skipped, or how a special file is run. */
  readonly note?: string;
  /** false: the whole file is one program (no "---" splitting, no `###`). */
  readonly chunked: boolean;
  /** Static (scan/parse/resolve) errors may be expected with `###` (Slant's own testdata). */
  readonly staticErrors: boolean;
  /** Predeclare gensym (starlarkstruct's test). */
  readonly gensym: boolean;
  /** Resolve-only files: the universal names (M is the one predeclared name). */
  readonly universal: readonly string[];
}

const SKIPPED: Readonly<Record<string, string>> = {
  'proto.star': 'the proto module is not implemented (needs protobuf descriptors; not in Tilt)',
  'function_param.star':
    'starlark-go checks it with a Go API test (TestParamDefault), not as chunks',
};

export function planFor(path: string): FilePlan {
  const dir = dirname(path);
  const name = basename(path);
  const parent = basename(dirname(dir));
  const plan = { chunked: true, staticErrors: false, gensym: false, universal: ['U', 'float'] };
  if (basename(dir) === 'testdata' && parent === 'syntax') {
    return name === 'scan.star'
      ? { ...plan, kind: 'parse', chunked: false, note: 'must parse cleanly' }
      : { ...plan, kind: 'parse' };
  }
  if (basename(dir) === 'testdata' && parent === 'resolve') return { ...plan, kind: 'resolve' };
  const skip = SKIPPED[name];
  if (skip !== undefined) return { ...plan, kind: 'skip', note: skip };
  if (name === 'benchmark.star') {
    return { ...plan, kind: 'benchmark', chunked: false, note: 'each bench_* run once, b.n = 1' };
  }
  if (name === 'paths.star') {
    return { ...plan, kind: 'compile', chunked: false, note: 'compiled only, as BenchmarkProgram' };
  }
  if (parent === 'starlarkstruct') return { ...plan, kind: 'exec', gensym: true };
  // Slant's own testdata (a package directory above it) may expect static errors too, and names
  // its parse-only and resolve-only files syntax*.star and resolve*.star.
  const ours = existsSync(join(dirname(dir), 'package.json'));
  if (ours && name.startsWith('syntax')) return { ...plan, kind: 'parse' };
  if (ours && name.startsWith('resolve')) {
    return { ...plan, kind: 'resolve', universal: ['U', 'len', 'print', 'set'] };
  }
  return { ...plan, kind: 'exec', staticErrors: ours };
}

/** A path for messages: relative to the current directory when inside it. */
export function displayPath(path: string): string {
  const cwd = process.cwd() + sep;
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}
