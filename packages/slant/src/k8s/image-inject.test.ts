import { describe, expect, test } from 'vitest';
import { parseNormalizedNamed as ref, refString } from '../container/ref.ts';
import { nameSelector, parseSelector } from '../container/selector.ts';
import { containers, envVars, imageVolumeSources } from './entity.ts';
import {
  findImages,
  hasImage,
  injectCommandAndArgs,
  injectImageDigest,
  injectImagePullPolicy,
  injectParallelPodManagementPolicy,
} from './image-inject.ts';
import { newJSONPathImageLocator } from './locator.ts';
import { kindSelector } from './object-selector.ts';
import { WEB_WITH_SIDECAR, deployment, one } from './testdata.ts';

const digest = `sha256:${'2b'.repeat(32)}`;
const images = (e: Record<string, unknown>): unknown[] => containers(e).map((c) => c.image);

describe('injectImageDigest', () => {
  test('replaces matching container and init container images and sets the pull policy', () => {
    const e = one(WEB_WITH_SIDECAR);
    const built = ref('gcr.io/shop/web:tilt-abc');
    const { entity, replaced } = injectImageDigest(
      e,
      parseSelector('gcr.io/shop/web'),
      built,
      [],
      false,
      'IfNotPresent',
    );
    expect(replaced).toBe(true);
    expect(images(entity)).toEqual([
      'gcr.io/shop/migrate:v1',
      'gcr.io/shop/web:tilt-abc',
      'busybox:1.36',
    ]);
    expect(containers(entity).map((c) => c.imagePullPolicy)).toEqual([
      undefined,
      'IfNotPresent',
      undefined,
    ]);
    const init = injectImageDigest(
      e,
      parseSelector('gcr.io/shop/migrate'),
      ref('gcr.io/shop/migrate:tilt-1'),
      [],
      false,
      'Never',
    );
    expect(containers(init.entity)[0]).toEqual({
      name: 'migrate',
      image: 'gcr.io/shop/migrate:tilt-1',
      imagePullPolicy: 'Never',
    });
  });

  test('writes the familiar form of the injected ref', () => {
    const e = deployment('d', { image: 'docker.io/library/app:1' });
    const { entity } = injectImageDigest(
      e,
      parseSelector('app'),
      ref('app:tilt-2'),
      [],
      false,
      'IfNotPresent',
    );
    expect(images(entity)).toEqual(['app:tilt-2']);
  });

  test('does not change the input entity', () => {
    const e = one(WEB_WITH_SIDECAR);
    const before = structuredClone(e);
    injectImageDigest(
      e,
      parseSelector('gcr.io/shop/web'),
      ref('gcr.io/shop/web:x'),
      [],
      true,
      'IfNotPresent',
    );
    expect(e).toEqual(before);
  });

  test('an exact selector skips other tags; nothing matched reports replaced false', () => {
    const e = one(WEB_WITH_SIDECAR);
    const r = injectImageDigest(
      e,
      parseSelector('busybox:1.35'),
      ref('busybox:tilt-1'),
      [],
      false,
      'IfNotPresent',
    );
    expect(r.replaced).toBe(false);
    expect(images(r.entity)).toEqual(images(e));
  });

  test('replaces image volume references and their pull policy', () => {
    const e = one(WEB_WITH_SIDECAR);
    const r = injectImageDigest(
      e,
      parseSelector('gcr.io/shop/models'),
      ref('gcr.io/shop/models:tilt-9'),
      [],
      false,
      'IfNotPresent',
    );
    expect(r.replaced).toBe(true);
    expect(imageVolumeSources(r.entity)).toEqual([
      { reference: 'gcr.io/shop/models:tilt-9', pullPolicy: 'IfNotPresent' },
    ]);
  });

  test('replaces env var values only with matchInEnvVars', () => {
    const e = one(WEB_WITH_SIDECAR);
    const sel = parseSelector('gcr.io/shop/worker');
    const off = injectImageDigest(
      e,
      sel,
      ref('gcr.io/shop/worker:tilt-5'),
      [],
      false,
      'IfNotPresent',
    );
    expect(off.replaced).toBe(false);
    const on = injectImageDigest(
      e,
      sel,
      ref('gcr.io/shop/worker:tilt-5'),
      [],
      true,
      'IfNotPresent',
    );
    expect(on.replaced).toBe(true);
    expect(envVars(on.entity).map((v) => v.value)).toEqual([
      'gcr.io/shop/worker:tilt-5',
      'Not An Image!',
      undefined,
      'gcr.io/shop/worker:tilt-5',
    ]);
  });

  test('a digest ref with pull policy Never is an internal error', () => {
    const e = deployment('d');
    expect(() =>
      injectImageDigest(e, parseSelector('d-image'), ref(`d-image@${digest}`), [], false, 'Never'),
    ).toThrow(new Error('INTERNAL TILT ERROR: Cannot set PullNever with digest'));
    const r = injectImageDigest(
      e,
      parseSelector('d-image'),
      ref(`d-image@${digest}`),
      [],
      false,
      'IfNotPresent',
    );
    expect(images(r.entity)).toEqual([`d-image@${digest}`]);
  });

  test('a container image that does not parse is an error', () => {
    const e = deployment('d', { image: 'bad image' });
    expect(() =>
      injectImageDigest(e, parseSelector('x'), ref('x:1'), [], false, 'IfNotPresent'),
    ).toThrow(new Error('invalid reference format'));
  });

  test('injects through CRD locators', () => {
    const crd = {
      apiVersion: 'example.com/v1',
      kind: 'Foo',
      metadata: { name: 'f' },
      spec: { image: 'gcr.io/foo:stable' },
    };
    const locator = newJSONPathImageLocator(kindSelector('Foo'), '{.spec.image}');
    const injected = ref(`localhost:3000/gcr.io_foo@${digest}`);
    const r = injectImageDigest(
      crd,
      nameSelector(ref('gcr.io/foo')),
      injected,
      [locator],
      false,
      'IfNotPresent',
    );
    expect(r.replaced).toBe(true);
    expect(r.entity.spec).toEqual({ image: `localhost:3000/gcr.io_foo@${digest}` });
  });
});

