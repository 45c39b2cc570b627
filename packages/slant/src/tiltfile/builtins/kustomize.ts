// kustomize(paths, kustomize_bin=None, flags=[]): `kustomize build` (or `kubectl kustomize` when
// no kustomize binary is installed) → a Blob of YAML (Tilt's files.go). Its inputs are watched.
import { posix } from 'node:path';
import { type Kwargs, type Thread, unpackArgs, type Value } from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { fromStarString, starError, toStarString } from '../text.ts';
import { Blob, localPath, stringList } from '../value.ts';
import { runTool } from './k8s-exec.ts';
import { kustomizeDeps } from './kustomize-deps.ts';

function kustomize(
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
) {
  const [path = '', bin = '', flags = []] = unpackArgs(
    'kustomize',
    args,
    kwargs,
    ['paths', localPath(run, thread)],
    ['kustomize_bin?', localPath(run, thread)],
    ['flags?', stringList],
  );
  const cwd = run.currentDir(thread);
  // kustomize mishandles absolute paths (kubernetes-sigs/kustomize#2789): pass a relative one.
  const rel = posix.relative(cwd, path) || '.';
  const tail = [...flags.map(fromStarString), rel];
  const first = { argv: [bin === '' ? 'kustomize' : bin, 'build', ...tail], dir: cwd, env: [] };
  let r = runTool(run, first, { logCommand: true, allowNotFound: true });
  if (r.notFound) {
    if (bin !== '')
      throw starError(`exec: ${JSON.stringify(bin)}: executable file not found in $PATH`);
    run.host.log.print(
      'Falling back to `kubectl kustomize` since `kustomize` was not found in PATH',
    );
    r = runTool(
      run,
      { argv: ['kubectl', 'kustomize', ...tail], dir: cwd, env: [] },
      { logCommand: true },
    );
  }
  let deps: string[];
  try {
    deps = kustomizeDeps(run.host.fs, path);
  } catch (err) {
    throw starError(`resolving deps: ${(err as Error).message}`);
  }
  for (const d of deps) run.recordRead(d, true);
  return new Blob(toStarString(r.stdout), `kustomize: ${path}`);
}

export const kustomizeBuiltins: readonly TiltDefinition[] = [{ name: 'kustomize', fn: kustomize }];
