import { describe, expect, test } from 'vitest';
import { type CheckoutDirs, GitExtensionRepos } from './extension-repos-git.ts';
import { FakeProcessRunner } from './host-fake.ts';

const URL = 'https://git.example.invalid/team/exts';
const DEST = '/data/tilt-dev/tilt_modules/git.example.invalid/team/exts';

class FakeDirs implements CheckoutDirs {
  readonly present = new Set<string>();
  readonly removed: string[] = [];
  exists(p: string): boolean {
    return this.present.has(p);
  }
  remove(p: string): void {
    this.present.delete(p);
    this.removed.push(p);
  }
}

function setup(proc: FakeProcessRunner, dirs = new FakeDirs()) {
  const repos = new GitExtensionRepos({
    proc,
    dataDir: '/data/tilt-dev',
    env: { HOME: '/h' },
    dirs,
  });
  const argv = () => proc.calls.map((c) => `${c.cwd}$ ${c.argv.join(' ')}`);
  return { repos, dirs, argv };
}

describe('GitExtensionRepos', () => {
  test('clones a missing repo under tilt_modules, without a credential prompt', () => {
    const proc = new FakeProcessRunner().on(/^git clone/, {});
    const { repos, argv } = setup(proc);
    expect(repos.fetch({ url: URL, ref: '' })).toEqual({ path: DEST });
    expect(argv()).toEqual([`/$ git clone -- ${URL} ${DEST}`]);
    expect(proc.calls[0]?.env).toEqual({ HOME: '/h', GIT_TERMINAL_PROMPT: '0' });
  });

  test('a failed clone removes the partial checkout and is a download error', () => {
    const proc = new FakeProcessRunner().on(/^git clone/, {
      exitCode: 128,
      stderr: "fatal: unable to access 'x': Could not resolve host\n",
    });
    const { repos, dirs } = setup(proc);
    expect(repos.fetch({ url: URL, ref: '' })).toEqual({
      error: "download error: fatal: unable to access 'x': Could not resolve host",
    });
    expect(dirs.removed).toEqual([DEST]);
  });

  test('an existing checkout is pulled once per session', () => {
    const proc = new FakeProcessRunner().on('git pull --ff-only', {});
    const { repos, dirs, argv } = setup(proc);
    dirs.present.add(DEST);
    expect(repos.fetch({ url: URL, ref: '' })).toEqual({ path: DEST });
    expect(repos.fetch({ url: URL, ref: '' })).toEqual({ path: DEST });
    expect(argv()).toEqual([`${DEST}$ git pull --ff-only`]);
  });

  test('when the pull fails, the checkout on disk is used and said to be stale', () => {
    const proc = new FakeProcessRunner().on('git pull --ff-only', {
      exitCode: 1,
      stderr: "fatal: '/gone' does not appear to be a git repository\n",
    });
    const { repos, dirs } = setup(proc);
    dirs.present.add(DEST);
    expect(repos.fetch({ url: URL, ref: '' })).toEqual({
      path: DEST,
      staleReason: "fatal: '/gone' does not appear to be a git repository",
    });
    expect(dirs.removed).toEqual([]);
  });

  test('a pinned ref on disk is checked out without a download', () => {
    const proc = new FakeProcessRunner().on('git checkout v1', {});
    const { repos, dirs, argv } = setup(proc);
    dirs.present.add(DEST);
    expect(repos.fetch({ url: URL, ref: 'v1' })).toEqual({ path: DEST });
    expect(argv()).toEqual([`${DEST}$ git checkout v1`]);
  });

  test('a pinned ref missing from the checkout: cloned again, then checked out', () => {
    // The first checkout misses the ref; the one after the clone finds it.
    let checkouts = 0;
    const { repos, dirs, argv } = setup(
      new FakeProcessRunner()
        .on((req) => req.argv.join(' ') === 'git checkout v2' && checkouts++ > 0, {})
        .on('git checkout v2', { exitCode: 1, stderr: "error: pathspec 'v2' did not match\n" })
        .on(/^git clone/, {}),
    );
    dirs.present.add(DEST);
    expect(repos.fetch({ url: URL, ref: 'v2' })).toEqual({ path: DEST });
    expect(dirs.removed).toEqual([DEST]);
    expect(argv()).toEqual([
      `${DEST}$ git checkout v2`,
      `/$ git clone -- ${URL} ${DEST}`,
      `${DEST}$ git checkout v2`,
    ]);
  });

  test('a ref that the fresh clone lacks is a sync error', () => {
    const proc = new FakeProcessRunner()
      .on(/^git clone/, {})
      .on('git checkout nope', { exitCode: 1, stderr: "error: pathspec 'nope' did not match\n" });
    const { repos } = setup(proc);
    expect(repos.fetch({ url: URL, ref: 'nope' })).toEqual({
      error: "sync to ref nope: error: pathspec 'nope' did not match",
    });
  });
});
