// read_file, watch_file, listdir, blob (Tilt's tiltfile/io).
import { posix } from 'node:path';
import type { Value } from '@slant/starlark';
import { conv, List, None, StarlarkError, unpackArgs } from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { starString } from '../run.ts';
import { Blob, localPath } from '../value.ts';
import { mustReadFile, readTiltfileFile } from './encoding.ts';
import { goTypeName } from '../value.ts';

/** value.Optional[starlark.String]: a string or None. */
function optionalString(v: Value): string | undefined {
  if (v === None) return undefined;
  if (typeof v === 'string') return v;
  throw new StarlarkError(`expected starlark.String or None, got ${goTypeName(v)}`);
}

/** filepath.WalkDir in lexical order: the files (not directories) under dir. */
function walkFiles(run: TiltfileRun, dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const name of run.host.fs.readdir(d)) {
      const p = posix.join(d, name);
      if (run.host.fs.stat(p)?.isDir === true) {
        if (recursive) visit(p);
      } else out.push(p);
    }
  };
  // A missing path or a file lists nothing, as WalkDir's callback skips the root.
  if (run.host.fs.stat(dir)?.isDir === true) visit(dir);
  return out;
}

export const filesBuiltins: readonly TiltDefinition[] = [
  {
    name: 'read_file',
    fn: (run, thread, args, kwargs) => {
      const [p, dflt] = unpackArgs(
        'read_file',
        args,
        kwargs,
        ['paths', localPath(run, thread)],
        ['default?', optionalString],
      );
      const bytes = dflt === undefined ? mustReadFile(run, p!) : readTiltfileFile(run, p!);
      const text = bytes === undefined ? (dflt as string) : bytes.toString('latin1');
      return new Blob(text, `file: ${p}`);
    },
  },
  {
    name: 'watch_file',
    fn: (run, thread, args, kwargs) => {
      const [p] = unpackArgs('watch_file', args, kwargs, ['paths', localPath(run, thread)]);
      run.recordRead(p!, true);
      return None;
    },
  },
  {
    name: 'listdir',
    fn: (run, thread, args, kwargs) => {
      const [dir, recursive] = unpackArgs(
        'listdir',
        args,
        kwargs,
        ['dir', localPath(run, thread)],
        ['recursive?', conv.bool],
      );
      if (recursive === true) run.recordRead(dir!, true);
      return new List(walkFiles(run, dir!, recursive === true).map(starString));
    },
  },
  {
    name: 'blob',
    fn: (_run, _thread, args, kwargs) => {
      const [input] = unpackArgs('blob', args, kwargs, ['input', conv.string]);
      return new Blob(input!, 'Tiltfile blob() call');
    },
  },
];
