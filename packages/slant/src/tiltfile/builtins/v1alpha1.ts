// v1alpha1.extension_repo and v1alpha1.extension: declare the API objects ext:// loads use
// (Tilt's generated v1alpha1 plugin, for these two kinds).
import type { Extension, ExtensionRepo } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { conv, None, StarlarkError, unpackArgs } from '@slant/starlark';
import { registerObject } from '../objects.ts';
import type { TiltDefinition } from '../registry.ts';
import { hostString, starString } from '../run.ts';
import { stringList, stringStringMap } from '../value.ts';

function meta(
  name: string,
  labels: Map<string, string> | undefined,
  annotations: Map<string, string> | undefined,
) {
  const m: Extension['metadata'] = { name: hostString(name) };
  if (labels !== undefined && labels.size > 0) {
    m.labels = Object.fromEntries([...labels].map(([k, v]) => [hostString(k), hostString(v)]));
  }
  if (annotations !== undefined && annotations.size > 0) {
    m.annotations = Object.fromEntries(
      [...annotations].map(([k, v]) => [hostString(k), hostString(v)]),
    );
  }
  return m;
}

/** ExtensionRepo.Validate, as a field.ErrorList aggregate. */
function validateRepo(repo: ExtensionRepo): string | undefined {
  const url = repo.spec.url;
  const isWeb = url.startsWith('https://') || url.startsWith('http://');
  const isFile = url.startsWith('file://');
  const invalid = (field: string, value: string, msg: string) =>
    `${field}: Invalid value: ${JSON.stringify(value)}: ${msg}`;
  if (!isWeb && !isFile)
    return invalid('spec.url', url, 'URLs must start with http(s):// or file://');
  if (isFile && !url.slice('file://'.length).startsWith('/')) {
    return invalid('spec.url', url, 'file:// URLs must be absolute (e.g., file:///home/user/repo)');
  }
  const sub = repo.spec.gitSubpath ?? '';
  if (isFile && sub !== '') {
    return invalid(
      'spec.git_subpath',
      sub,
      'cannot use git_subpath for file:// URL extension repositories',
    );
  }
  return undefined;
}

export const v1alpha1Builtins: readonly TiltDefinition[] = [
  {
    name: 'v1alpha1.extension_repo',
    fn: (run, _thread, args, kwargs) => {
      const [name, labels, annotations, url, ref, loadHost, gitSubpath] = unpackArgs(
        'v1alpha1.extension_repo',
        args,
        kwargs,
        ['name', conv.string],
        ['labels?', stringStringMap],
        ['annotations?', stringStringMap],
        ['url?', conv.string],
        ['ref?', conv.string],
        ['load_host?', conv.string],
        ['git_subpath?', conv.string],
      );
      const spec: ExtensionRepo['spec'] = { url: hostString(url ?? '') };
      if ((ref ?? '') !== '') spec.ref = hostString(ref!);
      if ((loadHost ?? '') !== '') spec.loadHost = hostString(loadHost!);
      if ((gitSubpath ?? '') !== '') spec.gitSubpath = hostString(gitSubpath!);
      const repo: ExtensionRepo = {
        apiVersion: API_VERSION,
        kind: 'ExtensionRepo',
        metadata: meta(name!, labels, annotations),
        spec,
      };
      const err = validateRepo(repo);
      if (err !== undefined) throw new StarlarkError(starString(err));
      registerObject(run.state.objects, repo);
      return None;
    },
  },
  {
    name: 'v1alpha1.extension',
    fn: (run, _thread, args, kwargs) => {
      const [name, labels, annotations, repoName, repoPath, extArgs] = unpackArgs(
        'v1alpha1.extension',
        args,
        kwargs,
        ['name', conv.string],
        ['labels?', stringStringMap],
        ['annotations?', stringStringMap],
        ['repo_name?', conv.string],
        ['repo_path?', conv.string],
        ['args?', stringList],
      );
      const spec: Extension['spec'] = {
        repoName: hostString(repoName ?? ''),
        repoPath: hostString(repoPath ?? ''),
      };
      if (extArgs !== undefined && extArgs.length > 0) spec.args = extArgs.map(hostString);
      registerObject(run.state.objects, {
        apiVersion: API_VERSION,
        kind: 'Extension',
        metadata: meta(name!, labels, annotations),
        spec,
      });
      return None;
    },
  },
];
