import type { DockerComposeService } from '@slant/api';
import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../engine/manifest.ts';
import { composeRuntimeStatus } from './runtime-compose.ts';

const manifest: Manifest = {
  type: 'docker-compose',
  order: 0,
  resourceDeps: [],
  triggerMode: 'auto',
  links: [{ url: 'http://docs', name: 'docs' }],
  imageMapDeps: [],
  compose: { publishedPorts: [8080], inferLinks: undefined },
};

function svc(status: DockerComposeService['status']): DockerComposeService {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'DockerComposeService',
    metadata: { name: 'web' },
    spec: { service: 'web', project: {} },
    ...(status === undefined ? {} : { status }),
  };
}

const applied = { lastApplyStartTime: '2026-01-01T00:00:00.000000Z' };

describe('composeRuntimeStatus', () => {
  test('pending before the first up; ok when running; error on a non-zero exit', () => {
    expect(composeRuntimeStatus(manifest, undefined).runtimeStatus).toBe('pending');
    expect(
      composeRuntimeStatus(
        manifest,
        svc({ ...applied, containerState: { status: 'running', running: true } }),
      ).runtimeStatus,
    ).toBe('ok');
    expect(
      composeRuntimeStatus(
        manifest,
        svc({ ...applied, containerState: { status: 'exited', exitCode: 2 } }),
      ).runtimeStatus,
    ).toBe('error');
    expect(
      composeRuntimeStatus(manifest, svc({ ...applied, containerState: { status: 'exited' } }))
        .runtimeStatus,
    ).toBe('ok');
  });

  test('a health check that is starting keeps it pending; unhealthy is an error', () => {
    const st = (healthStatus: string) =>
      composeRuntimeStatus(
        manifest,
        svc({ ...applied, containerState: { status: 'running', running: true, healthStatus } }),
      );
    expect(st('starting').runtimeStatus).toBe('pending');
    expect(st('healthy')).toMatchObject({
      runtimeStatus: 'ok',
      composeResourceInfo: { healthStatus: 'healthy' },
    });
    expect(st('unhealthy').runtimeStatus).toBe('error');
  });

  test('links: published ports, then other bound ports, then the resource links; none when infer_links=False', () => {
    const s = svc({ ...applied, portBindings: [{ hostPort: 8080 }, { hostPort: 9090 }] });
    expect(composeRuntimeStatus(manifest, s).endpointLinks).toEqual([
      { url: 'http://localhost:8080/' },
      { url: 'http://localhost:9090/' },
      { url: 'http://docs', name: 'docs' },
    ]);
    const noInfer = { ...manifest, compose: { publishedPorts: [8080], inferLinks: false } };
    expect(composeRuntimeStatus(noInfer, s).endpointLinks).toEqual([
      { url: 'http://docs', name: 'docs' },
    ]);
  });
});
