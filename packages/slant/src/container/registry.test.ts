import { describe, expect, test } from 'vitest';
import { familiarString, refString } from './ref.ts';
import {
  addTagSuffix,
  clusterRef,
  escapeName,
  localRef,
  newRefSet,
  type RegistryHosting,
  registryFromCluster,
  replaceRegistryForContainerRuntimeRef,
  replaceRegistryForLocalRef,
  validateRegistryHosting,
  withoutRegistry,
} from './registry.ts';
import { parseSelector } from './selector.ts';

const local = (host: string, image: string): string =>
  refString(replaceRegistryForLocalRef(parseSelector(image), { host }));

describe('replaceRegistryForLocalRef', () => {
  test.each([
    ['myreg.com', 'gcr.io/foo/bar:deadbeef', 'myreg.com/gcr.io_foo_bar'],
    ['ecr.example.com/team', 'gcr.io/x/y/z:t', 'ecr.example.com/team/gcr.io_x_y_z'],
    ['gcr.io/foo', 'docker.io/library/busybox', 'gcr.io/foo/busybox'],
    ['gcr.io/foo', 'bar', 'gcr.io/foo/bar'],
    ['gcr.io/foo', 'user/bar', 'gcr.io/foo/user_bar'],
    ['localhost:5000', 'localhost:5000/app', 'localhost:5000/app'],
    ['myreg.com', 'myreg.com/bar', 'myreg.com/bar'],
    ['myreg.com:5000', 'myreg.com/bar', 'myreg.com:5000/myreg.com_bar'],
    ['myreg.com', 'myreg.com:5000/bar', 'myreg.com/myreg.com_5000_bar'],
  ])('host %s renames %s to %s (tag dropped)', (host, image, expected) => {
    expect(local(host, image)).toBe(expected);
  });

  test('no registry, or an empty host, keeps the name and drops the tag', () => {
    const s = parseSelector('gcr.io/foo:v1');
    expect(refString(replaceRegistryForLocalRef(s, undefined))).toBe('gcr.io/foo');
    expect(refString(replaceRegistryForLocalRef(s, { host: '' }))).toBe('gcr.io/foo');
  });

  test('single_name pushes every image to one repository', () => {
    const reg = { host: 'aws.ecr.io', singleName: 'dev-repo' };
    expect(refString(replaceRegistryForLocalRef(parseSelector('a/b'), reg))).toBe(
      'aws.ecr.io/dev-repo',
    );
  });

  test('an unparseable result names the registry', () => {
    expect(() => local('gcr.io/somewhat/long/hostname', 'o'.repeat(240))).toThrow(
      new Error(
        `Error parsing gcr.io/somewhat/long/hostname/${'o'.repeat(240)} after applying default registry gcr.io/somewhat/long/hostname: repository name must not be more than 255 characters`,
      ),
    );
  });
});

describe('replaceRegistryForContainerRuntimeRef', () => {
  test.each([
    ['myreg.com', undefined, 'myreg.com/gcr.io_foo_bar', 'myreg.com/gcr.io_foo_bar'],
    ['myreg.com', 'myreg.com', 'myreg.com/gcr.io_foo_bar', 'myreg.com/gcr.io_foo_bar'],
    [
      'localhost:1234',
      'registry:1234',
      'localhost:1234/gcr.io_foo_bar',
      'registry:1234/gcr.io_foo_bar',
    ],
  ])('host %s, runtime host %s: local %s, cluster %s', (host, fromRuntime, l, c) => {
    const reg: RegistryHosting = {
      host,
      ...(fromRuntime ? { hostFromContainerRuntime: fromRuntime } : {}),
    };
    const s = parseSelector('gcr.io/foo/bar');
    expect(refString(replaceRegistryForLocalRef(s, reg))).toBe(l);
    expect(refString(replaceRegistryForContainerRuntimeRef(s, reg))).toBe(c);
  });
});

