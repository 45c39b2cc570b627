import { describe, expect, test } from 'vitest';
import { errorOf, runTiltfile } from './test-util.ts';

const LIB = 'def printFoo():\n  print("foo")\n';
const DEFAULT_URL = 'https://github.com/tilt-dev/tilt-extensions';

describe("load('ext://...')", () => {
  test('loads from the default repository and declares Extension and ExtensionRepo objects', () => {
    const r = runTiltfile('load("ext://hello", "printFoo")\nprintFoo()\n', {
      files: { '/ext/default/hello/Tiltfile': LIB },
      extensionRepos: { [DEFAULT_URL]: '/ext/default' },
    });
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('foo\n');
    expect(r.configFiles).toContain('/ext/default/hello/Tiltfile');
    const objs = r.objects.filter((o) => o.kind === 'Extension' || o.kind === 'ExtensionRepo');
    expect(objs).toEqual([
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'Extension',
        metadata: { name: 'hello', annotations: { 'tilt.dev/managed-by': 'tiltfile.loader' } },
        spec: { repoName: 'default', repoPath: 'hello' },
      },
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'ExtensionRepo',
        metadata: { name: 'default' },
        spec: { url: DEFAULT_URL },
      },
    ]);
    // The loader fetched the repo, so it knows the statuses (kept apart from the bare objects).
    expect(Object.fromEntries(r.state.objects.loaderStatuses)).toEqual({
      'ExtensionRepo/default': { path: '/ext/default' },
      'Extension/hello': { path: '/ext/default/hello/Tiltfile' },
    });
  });

  test('a declared file:// repo and extension override the defaults', () => {
    const r = runTiltfile(
      'v1alpha1.extension_repo(name="default", url="file:///my/repo")\nv1alpha1.extension(name="my-ext", repo_name="default", repo_path="custom-path")\nload("ext://my-ext", "printFoo")\nprintFoo()\n',
      { files: { '/my/repo/custom-path/Tiltfile': LIB } },
    );
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('foo\n');
  });

  test('a repo with load_host serves ext://<load_host>/<path>', () => {
    const r = runTiltfile(
      'v1alpha1.extension_repo(name="mine", url="file:///repos/mine", load_host="my-host")\nload("ext://my-host/tools/x", "printFoo")\nprintFoo()\n',
      { files: { '/repos/mine/tools/x/Tiltfile': LIB } },
    );
    expect(r.error).toBeUndefined();
    expect(r.objects.find((o) => o.kind === 'Extension')).toMatchObject({
      metadata: { name: 'my-host_tools_x' },
      spec: { repoName: 'mine', repoPath: 'tools/x' },
    });
  });

  test('errors of repo and extension resolution read as Tilt’s', () => {
    const missingRepo = runTiltfile('load("ext://hello", "x")\n', { extensionRepos: {} });
    expect(errorOf(missingRepo)).toContain(
      `cannot load ext://hello: loading extension repo default: download error: no fake checkout of ${DEFAULT_URL}`,
    );
    const missingExt = runTiltfile('load("ext://nope", "x")\n', {
      files: { '/ext/default/README': '' },
      extensionRepos: { [DEFAULT_URL]: '/ext/default' },
    });
    expect(errorOf(missingExt)).toContain(
      'loading extension nope: no extension tiltfile found at /ext/default/nope/Tiltfile',
    );
    const outside = runTiltfile(
      'v1alpha1.extension(name="bad", repo_name="default", repo_path="../../etc")\nload("ext://bad", "x")\n',
      { files: { '/ext/default/README': '' }, extensionRepos: { [DEFAULT_URL]: '/ext/default' } },
    );
    expect(errorOf(outside)).toContain('loading extension bad: invalid repo path: ../../etc');
  });

  test('an extension loaded from two files runs once', () => {
    const r = runTiltfile('include("a.star")\ninclude("b.star")\n', {
      files: {
        'a.star': 'load("ext://hello", "printFoo")\nprintFoo()\n',
        'b.star': 'load("ext://hello", "printFoo")\nprintFoo()\n',
        '/ext/default/hello/Tiltfile': `print("loading")\n${LIB}`,
      },
      extensionRepos: { [DEFAULT_URL]: '/ext/default' },
    });
    expect(r.out).toBe('loading\nfoo\nfoo\n');
  });
});

describe('v1alpha1.extension_repo / extension', () => {
  test('validation and duplicate registration', () => {
    expect(errorOf(runTiltfile('v1alpha1.extension_repo(name="r", url="ftp://x")\n'))).toContain(
      'Error in v1alpha1.extension_repo: spec.url: Invalid value: "ftp://x": URLs must start with http(s):// or file://',
    );
    expect(
      errorOf(
        runTiltfile('v1alpha1.extension_repo(name="r", url="file:///x", git_subpath="sub")\n'),
      ),
    ).toContain('cannot use git_subpath for file:// URL extension repositories');
    expect(
      errorOf(
        runTiltfile(
          'v1alpha1.extension_repo(name="r", url="https://a")\nv1alpha1.extension_repo(name="r", url="https://b")\n',
        ),
      ),
    ).toContain('Error in v1alpha1.extension_repo: extensionrepos "r" already registered');
    const same = runTiltfile(
      'v1alpha1.extension_repo(name="r", url="https://a")\nv1alpha1.extension_repo(name="r", url="https://a")\n',
    );
    expect(same.error).toBeUndefined();
  });
});
