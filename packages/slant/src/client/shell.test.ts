import type { Cluster, Container, KubernetesDiscovery, Pod, UIResource } from '@slant/api';
import { afterEach, describe, expect, it } from 'vitest';
import { runShell, type ShellExecer } from './shell.ts';
import { startTestSession, type TestSession, uiResource } from './testing.ts';

let session: TestSession | undefined;
afterEach(async () => {
  await session?.server.close();
  session = undefined;
});

/** A fake PATH and processes: what ran, in order; `which` succeeds for the shells listed. */
class FakeExecer implements ShellExecer {
  readonly calls: string[] = [];
  readonly onPath: readonly string[];
  readonly shells: readonly string[];
  readonly exitCode: number;
  constructor(onPath = ['kubectl'], shells = ['bash', 'sh'], exitCode = 0) {
    this.onPath = onPath;
    this.shells = shells;
    this.exitCode = exitCode;
  }
  lookPath(file: string): string | undefined {
    return this.onPath.includes(file) ? `/usr/bin/${file}` : undefined;
  }
  async succeeds(binary: string, argv: readonly string[], env: Record<string, string>) {
    this.calls.push(`probe ${binary} ${argv.join(' ')} KUBECONFIG=${env.KUBECONFIG}`);
    return this.shells.includes(argv[argv.length - 1] ?? '');
  }
  async run(binary: string, argv: readonly string[], env: Record<string, string>) {
    this.calls.push(`run ${binary} ${argv.join(' ')} KUBECONFIG=${env.KUBECONFIG}`);
    return this.exitCode;
  }
}

function container(name: string, image = 'busybox'): Container {
  return { name, id: '', ready: true, image, restarts: 0, state: {}, ports: [] };
}

function pod(name: string, createdAt: string, extra: Partial<Pod> = {}): Pod {
  return {
    uid: name,
    name,
    namespace: 'ns1',
    createdAt,
    phase: 'Running',
    deleting: false,
    containers: [container('app')],
    status: 'Running',
    errors: [],
    ...extra,
  };
}

function k8sResource(name: string): UIResource {
  const ui = uiResource(name);
  return { ...ui, status: { ...ui.status, k8sResourceInfo: { podName: '' } } };
}

function discovery(name: string, pods: Pod[]): KubernetesDiscovery {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'KubernetesDiscovery',
    metadata: { name },
    spec: { watches: [], cluster: 'default' },
    status: { pods },
  };
}

function cluster(status: Cluster['status']): Cluster {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'default' },
    spec: { connection: { kubernetes: {} } },
    ...(status === undefined ? {} : { status }),
  };
}

const CONNECTED = {
  connection: {
    kubernetes: { context: 'c', namespace: 'ns1', cluster: 'c', configPath: '/k/config' },
  },
};

async function withWeb(pods: Pod[], status: Cluster['status'] = CONNECTED) {
  const s = (session = await startTestSession());
  s.store.create(k8sResource('web'));
  s.store.create(discovery('web', pods));
  s.store.create(cluster(status));
  return s;
}

async function shell(s: TestSession, name: string, execer: FakeExecer, c = '') {
  let err = '';
  const code = await runShell(s.client, name, {
    container: c,
    execer,
    writeErr: (t) => {
      err += t;
    },
  });
  return { code, err };
}

