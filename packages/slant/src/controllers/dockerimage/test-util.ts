// Objects and a fixture shared by the image builder tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster, DockerImage, DockerImageSpec, ImageMap, RegistryHosting } from '@slant/api';
import { FakeClock } from '../../clock.ts';
import { FakeDockerClient } from '../../docker/client-fake.ts';
import { MemoryLogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { newTestStore } from '../../store/testing.ts';

export const ID_A = `sha256:${'0123456789abcdef'.repeat(4)}`;
export const ID_B = `sha256:${'fedcba9876543210'.repeat(4)}`;

export function cluster(registry?: RegistryHosting, extra: Partial<Cluster> = {}): Cluster {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'default' },
    spec: { connection: { kubernetes: {} } },
    status: { arch: 'amd64', ...(registry === undefined ? {} : { registry }) },
    ...extra,
  };
}

export function imageMap(name: string, selector = name): ImageMap {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'ImageMap',
    metadata: { name },
    spec: { selector },
  };
}

export function dockerImage(
  resource: string,
  ref: string,
  spec: Partial<DockerImageSpec>,
): DockerImage {
  const name = `${resource}:${ref}`;
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'DockerImage',
    metadata: {
      name,
      annotations: { 'tilt.dev/resource': resource, 'tilt.dev/log-span-id': `dockerimage:${name}` },
    },
    spec: { ref, cluster: 'default', clusterNeeds: 'push', ...spec },
  };
}

export interface Fixture {
  readonly store: ObjectStore;
  readonly clock: FakeClock;
  readonly docker: FakeDockerClient;
  readonly logs: MemoryLogWriter;
  readonly dir: string;
  cleanup(): Promise<void>;
}

export async function fixture(): Promise<Fixture> {
  const clock = new FakeClock();
  const dir = await mkdtemp(join(tmpdir(), 'slant-img-'));
  return {
    store: newTestStore(clock),
    clock,
    docker: new FakeDockerClient(),
    logs: new MemoryLogWriter(),
    dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export const signal = new AbortController().signal;
