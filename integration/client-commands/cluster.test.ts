// The client commands where the cluster matters: waiting for a Kubernetes resource to be Ready
// (its pod running), its pod's log through `slant logs`, and the discovered pod in `get` and
// `describe` — against a real `slant up` on the test cluster. The session runs with
// --disable-port-forwards, so the resource's port_forwards start nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { connect, createNamespace, deleteNamespace, type Kube, uniqueName } from '../env/kube.ts';
import { freePort } from '../three-service/ports.ts';
import { SlantProcess, until } from '../three-service/slant-cli.ts';
import { type CliResult, runCli } from './run-cli.ts';

const env = inject('slantEnv');
const ns = uniqueName('slant-client');
let kube: Kube;
let dir = '';
let home = '';
let port = 0;
let up: SlantProcess;

function slant(...args: string[]): Promise<CliResult> {
  return runCli(args, { cwd: dir, env: { SLANT_HOME: home, TILT_PORT: String(port) } });
}

const DEPLOYMENT = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ticker
spec:
  selector:
    matchLabels: { app: ticker }
  template:
    metadata:
      labels: { app: ticker }
    spec:
      terminationGracePeriodSeconds: 0
      containers:
        - name: ticker
          image: ${image}
          command: ["sh", "-c", "echo ticker-started; while true; do echo tick; sleep 1; done"]
`;

beforeAll(async () => {
  kube = connect(env);
  await createNamespace(kube, ns);
  dir = await mkdtemp(join(tmpdir(), 'slant-client-k8s-'));
  home = join(dir, '.slant-home');
  await writeFile(join(dir, 'ticker.yaml'), DEPLOYMENT(env.registryBusyboxImage));
  const forwardPort = await freePort();
  await writeFile(
    join(dir, 'Tiltfile'),
    `k8s_yaml('ticker.yaml')\nk8s_resource('ticker', port_forwards=['${forwardPort}:8000'])\n`,
  );
  port = await freePort();
  const args = ['up', '--stream', '--port', String(port), '--namespace', ns];
  up = new SlantProcess([...args, '--disable-port-forwards'], {
    cwd: dir,
    env: { SLANT_HOME: home, KUBECONFIG: env.kubeconfig },
  });
  await up.waitForOutput(/Slant started on/, 60_000);
});

afterAll(async () => {
  await up?.stop();
  await deleteNamespace(kube, ns);
  await rm(dir, { recursive: true, force: true });
});

describe('client commands on a Kubernetes resource', () => {
  test('wait returns once the pod is running; logs show the pod; get and describe show it', async () => {
    expect(
      await slant('wait', '--for=condition=Ready', 'uiresource/ticker', '--timeout=180s'),
    ).toEqual({
      code: 0,
      stdout: 'uiresource.tilt.dev/ticker condition met\n',
      stderr: '',
    });
    await until('the pod log', 60_000, async () =>
      (await slant('logs', 'ticker')).stdout.includes('ticker-started\n'),
    );
    const runtime = await slant('logs', 'ticker', '--source', 'runtime', '--json');
    const first = JSON.parse(runtime.stdout.split('\n')[0] ?? '{}') as {
      spanID?: string;
      source?: string;
    };
    expect(first.source).toBe('runtime');
    const discovery = await slant('get', 'kubernetesdiscovery', 'ticker', '-o', 'json');
    const pods = (
      JSON.parse(discovery.stdout) as {
        status?: { pods?: { name: string; namespace: string; phase: string }[] };
      }
    ).status?.pods;
    expect(pods?.[0]).toMatchObject({ namespace: ns, phase: 'Running' });
    const described = await slant('describe', 'uiresource', 'ticker');
    expect(described.stdout).toMatch(/\n {4}Pod Name: +ticker-[a-z0-9]+-[a-z0-9]+\n/);
    expect(described.stdout).toMatch(/\n {4}Pod Status: +Running\n/);
  });

  test('--disable-port-forwards: the port_forwards start no PortForward and show no link', async () => {
    await until('the pod', 180_000, async () => {
      const r = await slant('get', 'kubernetesdiscovery', 'ticker', '-o', 'json');
      return r.stdout.includes('"phase": "Running"');
    });
    const apply = JSON.parse(
      (await slant('get', 'kubernetesapply', 'ticker', '-o', 'json')).stdout,
    );
    expect(apply.spec.portForwardTemplateSpec).toBeUndefined();
    expect(await slant('get', 'portforwards')).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No resources found\n',
    });
    const ui = JSON.parse((await slant('get', 'uiresource', 'ticker', '-o', 'json')).stdout);
    expect(ui.status.endpointLinks ?? []).toEqual([]);
  });
});
