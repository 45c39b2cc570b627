import { describe, expect, test } from 'vitest';
import {
  familiarName,
  familiarString,
  imageNamesEqual,
  parseDockerRef,
  parseNamed,
  parseNamedTagged,
  parseNormalizedNamed,
  parseReference,
  refName,
  refString,
  tagNameOnly,
  trimNamed,
  validateDigest,
  withDigest,
  withName,
  withTag,
} from './ref.ts';

const sha = `sha256:${'a1'.repeat(32)}`;

describe('parseNormalizedNamed', () => {
  test.each([
    ['nginx', 'docker.io/library/nginx', 'nginx'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25', 'nginx:1.25'],
    ['user/app', 'docker.io/user/app', 'user/app'],
    ['docker.io/nginx', 'docker.io/library/nginx', 'nginx'],
    ['index.docker.io/user/app:v1', 'docker.io/user/app:v1', 'user/app:v1'],
    ['docker.io/library/a/b', 'docker.io/library/a/b', 'library/a/b'],
    ['gcr.io/proj/app', 'gcr.io/proj/app', 'gcr.io/proj/app'],
    ['localhost/app', 'localhost/app', 'localhost/app'],
    ['localhost:5000/app:dev', 'localhost:5000/app:dev', 'localhost:5000/app:dev'],
    ['registry:5000/app', 'registry:5000/app', 'registry:5000/app'],
    ['Registry/app', 'Registry/app', 'Registry/app'],
    ['[::1]:5000/app', '[::1]:5000/app', '[::1]:5000/app'],
    ['127.0.0.1:5000/a/b/c', '127.0.0.1:5000/a/b/c', '127.0.0.1:5000/a/b/c'],
    [`nginx@${sha}`, `docker.io/library/nginx@${sha}`, `nginx@${sha}`],
    [`nginx:1@${sha}`, `docker.io/library/nginx:1@${sha}`, `nginx:1@${sha}`],
    ['ab/c__d.e--f', 'docker.io/ab/c__d.e--f', 'ab/c__d.e--f'],
    // A first part with a '.' is taken as a domain, but `_` is no domain character: no domain.
    ['a_b.c/e', 'a_b.c/e', 'a_b.c/e'],
  ])('normalises %s to %s (familiar %s)', (input, full, familiar) => {
    const ref = parseNormalizedNamed(input);
    expect(refString(ref)).toBe(full);
    expect(familiarString(ref)).toBe(familiar);
  });

  test('splits domain, path, tag and digest', () => {
    expect(parseNormalizedNamed(`localhost:5000/a/b:t@${sha}`)).toEqual({
      domain: 'localhost:5000',
      path: 'a/b',
      tag: 't',
      digest: sha,
    });
  });

  test.each([
    ['', 'invalid reference format'],
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['user/App:v1', 'invalid reference format: repository name (user/App) must be lowercase'],
    ['gcr.io/Proj/app', 'invalid reference format: repository name (Proj/app) must be lowercase'],
    ['a b', 'invalid reference format'],
    ['app:', 'invalid reference format'],
    ['app:-bad', 'invalid reference format'],
    ['-app', 'invalid reference format'],
    ['app/', 'invalid reference format'],
    ['a_-b', 'invalid reference format'],
    [`app:${'t'.repeat(129)}`, 'invalid reference format'],
    [
      'a1'.repeat(32),
      `invalid repository name (${'a1'.repeat(32)}), cannot specify 64-byte hexadecimal strings`,
    ],
    [`x/${'o'.repeat(254)}`, 'repository name must not be more than 255 characters'],
    ['app@sha256:abc', 'invalid reference format'],
    [`app@sha256:${'a'.repeat(63)}`, 'invalid checksum digest length'],
    [`app@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [`app@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
  ])('rejects %j: %s', (input, message) => {
    expect(() => parseNormalizedNamed(input)).toThrow(new Error(message));
  });
});

describe('parseReference', () => {
  test('keeps a familiar name unnormalised with an empty domain', () => {
    expect(parseReference('nginx:1')).toEqual({ domain: '', path: 'nginx', tag: '1' });
    expect(refName(parseReference('user/app'))).toBe('user/app');
  });

  test('rejects the empty string as a name without components', () => {
    expect(() => parseReference('')).toThrow(
      new Error('repository name must have at least one component'),
    );
  });

  test('reports uppercase only when the lowercased string would parse', () => {
    expect(() => parseReference('NGINX')).toThrow(new Error('repository name must be lowercase'));
  });
});

describe('parseNamed', () => {
  test('accepts canonical names only', () => {
    expect(refString(parseNamed('docker.io/library/nginx'))).toBe('docker.io/library/nginx');
    expect(refString(parseNamed('localhost:5000/app:t'))).toBe('localhost:5000/app:t');
    expect(() => parseNamed('nginx')).toThrow(new Error('repository name must be canonical'));
    expect(() => parseNamed('invalid/fake')).toThrow(
      new Error('repository name must be canonical'),
    );
  });
});

describe('parseNamedTagged', () => {
  test('requires a tag, with Tilt error texts', () => {
    expect(refString(parseNamedTagged('app:v1'))).toBe('docker.io/library/app:v1');
    expect(() => parseNamedTagged('app')).toThrow(
      new Error('Expected reference "app" to contain a tag'),
    );
    expect(() => parseNamedTagged('App:v1')).toThrow(
      new Error(
        'parsing "App:v1": invalid reference format: repository name (library/App) must be lowercase',
      ),
    );
  });
});

describe('reference helpers', () => {
  test('parseDockerRef adds latest, or keeps only the digest', () => {
    expect(refString(parseDockerRef('nginx'))).toBe('docker.io/library/nginx:latest');
    expect(refString(parseDockerRef(`nginx:1@${sha}`))).toBe(`docker.io/library/nginx@${sha}`);
  });

  test('withTag and withDigest replace their part and validate it', () => {
    const ref = parseNormalizedNamed('gcr.io/a/b:old');
    expect(refString(withTag(ref, 'tilt-123'))).toBe('gcr.io/a/b:tilt-123');
    expect(refString(withDigest(ref, sha))).toBe(`gcr.io/a/b:old@${sha}`);
    expect(() => withTag(ref, '.bad')).toThrow(new Error('invalid tag format'));
    expect(() => withDigest(ref, 'nope')).toThrow(new Error('invalid digest format'));
  });

  test('withName parses a name without normalising', () => {
    expect(withName('localhost:1234/x')).toEqual({ domain: 'localhost:1234', path: 'x' });
    expect(withName('x')).toEqual({ domain: '', path: 'x' });
    expect(() => withName('X')).toThrow(new Error('invalid reference format'));
  });

  test('trimNamed and tagNameOnly', () => {
    const ref = parseNormalizedNamed(`a:1@${sha}`);
    expect(refString(trimNamed(ref))).toBe('docker.io/library/a');
    expect(refString(tagNameOnly(trimNamed(ref)))).toBe('docker.io/library/a:latest');
    expect(tagNameOnly(ref)).toBe(ref);
  });

  test('familiarName drops the Docker Hub domain and library/ prefix only', () => {
    expect(familiarName(parseNormalizedNamed('library/nginx:1'))).toBe('nginx');
    expect(familiarName(parseNormalizedNamed('gcr.io/library/nginx'))).toBe('gcr.io/library/nginx');
  });

  test('imageNamesEqual compares names, ignoring tags and normalisation', () => {
    expect(imageNamesEqual('nginx:1', 'docker.io/library/nginx:2')).toBe(true);
    expect(imageNamesEqual('reg.example.com/foo:abc', 'reg.example.com/foo:def')).toBe(true);
    expect(imageNamesEqual('a', 'b')).toBe(false);
    expect(imageNamesEqual('A', 'A')).toBe(false);
  });

  test('validateDigest follows go-digest', () => {
    expect(() => validateDigest(sha)).not.toThrow();
    expect(() => validateDigest(`sha512:${'0'.repeat(128)}`)).not.toThrow();
    expect(() => validateDigest('sha256')).toThrow(new Error('invalid checksum digest format'));
    expect(() => validateDigest('sha256:')).toThrow(new Error('invalid checksum digest format'));
  });
});