describe('other injections', () => {
  test('injectImagePullPolicy sets every container', () => {
    const e = injectImagePullPolicy(one(WEB_WITH_SIDECAR), 'IfNotPresent');
    expect(containers(e).map((c) => c.imagePullPolicy)).toEqual([
      'IfNotPresent',
      'IfNotPresent',
      'IfNotPresent',
    ]);
  });

  test('injectParallelPodManagementPolicy only touches StatefulSets', () => {
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { replicas: 2 } };
    expect(injectParallelPodManagementPolicy(sts).spec).toEqual({
      replicas: 2,
      podManagementPolicy: 'Parallel',
    });
    expect(sts.spec).toEqual({ replicas: 2 });
    const d = deployment('d');
    expect(injectParallelPodManagementPolicy(d)).toBe(d);
  });

  test('injectCommandAndArgs overrides the matching containers', () => {
    const e = injectCommandAndArgs(
      one(WEB_WITH_SIDECAR),
      ref('gcr.io/shop/web'),
      ['/bin/app'],
      ['--dev'],
    );
    expect(containers(e)[1]).toMatchObject({ command: ['/bin/app'], args: ['--dev'] });
    expect(containers(e)[2]).not.toHaveProperty('command');
    const argsOnly = injectCommandAndArgs(one(WEB_WITH_SIDECAR), ref('busybox:1.36'), undefined, [
      'x',
    ]);
    expect(containers(argsOnly)[2]).toEqual({
      name: 'sidecar',
      image: 'busybox:1.36',
      args: ['x'],
    });
  });

  test('injectCommandAndArgs without a matching container is an error', () => {
    expect(() =>
      injectCommandAndArgs(deployment('d'), ref('other'), ['a', 'b'], undefined),
    ).toThrow(
      new Error(
        'could not inject command [a b] into entity: d. No container found matching ref: other. Note: command overrides only supported on containers with images, not on CRDs',
      ),
    );
  });
});

describe('findImages and hasImage', () => {
  test('lists container, volume, locator and selected env images', () => {
    const e = one(WEB_WITH_SIDECAR);
    const found = findImages(e, [], [parseSelector('gcr.io/shop/worker')]).map(refString);
    expect(found).toEqual([
      'gcr.io/shop/migrate:v1',
      'gcr.io/shop/web',
      'docker.io/library/busybox:1.36',
      'gcr.io/shop/models:v2',
      'gcr.io/shop/worker:v3',
      'gcr.io/shop/worker',
    ]);
  });

  test('hasImage checks env vars only when asked', () => {
    const e = one(WEB_WITH_SIDECAR);
    expect(hasImage(e, parseSelector('gcr.io/shop/web'), [], false)).toBe(true);
    expect(hasImage(e, parseSelector('gcr.io/shop/worker'), [], false)).toBe(false);
    expect(hasImage(e, parseSelector('gcr.io/shop/worker'), [], true)).toBe(true);
  });

  test('unparseable images are errors naming the image', () => {
    expect(() => findImages(deployment('d', { image: 'A' }), [], [])).toThrow(
      new Error(
        'parsing A: invalid reference format: repository name (library/A) must be lowercase',
      ),
    );
    expect(() => hasImage(deployment('d', { image: 'A' }), parseSelector('a'), [], false)).toThrow(
      new Error(
        'HasImage: parsing A: invalid reference format: repository name (library/A) must be lowercase',
      ),
    );
  });
});
