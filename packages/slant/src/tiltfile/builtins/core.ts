// Core builtins: include, load_dynamic, warn, fail, exit, struct, module (Tilt's include,
// loaddynamic, print and starlarkstruct plugins). print() is the universe builtin; its output
// reaches the log through the thread's print hook (see loader.ts).
import type { Thread, Value } from '@slant/starlark';
import {
  Dict,
  makeModuleBuiltin,
  makeStructBuiltin,
  None,
  StarThread,
  conv,
  repr,
  unpackArgs,
} from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import { StopExecution } from '../run.ts';
import { stringable } from '../value.ts';

/** Calls the thread's load hook: the loader's per-file cache (module-loader.ts). */
function loadOf(thread: Thread, module: string): ReadonlyMap<string, Value> {
  if (!(thread instanceof StarThread)) throw new Error('internal error: not a Tiltfile thread');
  return thread.load(module);
}

export const coreBuiltins: readonly TiltDefinition[] = [
  {
    name: 'include',
    fn: (_run, thread, args, kwargs) => {
      const [path] = unpackArgs('include', args, kwargs, ['path', conv.string]);
      loadOf(thread, path!);
      return None;
    },
  },
  {
    name: 'load_dynamic',
    fn: (_run, thread, args, kwargs) => {
      const [path] = unpackArgs('load_dynamic', args, kwargs, ['path', stringable]);
      const globals = loadOf(thread, path!);
      const d = new Dict();
      for (const [k, v] of globals) d.set(k, v);
      d.freeze();
      return d;
    },
  },
  {
    name: 'warn',
    fn: (run, _thread, args, kwargs) => {
      const [msg] = unpackArgs('warn', args, kwargs, ['msg', conv.string]);
      run.warn(msg!);
      return None;
    },
  },
  {
    name: 'fail',
    fn: (_run, _thread, args, kwargs) => {
      const [msg] = unpackArgs('fail', args, kwargs, ['msg', conv.string]);
      throw new Error(msg!);
    },
  },
  {
    name: 'exit',
    fn: (run, _thread, args, kwargs) => {
      const [code] = unpackArgs('exit', args, kwargs, ['code?', conv.value]);
      // Tilt logs the code's Go String(), which is the repr (a string shows quoted).
      if (code !== undefined && code !== None) {
        const text = repr(code);
        if (text !== '') run.print(text);
      }
      throw new StopExecution();
    },
  },
  { name: 'struct', value: () => makeStructBuiltin() },
  { name: 'module', value: () => makeModuleBuiltin() },
];
