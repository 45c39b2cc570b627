// `slant doctor` on this machine: versions, Docker, and the Kubernetes context, namespace,
// cluster and registry Slant would use, in Tilt's doctor layout, for bug reports. Composition
// root: builds the real Docker and Kubernetes clients, each call bounded by a 5 s timeout.
import { homedir } from 'node:os';
import { NodeDockerClient } from './docker/client-node.ts';
import type { DockerInfo } from './docker/client.ts';
import type { KubeClient } from './k8s/client.ts';
import { createNodeKubeClient } from './k8s/client-node.ts';
import {
  goFormatRegistry,
  LOCAL_REGISTRY_HOSTING_REF,
  productFromClusterName,
  registryFromConfigMap,
} from './k8s/registry-hosting.ts';
import { readKubeContext } from './tiltfile/host-node.ts';
import { SLANT_VERSION } from './version.ts';

export interface DoctorOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly kubeContext?: string;
  readonly namespace?: string;
  readonly write: (text: string) => void;
}

type Field = { value: string } | { error: string };

const TIMEOUT_MS = 5000;

/** dockerode's calls take no abort signal: a timer bounds them instead. */
function bounded<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error('timed out after 5s')), TIMEOUT_MS).unref();
    }),
  ]);
}

async function field(fn: () => Promise<string>): Promise<Field> {
  try {
    return { value: await fn() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Tilt's printField: `- Name: value` or `- Name: Error: message`. */
export function printField(name: string, f: Field): string {
  return 'error' in f ? `- ${name}: Error: ${f.error}\n` : `- ${name}: ${f.value}\n`;
}

/** Go's GOARCH for Node's process.arch. */
export function goArch(arch: string): string {
  return (
    ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ??
    arch
  );
}

async function dockerSection(env: Readonly<Record<string, string>>): Promise<string> {
  const docker = new NodeDockerClient(env.DOCKER_HOST ? { host: env.DOCKER_HOST } : {});
  const info: Promise<DockerInfo> = bounded(docker.info());
  const version = await field(async () => (await info).serverVersion);
  const api = await field(async () => (await info).apiVersion);
  // DOCKER_BUILDKIT=0 selects the legacy builder, as in the Docker CLI.
  const builder = env.DOCKER_BUILDKIT === '0' ? 'v1' : 'v2';
  return [
    '---\n',
    'Docker\n',
    printField('Host', { value: env.DOCKER_HOST || '[default]' }),
    printField('Server Version', version),
    printField('API Version', api),
    printField('Builder', { value: builder }),
  ].join('');
}

async function kubeSection(opts: DoctorOptions): Promise<string> {
  const ctx = readKubeContext(opts.env, homedir(), opts.kubeContext);
  const namespace = opts.namespace ?? ctx.namespace;
  let kube: KubeClient | undefined;
  let kubeError = 'no kubeconfig found';
  if (ctx.kubeconfigPath !== undefined) {
    try {
      kube = await createNodeKubeClient({
        kubeconfigPath: ctx.kubeconfigPath,
        ...(opts.kubeContext === undefined ? {} : { context: opts.kubeContext }),
        namespace,
      });
    } catch (err) {
      kubeError = (err as Error).message;
    }
  }
  const withKube = (fn: (k: KubeClient, signal: AbortSignal) => Promise<string>) =>
    field(() =>
      kube === undefined
        ? Promise.reject(new Error(kubeError))
        : fn(kube, AbortSignal.timeout(TIMEOUT_MS)),
    );
  const runtime = await withKube(async (k, signal) => {
    const [node] = await k.list({ apiVersion: 'v1', kind: 'Node' }, signal);
    const v = (node as { status?: { nodeInfo?: { containerRuntimeVersion?: string } } } | undefined)
      ?.status?.nodeInfo?.containerRuntimeVersion;
    return v === undefined ? 'unknown' : v.split('://')[0]!;
  });
  const version = await withKube((k, signal) => k.serverVersion(signal));
  const registry = await withKube(async (k, signal) => {
    const cm = await k.get(LOCAL_REGISTRY_HOSTING_REF, signal).catch(() => undefined);
    const r = registryFromConfigMap(cm);
    return r === undefined ? 'none' : goFormatRegistry(r);
  });
  return [
    '---\n',
    'Kubernetes\n',
    printField('Env', { value: productFromClusterName(ctx.cluster ?? '') }),
    printField('Context', { value: ctx.context }),
    printField('Cluster Name', { value: ctx.cluster || 'Unknown' }),
    printField('Namespace', { value: namespace }),
    printField('Container Runtime', runtime),
    printField('Version', version),
    printField('Cluster Local Registry', registry),
  ].join('');
}

export async function runDoctor(opts: DoctorOptions): Promise<void> {
  opts.write(`Slant: v${SLANT_VERSION}, built from source\n`);
  opts.write(`System: ${process.platform}-${goArch(process.arch)}\n`);
  opts.write(await dockerSection(opts.env));
  opts.write(await kubeSection(opts));
  opts.write(
    '---\nThanks for seeing the Slant Doctor!\nPlease send the info above when filing bug reports. 💗\n',
  );
}
