// The client commands where the cluster matters: waiting for a Kubernetes resource to be Ready
// (its pod running), its pod's log through `slant logs`, the discovered pod in `get` and
// `describe`, a shell in the pod (`alpha shell`), the tree view and the webview / log store
// dumps — against a real `slant up` on the test cluster. The session runs with
// --disable-port-forwards, so the resource's port_forwards start nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { View } from '@slant/api';
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

/** A command with `input` on a piped stdin (not a terminal), to the end. */
function slantWithInput(input: string, ...args: string[]): Promise<CliResult> {
  return runCli(args, {
    cwd: dir,
    env: { SLANT_HOME: home, TILT_PORT: String(port) },
    input,
  });
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

  test('alpha shell runs sh in the pod (busybox has no bash), stdin piped, exit code passed through', async () => {
    await until('the pod', 180_000, async () => {
      const r = await slant('get', 'kubernetesdiscovery', 'ticker', '-o', 'json');
      return r.stdout.includes('"phase": "Running"');
    });
    const r = await slantWithInput('echo ok-from-shell\nexit 3\n', 'alpha', 'shell', 'ticker');
    // `-it` without a terminal: kubectl says so, runs the shell on the piped input and reports
    // the shell's exit code, which becomes Slant's.
    expect(r).toEqual({
      code: 3,
      stdout: 'ok-from-shell\n',
      stderr: expect.stringMatching(
        new RegExp(
          `^Running: kubectl --context ${env.context} exec -it ticker-[a-z0-9]+-[a-z0-9]+ -n ${ns} -c ticker -- sh\nUnable to use a TTY - input is not a terminal or the right kind of file\ncommand terminated with exit code 3\n$`,
        ),
      ),
    });
    expect(await slant('alpha', 'shell', 'ticker', '-c', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^container nope not found in pod ticker-[a-z0-9-]+\n$/),
    });
    expect(await slant('alpha', 'shell', '(Tiltfile)')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'resource (Tiltfile) is not a Kubernetes resource. Only Kubernetes pods currently supported\n',
    });
  });

  test('alpha tree-view, dump webview and dump logstore show the session', async () => {
    await slant('wait', '--for=condition=Ready', 'uiresource/ticker', '--timeout=180s');
    expect(await slant('alpha', 'tree-view')).toEqual({
      code: 0,
      stdout: `Tiltfile: ${join(dir, 'Tiltfile')}\n└── ticker (ok)\n\n---\nResources: 1 total, 1 ok\n`,
      stderr: '',
    });
    const view = JSON.parse((await slant('dump', 'webview')).stdout) as View;
    expect(view.uiResources?.map((u) => u.metadata.name).sort()).toEqual(['(Tiltfile)', 'ticker']);
    expect(view.tiltfileKey).toBe(join(dir, 'Tiltfile'));
    const started = view.logList?.segments?.find((x) => x.text === 'ticker-started\n');
    expect(view.logList?.spans?.[started?.spanId ?? '']?.manifestName).toBe('ticker');
    const store = JSON.parse((await slant('dump', 'logstore')).stdout) as {
      Segments: { SpanID: string; Text: string }[];
      Spans: Record<string, { ManifestName: string }>;
    };
    const line = store.Segments.find((x) => x.Text === 'ticker-started\n');
    expect(store.Spans[line?.SpanID ?? '']?.ManifestName).toBe('ticker');
  });
});
