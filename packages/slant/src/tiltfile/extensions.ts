// load('ext://name') (Tilt's tiltextension plugin): the module name becomes an Extension object
// in an ExtensionRepo (the default repo is tilt-extensions on GitHub, or one the Tiltfile declared
// with v1alpha1.extension_repo / v1alpha1.extension, matched by name or load_host), the repo is
// fetched (file:// read in place; https through host.extensionRepos) and the extension's Tiltfile
// path is what load() executes.
import type { Extension, ExtensionRepo } from '@slant/api';
import { API_VERSION } from '@slant/api';
import type { Thread } from '@slant/starlark';
import { goClean, goJoin } from './gopath.ts';
import type { ExtensionRepoFetch } from './host.ts';
import { sanitizeName } from './names.ts';
import { ANNOTATION_MANAGED_BY, typedSet } from './objects.ts';
import type { TiltfileRun } from './run.ts';
import { hostString, starString } from './run.ts';

export const EXTENSION_PREFIX = 'ext://';
export const DEFAULT_REPO_NAME = 'default';
export const DEFAULT_REPO_URL = 'https://github.com/tilt-dev/tilt-extensions';

function newExtension(name: string, repoName: string, repoPath: string): Extension {
  return {
    apiVersion: API_VERSION,
    kind: 'Extension',
    metadata: { name, annotations: { [ANNOTATION_MANAGED_BY]: 'tiltfile.loader' } },
    spec: { repoName, repoPath },
  };
}

/** ensureExtension: the declared Extension, or one registered for this module name. */
function ensureExtension(run: TiltfileRun, moduleName: string): Extension {
  const name = sanitizeName(moduleName);
  const exts = typedSet(run.state.objects, 'Extension');
  const existing = exts.get(name) as Extension | undefined;
  if (existing !== undefined) {
    existing.metadata.annotations = {
      ...existing.metadata.annotations,
      [ANNOTATION_MANAGED_BY]: 'tiltfile.loader',
    };
    return existing;
  }
  const slash = moduleName.indexOf('/');
  let ext = newExtension(name, DEFAULT_REPO_NAME, moduleName);
  if (slash >= 0) {
    const loadHost = moduleName.slice(0, slash);
    const repos = typedSet(run.state.objects, 'ExtensionRepo');
    for (const r of repos.values()) {
      const repo = r as ExtensionRepo;
      if ((repo.spec.loadHost ?? '') === '' || repo.spec.loadHost !== loadHost) continue;
      ext = newExtension(name, repo.metadata.name, moduleName.slice(slash + 1));
      break;
    }
  }
  exts.set(name, ext);
  return ext;
}

function ensureRepo(run: TiltfileRun, repoName: string): ExtensionRepo {
  const repos = typedSet(run.state.objects, 'ExtensionRepo');
  const existing = repos.get(repoName) as ExtensionRepo | undefined;
  if (existing !== undefined) return existing;
  const repo: ExtensionRepo = {
    apiVersion: API_VERSION,
    kind: 'ExtensionRepo',
    metadata: { name: repoName },
    spec: { url: DEFAULT_REPO_URL },
  };
  repos.set(repoName, repo);
  return repo;
}

/** The extensionrepo reconciler's ForceApply, once per repo per execution. */
function fetchRepo(run: TiltfileRun, repo: ExtensionRepo): ExtensionRepoFetch {
  const url = repo.spec.url;
  const ref = repo.spec.ref ?? '';
  if (url.startsWith('file://')) {
    const p = url.slice('file://'.length);
    if (ref !== '') return { error: 'spec.ref not supported on file:// repos' };
    if (!p.startsWith('/')) return { error: `file paths must be absolute. Url: ${url}` };
    const st = run.host.fs.stat(p);
    if (st === undefined) return { error: `loading: stat ${p}: no such file or directory` };
    if (!st.isDir) return { error: 'loading: not a directory' };
    return { path: p };
  }
  if (!url.startsWith('https://') && !url.startsWith('http://')) {
    return { error: `invalid: URL must start with 'https://': ${url}` };
  }
  const fetcher = run.host.extensionRepos;
  if (fetcher === undefined) return { error: 'fetching extension repositories is not available' };
  return fetcher.fetch({ name: repo.metadata.name, url, ref });
}

function isChild(parent: string, child: string): boolean {
  const p = goClean(parent);
  const c = goClean(child);
  return c === p || c.startsWith(p === '/' ? '/' : `${p}/`);
}

/** The load interceptor: the local path of an ext:// module, or undefined for other paths. */
export function extensionLocalPath(
  run: TiltfileRun,
  _thread: Thread,
  module: string,
): string | undefined {
  const arg = hostString(module);
  if (!arg.startsWith(EXTENSION_PREFIX)) return undefined;
  const moduleName = arg.slice(EXTENSION_PREFIX.length);
  const ext = ensureExtension(run, moduleName);
  const repo = ensureRepo(run, ext.spec.repoName);
  const fetched = fetchRepo(run, repo);
  if (fetched.error !== undefined && fetched.error !== '') {
    throw new Error(starString(`loading extension repo ${repo.metadata.name}: ${fetched.error}`));
  }
  if (fetched.staleReason !== undefined) {
    run.host.log.print(`extensionrepo ${repo.metadata.name}: may be stale: ${fetched.staleReason}`);
  }
  if (fetched.path === undefined || fetched.path === '') {
    throw new Error(starString(`extension repo not resolved: ${repo.metadata.name}`));
  }
  // The loader is the extensionrepo/extension reconciler here: their statuses come from it.
  run.state.objects.loaderStatuses.set(`ExtensionRepo/${repo.metadata.name}`, {
    path: fetched.path,
    ...(fetched.staleReason === undefined ? {} : { staleReason: fetched.staleReason }),
  });
  const path = goJoin(fetched.path, repo.spec.gitSubpath ?? '', ext.spec.repoPath, 'Tiltfile');
  const fail = (msg: string) =>
    new Error(starString(`loading extension ${ext.metadata.name}: ${msg}`));
  if (!isChild(fetched.path, path)) throw fail(`invalid repo path: ${ext.spec.repoPath}`);
  if (run.host.fs.stat(path) === undefined) throw fail(`no extension tiltfile found at ${path}`);
  run.state.objects.loaderStatuses.set(`Extension/${ext.metadata.name}`, { path });
  return path;
}
