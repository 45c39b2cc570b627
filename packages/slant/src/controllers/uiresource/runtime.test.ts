import type { Cmd, Pod } from '@slant/api';
import { API_VERSION } from '@slant/api';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../engine/manifest.ts';
import { k8sInfo, mostRecentPod, podRuntime, runtimeStatus, serveRuntime } from './runtime.ts';

const K8S: Manifest = {
  type: 'k8s',
  order: 0,
  resourceDeps: [],
  triggerMode: 'auto',
  links: [],
  imageMapDeps: [],
};

function pod(name: string, over: Partial<Pod> = {}, waiting?: string, ready = true): Pod {
  return {
    uid: `uid-${name}`,
    name,
    namespace: 'default',
    createdAt: '2026-01-01T00:00:00Z',
    phase: 'Running',
    deleting: false,
    containers: [
      {
        name: 'c',
        id: 'cid',
        ready,
        image: 'i',
        restarts: waiting === undefined ? 0 : 4,
        state:
          waiting === undefined
            ? { running: { startedAt: 'x' } }
            : { waiting: { reason: waiting } },
        ports: [],
      },
    ],
    status: 'Running',
    errors: [],
    ...over,
  };
}

describe('UIResource runtime', () => {
  it('picks the newest pod that is not being deleted', () => {
    const old = pod('old', { createdAt: '2026-01-01T00:00:00Z' });
    const fresh = pod('new', { createdAt: '2026-01-01T00:01:00Z' });
    const dying = pod('dying', { createdAt: '2026-01-01T00:02:00Z', deleting: true });
    expect(mostRecentPod([old, dying, fresh])?.name).toBe('new');
  });

  it('is ok when every container is ready, pending before, error in a crash loop', () => {
    expect(podRuntime(pod('p'), K8S, true)).toBe('ok');
    expect(podRuntime(pod('p', {}, undefined, false), K8S, true)).toBe('pending');
    expect(podRuntime(pod('p', {}, 'CrashLoopBackOff', false), K8S, true)).toBe('error');
    expect(podRuntime(undefined, K8S, true)).toBe('pending');
    expect(podRuntime(undefined, { ...K8S, podReadinessMode: 'ignore' }, true)).toBe('ok');
  });

  it('reports the crash reason and the restart count of the pod', () => {
    expect(k8sInfo(pod('p', {}, 'CrashLoopBackOff', false), 'api')).toEqual({
      podName: 'p',
      podCreationTime: '2026-01-01T00:00:00Z',
      podStatus: 'CrashLoopBackOff',
      podRestarts: 4,
      allContainersReady: false,
      spanID: 'pod:api:p',
    });
  });

  it('a serve command is ok when running and ready, pending until its probe passes', () => {
    const cmd = (status: Cmd['status'], probe = false): Cmd => ({
      apiVersion: API_VERSION,
      kind: 'Cmd',
      metadata: { name: 's-serve-1' },
      spec: { args: ['x'], ...(probe ? { readinessProbe: { tcpSocket: { port: 1 } } } : {}) },
      ...(status === undefined ? {} : { status }),
    });
    expect(serveRuntime(cmd({ running: { pid: 1 } }))).toBe('ok');
    expect(serveRuntime(cmd({ running: { pid: 1 } }, true))).toBe('pending');
    expect(serveRuntime(cmd({ running: { pid: 1 }, ready: true }, true))).toBe('ok');
    expect(serveRuntime(cmd({ terminated: { pid: 1, exitCode: 2 } }))).toBe('error');
  });

  it('lists port forwards then Tiltfile links, and shows a disabled resource as none', () => {
    const st = runtimeStatus({
      name: 'web',
      manifest: { ...K8S, links: [{ url: 'http://docs', name: 'docs' }] },
      apply: undefined,
      discovery: undefined,
      serve: undefined,
      forwards: [
        {
          apiVersion: API_VERSION,
          kind: 'PortForward',
          metadata: { name: 'web' },
          spec: {
            podName: 'p',
            cluster: 'default',
            forwards: [{ localPort: 8080, containerPort: 80, host: '' }],
          },
        },
      ],
      disable: undefined,
      now: '2026-01-01T00:00:00Z',
    });
    expect(st.endpointLinks).toEqual([
      { url: 'http://localhost:8080/' },
      { url: 'http://docs', name: 'docs' },
    ]);
    const off = runtimeStatus({
      name: 'web',
      manifest: K8S,
      apply: undefined,
      discovery: undefined,
      serve: undefined,
      forwards: [],
      disable: {
        apiVersion: API_VERSION,
        kind: 'ConfigMap',
        metadata: { name: 'web-disable' },
        data: { isDisabled: 'true' },
      },
      now: '',
    });
    expect(off.runtimeStatus).toBe('none');
    expect(off.disableStatus?.state).toBe('Disabled');
  });
});
