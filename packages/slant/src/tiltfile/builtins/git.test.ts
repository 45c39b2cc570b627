import { describe, expect, test } from 'vitest';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

describe('local_git_repo', () => {
  test('paths() joins to the repository; the repo stands for its directory as a path', () => {
    const r = runTiltfile(
      'repo = local_git_repo(".")\nprint(repo, repo.paths("src/a.go"))\nprint(read_file(repo.paths("x.txt")))\nwatch_file(repo)\n',
      {
        files: { '.git/HEAD': 'ref: refs/heads/main\n', 'x.txt': 'hi' },
      },
    );
    expect(r.out).toBe(`[git.Repo] '${DIR}' ${DIR}/src/a.go\nhi\n`);
    expect(r.configFiles).toContain(DIR);
  });

  test('a directory without .git, or a missing one, is an error', () => {
    expect(errorOf(runTiltfile('local_git_repo("sub")\n', { files: { 'sub/a': '' } }))).toContain(
      `Error in local_git_repo: ${DIR}/sub isn't a valid git repo: it doesn't have a .git/ directory`,
    );
    expect(errorOf(runTiltfile('local_git_repo("nope")\n'))).toContain(
      `Error in local_git_repo: Reading paths ${DIR}/nope: stat ${DIR}/nope: no such file or directory`,
    );
  });
});
