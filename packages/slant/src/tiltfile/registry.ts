// How builtins are declared. Each builtins/<group>.ts exports an array of TiltDefinition; the
// registry turns them into the predeclared map of one execution. Dotted names ('os.path.join')
// build nested modules whose repr is Tilt's `[module: os.path]`.
import type { Kwargs, Thread, Value } from '@slant/starlark';
import { Builtin, repr, StarlarkError, StarObject, Tuple } from '@slant/starlark';
import { FsError } from './host.ts';
import type { TiltfileRun } from './run.ts';
import { starString } from './run.ts';

export type TiltBuiltinFn = (
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
) => Value;

/** A function; its Starlark name (in errors, backtraces) is the full dotted name. */
export interface TiltBuiltin {
  readonly name: string;
  readonly fn: TiltBuiltinFn;
}

/** A plain value (os.name, config.tilt_subcommand), made per execution. */
export interface TiltValue {
  readonly name: string;
  readonly value: (run: TiltfileRun) => Value;
}

export type TiltDefinition = TiltBuiltin | TiltValue;

/** starkit.Module: a frozen namespace of builtins. */
export class TiltModule extends StarObject {
  readonly fullName: string;
  readonly members = new Map<string, Value>();
  constructor(fullName: string) {
    super();
    this.fullName = fullName;
  }
  get type(): string {
    return 'module';
  }
  override hash(): number {
    throw new StarlarkError('unhashable type: module');
  }
  override repr(out: string[]): void {
    out.push(`[module: ${this.fullName}]`);
  }
  override attr(name: string): Value | undefined {
    return this.members.get(name);
  }
  override attrNames(): string[] {
    return [...this.members.keys()];
  }
}

/** The predeclared names of one execution, bound to run. Throws on a name defined twice. */
export function buildPredeclared(
  defs: readonly TiltDefinition[],
  run: TiltfileRun,
): Map<string, Value> {
  const top = new Map<string, Value>();
  for (const def of defs) {
    const parts = def.name.split('.');
    let members = top;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const existing = members.get(part);
      if (existing === undefined) {
        const mod = new TiltModule(parts.slice(0, i + 1).join('.'));
        members.set(part, mod);
        members = mod.members;
      } else if (existing instanceof TiltModule) {
        members = existing.members;
      } else {
        throw new Error(`Module conflict at ${parts.slice(0, i + 1).join('.')}`);
      }
    }
    const base = parts[parts.length - 1]!;
    if (members.has(base)) throw new Error(`multiple values added named ${def.name}`);
    members.set(base, 'fn' in def ? bindBuiltin(def, run) : def.value(run));
  }
  return top;
}

function bindBuiltin(def: TiltBuiltin, run: TiltfileRun): Builtin {
  const fn = def.fn;
  const call: TiltBuiltinFn = (r, thread, args, kwargs) => {
    try {
      return fn(r, thread, args, kwargs);
    } catch (e) {
      // File-system errors carry host paths; Starlark messages are binary (UTF-8) strings.
      if (e instanceof FsError) throw new StarlarkError(starString(e.message));
      throw e;
    }
  };
  const calls = run.builtinCalls;
  if (calls === undefined) return new Builtin(def.name, (t, args, kw) => call(run, t, args, kw));
  return new Builtin(def.name, (t, args, kw) => {
    const start = performance.now();
    try {
      return call(run, t, args, kw);
    } finally {
      // Recorded even when the call fails, as starkit's deferred append does.
      calls.push({
        name: def.name,
        args: repr(new Tuple(args)),
        durationMs: performance.now() - start,
      });
    }
  });
}