describe('RefSet', () => {
  test.each([
    [undefined, undefined, 'gcr.io/foo', 'gcr.io/foo'],
    ['localhost:1234', undefined, 'localhost:1234/gcr.io_foo', 'localhost:1234/gcr.io_foo'],
    ['localhost:1234', 'registry:1234', 'localhost:1234/gcr.io_foo', 'registry:1234/gcr.io_foo'],
  ])('host %s / runtime %s derive local %s and cluster %s', (host, fromRuntime, l, c) => {
    const reg =
      host === undefined
        ? undefined
        : { host, ...(fromRuntime ? { hostFromContainerRuntime: fromRuntime } : {}) };
    const rs = newRefSet(parseSelector('gcr.io/foo'), reg);
    expect(refString(localRef(rs))).toBe(l);
    expect(refString(clusterRef(rs))).toBe(c);
  });

  test('an invalid registry host fails validation', () => {
    expect(() => newRefSet(parseSelector('gcr.io/foo/bar'), { host: 'invalid' })).toThrow(
      new Error(
        'validating new RefSet with configuration ref "gcr.io/foo/bar": host: Invalid value: "invalid": repository name must be canonical',
      ),
    );
  });

  test('a too-long cluster ref fails validation', () => {
    const reg = { host: 'gcr.io', hostFromContainerRuntime: 'gcr.io/somewhat/long/hostname' };
    expect(() => newRefSet(parseSelector('o'.repeat(240)), reg)).toThrow(
      /^validating new RefSet with configuration ref "docker.io\/library\/o+": Error parsing gcr.io\/somewhat\/long\/hostname\/o+ after applying default registry gcr.io\/somewhat\/long\/hostname: repository name must not be more than 255 characters$/,
    );
  });

  test('withoutRegistry returns the configuration name', () => {
    const reg = { host: 'localhost:5000', hostFromContainerRuntime: 'localhost:5000' };
    const rs = newRefSet(parseSelector('foo'), reg);
    expect(familiarString(localRef(rs))).toBe('localhost:5000/foo');
    expect(familiarString(localRef(withoutRegistry(rs)))).toBe('foo');
  });

  test('addTagSuffix tags both refs; single_name prefixes the escaped base name', () => {
    const plain = addTagSuffix(
      newRefSet(parseSelector('app'), { host: 'localhost:1', hostFromContainerRuntime: 'reg:1' }),
      'tilt-abc',
    );
    expect(refString(plain.localRef)).toBe('localhost:1/app:tilt-abc');
    expect(refString(plain.clusterRef)).toBe('reg:1/app:tilt-abc');
    const single = addTagSuffix(
      newRefSet(parseSelector('gcr.io/team/app'), { host: 'ecr.io', singleName: 'dev' }),
      'tilt-abc',
    );
    expect(refString(single.localRef)).toBe('ecr.io/dev:app-tilt-abc');
  });
});

describe('registry helpers', () => {
  test('escapeName replaces / : and @', () => {
    expect(escapeName('a/b:c@d')).toBe('a_b_c_d');
  });

  test('validateRegistryHosting reports each bad field', () => {
    expect(validateRegistryHosting({ host: '' })).toEqual(['host: Required value']);
    expect(validateRegistryHosting({ host: 'ok.io', hostFromContainerRuntime: 'bad' })).toEqual([
      'hostFromContainerRuntime: Invalid value: "bad": repository name must be canonical',
    ]);
  });

  test('registryFromCluster prefers the local registry, then the default, else none', () => {
    const status = { host: 'localhost:7890', hostFromContainerRuntime: 'registry:5000' };
    const def = { host: 'registry.example.com', singleName: 'repo' };
    expect(registryFromCluster(undefined)).toBeUndefined();
    expect(registryFromCluster({})).toBeUndefined();
    expect(registryFromCluster({ spec: { defaultRegistry: def } })).toEqual(def);
    expect(
      registryFromCluster({ spec: { defaultRegistry: def }, status: { registry: status } }),
    ).toEqual(status);
    expect(() => registryFromCluster({ status: { error: 'fake cluster error' } })).toThrow(
      new Error('cluster not ready: fake cluster error'),
    );
  });
});