describe('runShell', () => {
  it('execs bash in the newest running pod with the session kubeconfig and context, passing the exit code', async () => {
    const s = await withWeb([
      pod('web-old', '2024-01-01T00:00:00Z'),
      pod('web-new', '2024-01-02T00:00:00Z'),
      pod('web-pending', '2024-01-03T00:00:00Z', { phase: 'Pending' }),
    ]);
    const execer = new FakeExecer(['kubectl'], ['bash', 'sh'], 3);
    expect(await shell(s, 'web', execer)).toEqual({
      code: 3,
      err: 'Running: kubectl --context c exec -it web-new -n ns1 -c app -- bash\n',
    });
    expect(execer.calls).toEqual([
      'probe /usr/bin/kubectl kubectl --context c exec web-new -n ns1 -c app -- which bash KUBECONFIG=/k/config',
      'run /usr/bin/kubectl kubectl --context c exec -it web-new -n ns1 -c app -- bash KUBECONFIG=/k/config',
    ]);
  });

  it('falls back to sh when the container has no bash', async () => {
    const s = await withWeb([pod('web-1', '2024-01-01T00:00:00Z')]);
    const execer = new FakeExecer(['kubectl'], ['sh']);
    expect(await shell(s, 'web', execer)).toEqual({
      code: 0,
      err: 'Running: kubectl --context c exec -it web-1 -n ns1 -c app -- sh\n',
    });
    expect(execer.calls.at(-1)).toBe(
      'run /usr/bin/kubectl kubectl --context c exec -it web-1 -n ns1 -c app -- sh KUBECONFIG=/k/config',
    );
  });

  it('uses the kubectl-shell plugin when it is on PATH, without probing', async () => {
    const s = await withWeb([pod('web-1', '2024-01-01T00:00:00Z')]);
    const execer = new FakeExecer(['kubectl', 'kubectl-shell']);
    expect(await shell(s, 'web', execer)).toEqual({
      code: 0,
      err: 'Running: kubectl --context c shell web-1 -n ns1 -c app\n',
    });
    expect(execer.calls).toEqual([
      'run /usr/bin/kubectl kubectl --context c shell web-1 -n ns1 -c app KUBECONFIG=/k/config',
    ]);
  });

  it('picks the container with -c, init containers included, and fails without it when there are several', async () => {
    const two = pod('web-1', '2024-01-01T00:00:00Z', {
      initContainers: [container('init')],
      containers: [container('app'), container('sidecar')],
    });
    const s = await withWeb([two]);
    expect((await shell(s, 'web', new FakeExecer(), 'sidecar')).err).toBe(
      'Running: kubectl --context c exec -it web-1 -n ns1 -c sidecar -- bash\n',
    );
    expect((await shell(s, 'web', new FakeExecer(), 'init')).err).toBe(
      'Running: kubectl --context c exec -it web-1 -n ns1 -c init -- bash\n',
    );
    await expect(shell(s, 'web', new FakeExecer())).rejects.toThrow(
      /^container {2}not found in pod web-1$/,
    );
  });

  it('rejects a -c that names no container of a one-container pod', async () => {
    const s = await withWeb([pod('web-1', '2024-01-01T00:00:00Z')]);
    await expect(shell(s, 'web', new FakeExecer(), 'db')).rejects.toThrow(
      /^container db not found in pod web-1$/,
    );
  });

  it("fails with Tilt's texts: unknown resource, not Kubernetes, no pod", async () => {
    const s = await withWeb([pod('web-1', '2024-01-01T00:00:00Z', { phase: 'Pending' })]);
    s.store.create(uiResource('local-thing'));
    const ex = new FakeExecer();
    await expect(shell(s, 'nope', ex)).rejects.toThrow(
      /^resource nope not found\. To see available resources, run:\nslant get uiresources$/,
    );
    await expect(shell(s, 'local-thing', ex)).rejects.toThrow(
      /^resource local-thing is not a Kubernetes resource\. Only Kubernetes pods currently supported$/,
    );
    await expect(shell(s, 'web', ex)).rejects.toThrow(/^no pod found for resource web$/);
    expect(ex.calls).toEqual([]);
  });

  it('fails when kubectl is not on PATH, the cluster is not connected, or no shell exists', async () => {
    const s = await withWeb([pod('web-1', '2024-01-01T00:00:00Z')], { error: 'no kubeconfig' });
    await expect(shell(s, 'web', new FakeExecer([]))).rejects.toThrow(
      /^could not find kubectl: exec: "kubectl": executable file not found in \$PATH$/,
    );
    await expect(shell(s, 'web', new FakeExecer())).rejects.toThrow(
      /^kubernetes cluster not connected: no kubeconfig$/,
    );
    s.store.mutateStatus('Cluster', 'default', () => CONNECTED);
    await expect(shell(s, 'web', new FakeExecer(['kubectl'], []))).rejects.toThrow(
      /^could not find bash or sh in container image: busybox$/,
    );
  });

  it('says which lookup failed when the discovery or the cluster is missing', async () => {
    const s = (session = await startTestSession());
    s.store.create(k8sResource('web'));
    await expect(shell(s, 'web', new FakeExecer())).rejects.toThrow(
      /^looking up kubernetes status web: kubernetesdiscoveries\.tilt\.dev "web" not found$/,
    );
    s.store.create(discovery('web', [pod('web-1', '2024-01-01T00:00:00Z')]));
    await expect(shell(s, 'web', new FakeExecer())).rejects.toThrow(
      /^looking up cluster: clusters\.tilt\.dev "default" not found$/,
    );
  });
});
