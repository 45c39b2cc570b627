// local_git_repo(path) → a git.Repo whose .paths(p) joins p to the repository (Tilt's
// tiltfile/git; legacy but still in real Tiltfiles). A Repo is accepted wherever a path is.
import type { Value } from '@slant/starlark';
import { Builtin, conv, StarlarkError, StarObject, unpackArgs } from '@slant/starlark';
import { goJoin } from '../gopath.ts';
import type { TiltDefinition } from '../registry.ts';
import { hostString, starString } from '../run.ts';

export class GitRepo extends StarObject {
  readonly basePath: string;
  constructor(basePath: string) {
    super();
    this.basePath = basePath;
  }
  get type(): string {
    return 'git.Repo';
  }
  override truth(): boolean {
    return this.basePath !== '';
  }
  override hash(): number {
    throw new StarlarkError('unhashable type: git.Repo');
  }
  override repr(out: string[]): void {
    out.push(starString(`[git.Repo] '${this.basePath}'`));
  }
  /** value.PathMaker. */
  makeLocalPath(p: string): string {
    return goJoin(this.basePath, p);
  }
  override attr(name: string): Value | undefined {
    if (name !== 'paths') return undefined;
    return new Builtin('paths', (_t, args, kwargs) => {
      const [p] = unpackArgs('paths', args, kwargs, ['paths', conv.string]);
      return starString(this.makeLocalPath(hostString(p!)));
    });
  }
  override attrNames(): string[] {
    return ['paths'];
  }
}

export const gitBuiltins: readonly TiltDefinition[] = [
  {
    name: 'local_git_repo',
    fn: (run, thread, args, kwargs) => {
      const [p] = unpackArgs('local_git_repo', args, kwargs, ['paths', conv.string]);
      const abs = run.absPath(thread, p!);
      if (run.host.fs.stat(abs) === undefined) {
        throw new StarlarkError(
          starString(`Reading paths ${abs}: stat ${abs}: no such file or directory`),
        );
      }
      if (run.host.fs.stat(goJoin(abs, '.git')) === undefined) {
        throw new StarlarkError(
          starString(`${abs} isn't a valid git repo: it doesn't have a .git/ directory`),
        );
      }
      return new GitRepo(abs);
    },
  },
];
