// `slant alpha shell RESOURCE [-c CONTAINER]`: a shell in the best pod of a Kubernetes resource,
// as `tilt alpha shell` opens one: the pod port forwards would pick (running, newest), kubectl
// with the session's kubeconfig, and the first of `kubectl shell` (the plugin), bash, sh.
import type { Cluster, Container, KubernetesDiscovery, Pod, UIResource } from '@slant/api';
import { pickBestPortForwardPod } from '../controllers/portforward/from-discovery.ts';
import { UserError } from '../errors.ts';
import { ApiError, type ApiClient } from './api-client.ts';

/** How the shell command starts processes; the CLI's is real, tests' is a fake. */
export interface ShellExecer {
  /** The file's path when it is an executable on PATH (Go's exec.LookPath). */
  lookPath(file: string): string | undefined;
  /** Runs `binary` with `argv` (argv[0] is the name) and no terminal; true when it exits 0. */
  succeeds(
    binary: string,
    argv: readonly string[],
    env: Readonly<Record<string, string>>,
  ): Promise<boolean>;
  /** Runs `binary` with the terminal attached; resolves to its exit code. */
  run(
    binary: string,
    argv: readonly string[],
    env: Readonly<Record<string, string>>,
  ): Promise<number>;
}

export interface ShellOptions {
  /** -c: the container; needed when the pod has more than one. */
  readonly container: string;
  readonly execer: ShellExecer;
  /** Where the `Running: …` line goes (stderr, as Tilt logs it). */
  readonly writeErr: (text: string) => void;
}

function fail(code: string, message: string): UserError {
  return new UserError(code, message);
}

/** The server's own text of a failed request (`clusters.tilt.dev "default" not found`). */
function reason(err: unknown): string {
  if (err instanceof ApiError) return err.status.message ?? err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Tilt's selectContainer: the only container, else the one -c names (init containers too). */
export function selectContainer(pod: Pod, name: string): Container {
  const inits = pod.initContainers ?? [];
  const only = pod.containers[0];
  if (inits.length === 0 && pod.containers.length === 1 && only !== undefined) {
    if (name !== '' && only.name !== name) {
      throw fail('no-container', `container ${name} not found in pod ${pod.name}`);
    }
    return only;
  }
  const found = [...inits, ...pod.containers].find((c) => c.name === name);
  if (found === undefined) {
    throw fail('no-container', `container ${name} not found in pod ${pod.name}`);
  }
  return found;
}

/** Go's model.Cmd String(): arguments with a space quoted, joined by spaces. */
function cmdString(argv: readonly string[]): string {
  return argv.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ');
}

async function lookup<T extends UIResource | KubernetesDiscovery | Cluster>(
  client: ApiClient,
  kind: T['kind'],
  name: string,
  what: string,
): Promise<T> {
  try {
    return await client.get<T>(kind, name);
  } catch (err) {
    throw fail('lookup-failed', `${what}: ${reason(err)}`);
  }
}

/** Opens the shell; resolves to the shell's exit code. */
export async function runShell(
  client: ApiClient,
  resource: string,
  opts: ShellOptions,
): Promise<number> {
  let ui: UIResource;
  try {
    ui = await client.get<UIResource>('UIResource', resource);
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) {
      throw fail(
        'unknown-resource',
        `resource ${resource} not found. To see available resources, run:\nslant get uiresources`,
      );
    }
    throw fail('lookup-failed', `looking up resource ${resource}: ${reason(err)}`);
  }
  if (ui.status?.k8sResourceInfo === undefined) {
    throw fail(
      'not-kubernetes',
      `resource ${resource} is not a Kubernetes resource. Only Kubernetes pods currently supported`,
    );
  }
  const kd = await lookup<KubernetesDiscovery>(
    client,
    'KubernetesDiscovery',
    resource,
    `looking up kubernetes status ${resource}`,
  );
  const pod = pickBestPortForwardPod(kd.status?.pods ?? []);
  if (pod === undefined) throw fail('no-pod', `no pod found for resource ${resource}`);
  const container = selectContainer(pod, opts.container);

  const { execer } = opts;
  const kubectl = execer.lookPath('kubectl');
  if (kubectl === undefined) {
    throw fail(
      'no-kubectl',
      'could not find kubectl: exec: "kubectl": executable file not found in $PATH',
    );
  }
  // The session's kubeconfig, not the one of the user's shell: the pod is on the session's cluster.
  const cluster = await lookup<Cluster>(client, 'Cluster', 'default', 'looking up cluster');
  const k8s = cluster.status?.connection?.kubernetes;
  if (k8s === undefined) {
    throw fail(
      'cluster-not-connected',
      `kubernetes cluster not connected: ${cluster.status?.error ?? ''}`,
    );
  }
  const env = { KUBECONFIG: k8s.configPath ?? '' };
  // The session's context too (`slant up --context X`), which the kubeconfig's current context
  // may not be: Tilt pins it in a kubeconfig of its own, kubectl's flag does the same here.
  const kubectlArgs = k8s.context === '' ? ['kubectl'] : ['kubectl', '--context', k8s.context];
  const target = [pod.name, '-n', pod.namespace, '-c', container.name];
  const start = (argv: string[]): Promise<number> => {
    opts.writeErr(`Running: ${cmdString(argv)}\n`);
    return execer.run(kubectl, argv, env);
  };
  if (execer.lookPath('kubectl-shell') !== undefined) {
    return start([...kubectlArgs, 'shell', ...target]);
  }
  for (const shell of ['bash', 'sh']) {
    // Tilt asks its Kubernetes client; kubectl exec answers the same from the same cluster.
    const probe = [...kubectlArgs, 'exec', ...target, '--', 'which', shell];
    if (await execer.succeeds(kubectl, probe, env)) {
      return start([...kubectlArgs, 'exec', '-it', ...target, '--', shell]);
    }
  }
  throw fail('no-shell', `could not find bash or sh in container image: ${container.image}`);
}
