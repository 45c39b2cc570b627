import { describe, expect, test } from 'vitest';
import { DIR } from '../test-util.ts';
import { lastError, run } from './build-test-util.ts';

const files = { 'foo/Dockerfile': 'FROM alpine\n', 'Dockerfile.dev': 'FROM dev\n' };

describe('docker_build', () => {
  test('declares an image with its context, Dockerfile and sorted build args', () => {
    const r = run(
      "docker_build('gcr.io/foo', 'foo', build_args={'B': '2', 'A': ''}, target='t', extra_tag='x:y', ssh='default', network='host', pull=True, cache_from=['c'], extra_hosts='h:1.2.3.4', only=['src'], ignore='*.md', platform='linux/arm64', container_args=['--v'], entrypoint='run it', match_in_env_vars=True)\n",
      { files },
    );
    expect(r.error).toBeUndefined();
    const img = r.state.build.images[0]!;
    expect(img.buildType).toBe('docker');
    expect(img.buildPath).toBe(`${DIR}/foo`);
    expect(img.dockerfilePath).toBe(`${DIR}/foo/Dockerfile`);
    expect(img.dockerfileContents).toBe('FROM alpine\n');
    expect(img.buildArgs).toEqual(['A', 'B=2']);
    expect(img.targetStage).toBe('t');
    expect(img.extraTags).toEqual(['x:y']);
    expect(img.sshSpecs).toEqual(['default']);
    expect(img.network).toBe('host');
    expect(img.pullParent).toBe(true);
    expect(img.cacheFrom).toEqual(['c']);
    expect(img.extraHosts).toEqual(['h:1.2.3.4']);
    expect(img.onlys).toEqual(['src']);
    expect(img.ignores).toEqual(['*.md']);
    expect(img.platform).toBe('linux/arm64');
    expect(img.overrideArgs).toEqual(['--v']);
    expect(img.entrypoint.argv).toEqual(['sh', '-c', 'run it']);
    expect(img.matchInEnvVars).toBe(true);
    expect(img.tiltfilePath).toBe(`${DIR}/Tiltfile`);
    expect(r.configFiles).toContain(`${DIR}/foo/Dockerfile`);
  });

  test('dockerfile= and dockerfile_contents=; not both', () => {
    const a = run("docker_build('foo', '.', dockerfile='Dockerfile.dev')\n", { files });
    expect(a.state.build.images[0]?.dockerfileContents).toBe('FROM dev\n');
    const b = run("docker_build('foo', '.', dockerfile_contents=blob('FROM x'))\n", { files });
    expect(b.state.build.images[0]?.dockerfileContents).toBe('FROM x');
    const c = run("docker_build('foo', '.', dockerfile='a', dockerfile_contents='FROM x')\n");
    expect(lastError(c)).toBe(
      'Error in docker_build: Cannot specify both dockerfile and dockerfile_contents keyword arguments',
    );
    const d = run("docker_build('foo', '.', dockerfile_contents=1)\n");
    expect(lastError(d)).toBe(
      'Error in docker_build: Argument (dockerfile_contents): must be string or blob.',
    );
  });

  test('a missing Dockerfile is an error that still watches the file', () => {
    const r = run("docker_build('foo', 'nope')\n");
    expect(lastError(r)).toBe(
      `Error in docker_build: error reading dockerfile: open ${DIR}/nope/Dockerfile: no such file or directory`,
    );
    expect(r.configFiles).toContain(`${DIR}/nope/Dockerfile`);
  });

  test('bad refs, globs in only, bad extra tags, newlines in ignore', () => {
    expect(lastError(run("docker_build('Foo', 'foo')\n", { files }))).toBe(
      'Error in docker_build: Argument 1 (ref): can\'t parse "Foo": invalid reference format: repository name (library/Foo) must be lowercase',
    );
    expect(lastError(run("docker_build('foo', 'foo', only=['*.go'])\n", { files }))).toBe(
      "Error in docker_build: 'only' does not support '*' file globs. Must be a real path: *.go",
    );
    expect(lastError(run("docker_build('foo', 'foo', extra_tag='A:b')\n", { files }))).toBe(
      'Error in docker_build: Argument extra_tag="A:b" not a valid image reference: invalid reference format: repository name (library/A) must be lowercase',
    );
    expect(lastError(run("docker_build('foo', 'foo', ignore='a\\nb')\n", { files }))).toBe(
      'Error in docker_build: ignore cannot contain newlines; found ignore: "a\\nb"',
    );
  });

  test('the same ref twice is an error; two tags of one name both become exact', () => {
    const a = run("docker_build('foo', 'foo')\ndocker_build('foo', 'foo')\n", { files });
    expect(lastError(a)).toBe(
      'Error in docker_build: Image for ref "foo" has already been defined',
    );
    const b = run(
      "docker_build('foo:a', 'foo')\ndocker_build('foo:b', 'foo')\ndocker_build('bar', 'foo')\n",
      {
        files,
      },
    );
    expect(b.state.build.images.map((i) => i.configurationRef.matchExact)).toEqual([
      true,
      true,
      false,
    ]);
  });

  test('cache= is obsolete: a warning', () => {
    const r = run("docker_build('foo', 'foo', cache='/x')\n", { files });
    expect(r.warnings).toEqual([
      'docker_build(cache=...) is obsolete, and currently a no-op.\nYou should switch to live_update to optimize your builds.',
    ]);
  });

  test('platform falls back to DOCKER_DEFAULT_PLATFORM', () => {
    const r = run("docker_build('foo', 'foo')\n", {
      files,
      env: { DOCKER_DEFAULT_PLATFORM: 'linux/amd64' },
    });
    expect(r.state.build.images[0]?.platform).toBe('linux/amd64');
  });
});

