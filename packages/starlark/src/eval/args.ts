// Binding call arguments to a Starlark function's parameters, with starlark-go's messages.
import { StarlarkError } from '../errors.ts';
import { Dict } from '../values/dict.ts';
import { Tuple } from '../values/list.ts';
import type { Value } from '../values/object.ts';
import { repr } from '../values/repr.ts';
import type { Kwargs } from '../values/thread.ts';
import type { Slot } from './frame.ts';
import type { StarlarkFunction } from './function.ts';
import { MANDATORY } from './function.ts';

/**
 * Fills locals[0, numParams) from args and kwargs:
 *   def f(p1, p2=d2, *args, k1, k2=dk2, **kwargs)
 * positional arguments bind a prefix of the p's, the surplus goes to *args; keywords bind any
 * p or k by name, the surplus goes to **kwargs; then defaults fill the gaps.
 */
export function bindArgs(
  fn: StarlarkFunction,
  locals: Slot[],
  args: readonly Value[],
  kwargs: Kwargs | null,
): void {
  const code = fn.code;
  const name = code.name;
  const nkw = kwargs === null ? 0 : kwargs.length;
  if (code.numParams === 0) {
    const n = args.length + nkw;
    if (n > 0) throw new StarlarkError(`function ${name} accepts no arguments (${n} given)`);
    return;
  }

  // nparams: the ordinary parameters (without *args and **kwargs).
  let nparams = code.numParams;
  let kwdict: Dict | null = null;
  if (code.hasKwargs) {
    nparams--;
    kwdict = new Dict();
    locals[nparams] = kwdict;
  }
  if (code.hasVarargs) nparams--;
  const nonkwonly = nparams - code.numKwonlyParams;
  const defaults = fn.defaults;

  // Positional arguments; the surplus goes to *args.
  let n = args.length;
  if (n > nonkwonly) {
    if (!code.hasVarargs) {
      const atMost = defaults.length > code.numKwonlyParams ? 'at most ' : '';
      const s = nonkwonly === 1 ? '' : 's';
      throw new StarlarkError(
        `function ${name} accepts ${atMost}${nonkwonly} positional argument${s} (${args.length} given)`,
      );
    }
    n = nonkwonly;
  }
  for (let i = 0; i < n; i++) locals[i] = args[i];
  if (code.hasVarargs) locals[nparams] = new Tuple(args.length > n ? args.slice(n) : []);

  // Keyword arguments.
  if (kwargs !== null) {
    const names = code.localNames;
    for (let j = 0; j < kwargs.length; j++) {
      const kv = kwargs[j] as [string, Value];
      const k = kv[0];
      const v = kv[1];
      let i = 0;
      while (i < nparams && names[i] !== k) i++;
      if (i < nparams) {
        if (locals[i] !== undefined) throw multipleValues(name, k);
        locals[i] = v;
        continue;
      }
      if (kwdict === null) {
        throw new StarlarkError(`function ${name} got an unexpected keyword argument ${repr(k)}`);
      }
      const before = kwdict.len();
      kwdict.set(k, v);
      if (kwdict.len() === before) throw multipleValues(name, k);
    }
  }

  // Defaults, and the list of missing required arguments.
  if (n < nparams || code.numKwonlyParams > 0) {
    const m = nparams - defaults.length; // first parameter with a default
    let missing: string[] | null = null;
    let i = n;
    for (; i < m; i++) {
      if (locals[i] === undefined) (missing ??= []).push(code.localNames[i] as string);
    }
    for (; i < nparams; i++) {
      if (locals[i] !== undefined) continue;
      const d = defaults[i - m] as Value;
      if (d === MANDATORY) (missing ??= []).push(code.localNames[i] as string);
      else locals[i] = d;
    }
    if (missing !== null) {
      const s = missing.length > 1 ? 's' : '';
      throw new StarlarkError(
        `function ${name} missing ${missing.length} argument${s} (${missing.join(', ')})`,
      );
    }
  }
}

function multipleValues(fnName: string, k: string): StarlarkError {
  return new StarlarkError(`function ${fnName} got multiple values for parameter ${repr(k)}`);
}
