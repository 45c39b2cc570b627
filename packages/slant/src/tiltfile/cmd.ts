// Commands as the Tiltfile declares them (Tilt's model.Cmd and value.ValueGroupToCmdHelper):
// a string is a shell script (`sh -c`, or `cmd /S /C` on Windows), a list is an argv. Strings
// here are decoded text (UTF-16), the form API objects and the process runner take.
import { List, None, repr, type Thread, Tuple, type Value } from '@slant/starlark';
import type { TiltfileRun } from './run.ts';
import { goTypeName } from './builtins/k8s-args.ts';
import { fromStarString, goQuote, starError } from './text.ts';

export interface Cmd {
  readonly argv: readonly string[];
  /** Absolute working directory; '' when unset. */
  readonly dir: string;
  /** `KEY=value` entries, sorted. */
  readonly env: readonly string[];
}

export const EMPTY_CMD: Cmd = { argv: [], dir: '', env: [] };

export function cmdEmpty(c: Cmd): boolean {
  return c.argv.length === 0;
}

/** `sh -c <script>` with a single-line script. */
export function isShellStandardForm(c: Cmd): boolean {
  return (
    c.argv.length === 3 && c.argv[0] === 'sh' && c.argv[1] === '-c' && !c.argv[2]!.includes('\n')
  );
}

export function isWindowsStandardForm(c: Cmd): boolean {
  return c.argv.length === 4 && c.argv[0] === 'cmd' && c.argv[1] === '/S' && c.argv[2] === '/C';
}

/** model.Cmd.String(): the script for shell forms, else the argv with spaced args quoted. */
export function cmdString(c: Cmd): string {
  if (isShellStandardForm(c)) return c.argv[2]!;
  if (isWindowsStandardForm(c)) return c.argv[3]!;
  return c.argv.map((a) => (a.includes(' ') ? goQuote(a) : a)).join(' ');
}

// Go's strings.TrimSpace (ASCII and Unicode white space; JS trim is the same set in practice).
function trimSpace(s: string): string {
  return s.trim();
}

export function toUnixCmd(script: string): Cmd {
  if (script === '') return EMPTY_CMD;
  return { argv: ['sh', '-c', trimSpace(script)], dir: '', env: [] };
}

export function toBatCmd(script: string): Cmd {
  if (script === '') return EMPTY_CMD;
  return { argv: ['cmd', '/S', '/C', trimSpace(script)], dir: '', env: [] };
}

export type OsName = 'posix' | 'nt';

export function toHostCmd(script: string, os: OsName): Cmd {
  return os === 'nt' ? toBatCmd(script) : toUnixCmd(script);
}

/** How a command value's relative dir is resolved: the run's absPath/currentDir. */
export interface CmdContext {
  readonly os: OsName;
  /** The directory of the executing Tiltfile (decoded). */
  currentDir(): string;
  /** A Starlark path string (binary) made absolute against currentDir; decoded. */
  absPath(p: string): string;
}

/** env dict → sorted `KEY=value` list; an empty key is an error, as in Tilt. */
export function envTuples(env: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of env) {
    if (k === '') throw starError(`environment has empty key for value ${goQuote(v)}`);
    out.push(`${k}=${v}`);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function sequenceToStrings(v: List | Tuple): string[] {
  const out: string[] = [];
  for (const e of v.elems) {
    if (typeof e !== 'string') {
      throw starError(
        `a command must be a string or a list of strings: '${reprForGo(e)}' is a ${goTypeName(e)}, not a string`,
      );
    }
    out.push(fromStarString(e));
  }
  return out;
}

// Tilt prints the value with %v (its Starlark repr) and its Go type with %T.
function reprForGo(v: Value): string {
  return fromStarString(repr(v));
}

/**
 * valueToCmdHelper: cmd value (None/absent → empty; string → shell; list/tuple → argv), dir
 * (absent/None → current dir), env map.
 */
export function valueToCmd(
  ctx: CmdContext,
  cmdVal: Value | undefined,
  dirVal: Value | undefined,
  env: ReadonlyMap<string, string> | undefined,
  toCmd: (script: string) => Cmd,
): Cmd {
  let dir: string;
  if (dirVal === undefined || dirVal === None) {
    dir = ctx.currentDir();
  } else if (typeof dirVal === 'string') {
    dir = ctx.absPath(dirVal);
  } else {
    throw starError(
      `a command directory must be empty or a string: expected path | string. Actual type: ${goTypeName(dirVal)}`,
    );
  }
  const envList = env === undefined ? [] : envTuples(env);
  if (cmdVal === undefined) return EMPTY_CMD;
  if (typeof cmdVal === 'string') {
    const c = toCmd(fromStarString(cmdVal));
    return { argv: c.argv, dir, env: envList };
  }
  if (cmdVal instanceof List || cmdVal instanceof Tuple) {
    return { argv: sequenceToStrings(cmdVal), dir, env: envList };
  }
  throw starError(`a command must be a string or list of strings. found ${goTypeName(cmdVal)}`);
}

/** ValueGroupToCmdHelper: cmd_bat wins on Windows when given; else cmd for the host. */
export function valueGroupToCmd(
  ctx: CmdContext,
  cmdVal: Value | undefined,
  cmdBatVal: Value | undefined,
  dirVal: Value | undefined,
  env: ReadonlyMap<string, string> | undefined,
): Cmd {
  if (cmdBatVal !== undefined && ctx.os === 'nt') {
    return valueToCmd(ctx, cmdBatVal, dirVal, env, toBatCmd);
  }
  return valueToCmd(ctx, cmdVal, dirVal, env, (s) => toHostCmd(s, ctx.os));
}

/** ValueToUnixCmd without dir/env (live_update run, entrypoint): always `sh -c` for strings. */
export function valueToUnixCmd(ctx: CmdContext, v: Value | undefined): Cmd {
  return valueToCmd(ctx, v, undefined, undefined, toUnixCmd);
}

/** The CmdContext of a builtin call: paths resolve against the executing file's directory. */
export function cmdContext(run: TiltfileRun, thread: Thread): CmdContext {
  return {
    os: run.host.osName,
    currentDir: () => run.currentDir(thread),
    absPath: (p) => run.absPath(thread, p),
  };
}
