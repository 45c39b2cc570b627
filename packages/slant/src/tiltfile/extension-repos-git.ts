// Git checkouts of extension repositories for load('ext://...') (Tilt's extensionrepo reconciler
// over go-get): `<dataDir>/tilt_modules/<host>/<path>`, cloned on first use and updated with
// `git pull --ff-only` once per session. When the update fails (offline, origin gone) the copy on
// disk is used and the fetch says why it may be stale; a pinned ref is checked out, and a
// checkout that cannot reach the ref is cloned again.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ExtensionRepoFetch,
  ExtensionRepoFetcher,
  ProcessResult,
  SyncProcessRunner,
} from './host.ts';

/** The directory operations the fetcher needs (real in app.ts, fake in tests). */
export interface CheckoutDirs {
  exists(path: string): boolean;
  remove(path: string): void;
}

export const nodeCheckoutDirs: CheckoutDirs = {
  exists: (p) => existsSync(p),
  remove: (p) => rmSync(p, { recursive: true, force: true }),
};

export interface GitExtensionReposDeps {
  proc: SyncProcessRunner;
  /** Tilt's data dir ($XDG_DATA_HOME/tilt-dev); checkouts go under tilt_modules/. */
  dataDir: string;
  env: Readonly<Record<string, string>>;
  dirs: CheckoutDirs;
}

export class GitExtensionRepos implements ExtensionRepoFetcher {
  private readonly deps: GitExtensionReposDeps;
  /** Checkouts already brought up to date in this session (Tilt's lastSuccessfulDestPath). */
  private readonly synced = new Set<string>();

  constructor(deps: GitExtensionReposDeps) {
    this.deps = deps;
  }

  private git(args: string[], cwd: string): ProcessResult {
    // No credential prompt: a repo that needs one fails instead of hanging the Tiltfile.
    const env = { ...this.deps.env, GIT_TERMINAL_PROMPT: '0' };
    return this.deps.proc.runSync({ argv: ['git', ...args], cwd, env });
  }

  fetch(repo: { readonly url: string; readonly ref: string }): ExtensionRepoFetch {
    const { dirs } = this.deps;
    const importPath = repo.url.replace(/^https?:\/\//, '');
    const dest = join(this.deps.dataDir, 'tilt_modules', importPath);
    let exists = dirs.exists(dest);
    if (exists && this.synced.has(dest)) return { path: dest };
    const pinned = repo.ref !== '' && repo.ref !== 'HEAD';
    let needsDownload = true;
    if (exists && pinned) {
      // A pinned ref already on disk needs no download; one that is not is cloned afresh.
      if (this.git(['checkout', repo.ref], dest).exitCode === 0) needsDownload = false;
      else {
        dirs.remove(dest);
        exists = false;
      }
    }
    let staleReason = '';
    if (needsDownload) {
      const r = exists
        ? this.git(['pull', '--ff-only'], dest)
        : this.git(['clone', '--', repo.url, dest], '/');
      if (r.exitCode !== 0 || r.spawnError !== undefined) {
        if (!exists) {
          dirs.remove(dest);
          return { error: `download error: ${failure(r)}` };
        }
        staleReason = failure(r);
      }
      if (pinned) {
        const c = this.git(['checkout', repo.ref], dest);
        if (c.exitCode !== 0) return { error: `sync to ref ${repo.ref}: ${failure(c)}` };
      }
    }
    this.synced.add(dest);
    return staleReason === '' ? { path: dest } : { path: dest, staleReason };
  }
}

function failure(r: ProcessResult): string {
  return r.spawnError ?? r.stderr.toString('utf8').trim();
}
