// os.getcwd, os.getenv/putenv/unsetenv, os.environ, os.name, os.path.* (Tilt's tiltfile/os),
// plus os.path.isdir/isfile (Python's). Paths are relative to the executing Tiltfile's directory.
import type { Thread, Value } from '@slant/starlark';
import { conv, None, repr, StarlarkError, unpackArgs } from '@slant/starlark';
import { goBase, goDir, goJoin, goRel } from '../gopath.ts';
import type { TiltBuiltinFn, TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { hostString, starString } from '../run.ts';
import { asString, stringable } from '../value.ts';
import { Environ } from './environ.ts';

/** A builtin of one `path` string argument (Tilt's addPathBuiltin). */
function pathBuiltin(
  name: string,
  f: (run: TiltfileRun, thread: Thread, path: string) => Value,
): TiltDefinition {
  const fn: TiltBuiltinFn = (run, thread, args, kwargs) => {
    const [p] = unpackArgs(name, args, kwargs, ['path', conv.string]);
    return f(run, thread, p!);
  };
  return { name, fn };
}

export const osBuiltins: readonly TiltDefinition[] = [
  {
    name: 'os.getcwd',
    fn: (run, thread, args, kwargs) => {
      unpackArgs('os.getcwd', args, kwargs);
      return starString(run.currentDir(thread));
    },
  },
  pathBuiltin('os.path.abspath', (run, thread, p) => starString(run.absPath(thread, p))),
  {
    name: 'os.path.relpath',
    fn: (run, thread, args, kwargs) => {
      const [targ, base] = unpackArgs(
        'os.path.relpath',
        args,
        kwargs,
        ['targpath', conv.string],
        ['basepath?', conv.string],
      );
      const basepath = base === undefined ? run.currentDir(thread) : hostString(base);
      return starString(goRel(basepath, hostString(targ!)));
    },
  },
  pathBuiltin('os.path.basename', (_run, _thread, p) => starString(goBase(hostString(p)))),
  pathBuiltin('os.path.dirname', (_run, _thread, p) => starString(goDir(hostString(p)))),
  // Deliberately not a recorded read: Tilt does not watch exists() (tilt-dev/tilt#4062).
  pathBuiltin('os.path.exists', (run, thread, p) => run.host.fs.exists(run.absPath(thread, p))),
  pathBuiltin(
    'os.path.isdir',
    (run, thread, p) => run.host.fs.stat(run.absPath(thread, p))?.isDir === true,
  ),
  pathBuiltin(
    'os.path.isfile',
    (run, thread, p) => run.host.fs.stat(run.absPath(thread, p))?.isFile === true,
  ),
  {
    name: 'os.path.join',
    fn: (_run, _thread, args) => {
      const parts = args.map((a, i) => {
        if (typeof a !== 'string') {
          throw new StarlarkError(
            `os.path.join() only accepts strings. Argument #${i}: ${asString(a) ?? repr(a)}`,
          );
        }
        return hostString(a);
      });
      return starString(goJoin(...parts));
    },
  },
  pathBuiltin('os.path.realpath', (run, thread, p) =>
    starString(run.host.fs.realpath(run.absPath(thread, p))),
  ),
  { name: 'os.environ', value: (run) => new Environ(run) },
  {
    name: 'os.getenv',
    fn: (run, _thread, args, kwargs) => {
      const [key, dflt] = unpackArgs(
        'os.getenv',
        args,
        kwargs,
        ['key', stringable],
        ['default?', conv.value],
      );
      const v = run.env.get(hostString(key!));
      return v === undefined ? (dflt ?? None) : starString(v);
    },
  },
  {
    name: 'os.putenv',
    fn: (run, _thread, args, kwargs) => {
      const [key, value] = unpackArgs(
        'os.putenv',
        args,
        kwargs,
        ['key', stringable],
        ['value', stringable],
      );
      run.env.set(hostString(key!), hostString(value!));
      return None;
    },
  },
  {
    name: 'os.unsetenv',
    fn: (run, _thread, args, kwargs) => {
      const [key] = unpackArgs('os.unsetenv', args, kwargs, ['key', stringable]);
      run.env.delete(hostString(key!));
      return None;
    },
  },
  { name: 'os.name', value: (run) => run.host.osName },
];