describe('custom_build', () => {
  test('declares a command build and returns a custom_build value', () => {
    const r = run(
      "cb = custom_build('gcr.io/foo', 'make $EXPECTED_REF', ['src', 'lib'], tag='dev', disable_push=True, skips_local_docker=True, env={'A': 'b'}, dir='src', image_deps=['base'])\nprint(cb, type(cb))\n",
    );
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('custom_build("gcr.io/foo") custom_build\n');
    const img = r.state.build.images[0]!;
    expect(img.customCommand).toEqual({
      argv: ['sh', '-c', 'make $EXPECTED_REF'],
      dir: `${DIR}/src`,
      env: ['A=b'],
    });
    expect(img.customDeps).toEqual([`${DIR}/src`, `${DIR}/lib`]);
    expect(img.customTag).toBe('dev');
    expect(img.disablePush).toBe(true);
    expect(img.skipsLocalDocker).toBe(true);
    expect(img.customImgDeps.map((d) => d.path)).toEqual(['library/base']);
  });

  test('command errors and tag/outputs_image_ref_to conflict', () => {
    expect(lastError(run("custom_build('foo', '', ['.'])\n"))).toBe(
      "Error in custom_build: Argument 2 (command) can't be empty",
    );
    expect(lastError(run("custom_build('foo', 3, ['.'])\n"))).toBe(
      'Error in custom_build: Argument 2 (command): a command must be a string or list of strings. found starlark.Int',
    );
    expect(
      lastError(run("custom_build('foo', 'x', ['.'], tag='t', outputs_image_ref_to='ref.txt')\n")),
    ).toBe('Error in custom_build: Cannot specify both tag= and outputs_image_ref_to=');
  });
});

describe('default_registry', () => {
  test('sets the registry once', () => {
    const r = run(
      "default_registry('localhost:5000', host_from_cluster='registry:5000', single_name='all')\n",
    );
    expect(r.state.build.defaultRegistry).toEqual({
      host: 'localhost:5000',
      hostFromContainerRuntime: 'registry:5000',
      singleName: 'all',
    });
    expect(lastError(run("default_registry('a.io')\ndefault_registry('b.io')\n"))).toBe(
      'Error in default_registry: default registry already defined',
    );
  });

  test('validates the host', () => {
    expect(lastError(run("default_registry('')\n"))).toBe(
      'Error in default_registry: validating defaultRegistry: host: Required value',
    );
    expect(lastError(run("default_registry('foo')\n"))).toBe(
      'Error in default_registry: validating defaultRegistry: host: Invalid value: "foo": repository name must be canonical',
    );
    expect(lastError(run("default_registry('Bad Host')\n"))).toBe(
      'Error in default_registry: validating defaultRegistry: host: Invalid value: "Bad Host": invalid reference format',
    );
  });
});
