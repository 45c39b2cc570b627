import type { CmdImage, Cluster, DockerImage } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { selectorString } from '../../container/selector.ts';
import { localRefSelectors, tiltfileRefSelectors } from './selectors.ts';

function dockerImage(ref: string, cluster?: string): DockerImage {
  return {
    apiVersion: API_VERSION,
    kind: 'DockerImage',
    metadata: { name: `res:${ref}` },
    spec: { ref, ...(cluster === undefined ? {} : { cluster }) },
  };
}

function cmdImage(ref: string, spec: Partial<CmdImage['spec']>): CmdImage {
  return {
    apiVersion: API_VERSION,
    kind: 'CmdImage',
    metadata: { name: `res:${ref}` },
    spec: { ref, cluster: 'default', ...spec },
  };
}

function cluster(spec: Cluster['spec'], status?: Cluster['status']): Cluster {
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: 'default' },
    spec,
    ...(status === undefined ? {} : { status }),
  };
}

function names(images: (DockerImage | CmdImage)[], c: Cluster | undefined): string[] {
  const sels = localRefSelectors(images, (n) => (n === 'default' ? c : undefined));
  return sels.map((s) => `${selectorString(s)}${s.matchExact ? ' (exact)' : ''}`);
}

describe('localRefSelectors', () => {
  test('names each built image by name only, under the registry the cluster advertises', () => {
    const c = cluster(
      { defaultRegistry: { host: 'gcr.io/me' } },
      { registry: { host: 'localhost:5005' } },
    );
    expect(names([dockerImage('app:v1', 'default'), dockerImage('api')], c)).toEqual([
      'localhost:5005/app',
      'localhost:5005/api',
    ]);
  });

  test("uses the Tiltfile's default_registry when the cluster advertises none", () => {
    const c = cluster({ defaultRegistry: { host: 'gcr.io/me' } });
    expect(names([dockerImage('app')], c)).toEqual(['gcr.io/me/app']);
  });

  test('keeps the name as written without a registry (Docker Compose, no cluster)', () => {
    expect(names([dockerImage('app', 'docker')], undefined)).toEqual(['docker.io/library/app']);
  });

  test('a custom_build that names its own remote tag is pruned under its bare name', () => {
    const c = cluster({}, { registry: { host: 'localhost:5005' } });
    const images = [
      cmdImage('tagged', { outputMode: 'remote', outputTag: 'v1' }),
      cmdImage('local', { outputMode: 'local-docker', outputTag: 'v1' }),
    ];
    expect(names(images, c)).toEqual(['docker.io/library/tagged', 'localhost:5005/local']);
  });

  test('leaves out images whose refs cannot be made (bad name, cluster in error)', () => {
    expect(names([dockerImage('Bad_Name')], undefined)).toEqual([]);
    const broken = cluster({}, { error: 'connection refused' });
    expect(names([dockerImage('app')], broken)).toEqual([]);
  });
});

describe('tiltfileRefSelectors', () => {
  const k8s = cluster(
    { connection: { kubernetes: {} }, defaultRegistry: { host: 'gcr.io/me' } },
    undefined,
  );
  const objects = [dockerImage('app', 'default'), k8s];

  test("uses the registry the Kubernetes cluster advertises over the Tiltfile's", () => {
    const sels = tiltfileRefSelectors(objects, { host: 'localhost:5005' });
    expect(sels.map(selectorString)).toEqual(['localhost:5005/app']);
  });

  test("falls back to the Tiltfile's default_registry when none is advertised", () => {
    expect(tiltfileRefSelectors(objects, undefined).map(selectorString)).toEqual(['gcr.io/me/app']);
  });
});
