// `slant down` on this machine: runs the Tiltfile (config.tilt_subcommand == 'down'), orders the
// enabled resources for deletion (dependents before what they depend on, later resources first,
// as Tilt's sortManifestsForDeletion) and deletes their Kubernetes objects. Composition root.
import { resolve } from 'node:path';
import type { DockerComposeProject, DockerComposeService, KubernetesApply } from '@slant/api';
import { nodeTiltfileHost, sessionEnv } from './app.ts';
import type { SlantEnvironment } from './app-session.ts';
import { systemClock } from './clock.ts';
import { runDeleteCmd } from './controllers/kubernetesapply/apply-cmd.ts';
import { downKubernetesApplies } from './controllers/kubernetesapply/down.ts';
import { ProcessComposeCli } from './docker/compose.ts';
import { NodeProcessRunner } from './exec/node.ts';
import { createNodeKubeClient } from './k8s/client-node.ts';
import type { TiltfileResource } from './tiltfile/assemble/model.ts';
import { cmdString } from './tiltfile/cmd.ts';
import { loadTiltfile } from './tiltfile/loader.ts';

export interface DownOptions extends SlantEnvironment {
  readonly args: readonly string[];
  readonly deleteNamespaces: boolean;
  /** `docker compose down --volumes`. */
  readonly deleteVolumes?: boolean;
  readonly write: (text: string) => void;
}

/** Resource names in deletion order. */
export function deletionOrder(
  resources: readonly TiltfileResource[],
  enabled: readonly string[],
): string[] {
  const nodes = [...resources].reverse();
  const dependents = new Map<string, TiltfileResource[]>();
  for (const r of nodes) {
    for (const d of r.resourceDeps) dependents.set(d, [...(dependents.get(d) ?? []), r]);
  }
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (r: TiltfileResource) => {
    if (done.has(r.name)) return;
    done.add(r.name);
    for (const dep of dependents.get(r.name) ?? []) visit(dep);
    out.push(r.name);
  };
  for (const r of nodes) visit(r);
  const on = new Set(enabled);
  return out.filter((n) => on.has(n));
}

/** Returns the exit code. */
export async function runDown(opts: DownOptions): Promise<number> {
  // os.putenv in the Tiltfile reaches the delete commands, as in Tilt's one process.
  const { env, setEnv } = sessionEnv(opts.env);
  const { host, kubeconfigPath } = nodeTiltfileHost({
    file: opts.file,
    subcommand: 'down',
    ...(opts.kubeContext === undefined ? {} : { kubeContext: opts.kubeContext }),
    cwd: opts.cwd,
    env,
    argv: opts.argv,
    executable: opts.executable,
    logWrite: opts.write,
  });
  const result = loadTiltfile(
    {
      ...host,
      ...(opts.namespace === undefined
        ? {}
        : { kube: { ...host.kube, namespace: opts.namespace } }),
      setEnv,
    },
    {
      mainPath: resolve(opts.cwd, opts.file),
      args: opts.args,
      subcommand: 'down',
      ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }),
    },
  );
  if (result.error !== undefined) throw result.error;
  const applies = new Map(
    result.objects
      .filter((o): o is KubernetesApply => o.kind === 'KubernetesApply')
      .map((o) => [o.metadata.name, o]),
  );
  const order = deletionOrder(result.resources, result.enabledResources);
  const ordered = order
    .map((n) => applies.get(n))
    .filter((a): a is KubernetesApply => a !== undefined);
  const projects = composeProjects(order, result.objects);
  const errors =
    ordered.length === 0 ? [] : await downKubernetes(opts, env, kubeconfigPath, ordered);
  if (errors.length > 0) {
    for (const e of errors) opts.write(`${e}\n`);
    return 1;
  }
  // Compose projects after Kubernetes, each once, as Tilt does.
  const compose = new ProcessComposeCli({
    processes: new NodeProcessRunner({ clock: systemClock() }),
    env,
    cwd: opts.cwd,
  });
  for (const p of projects) {
    try {
      await compose.down(p, opts.write, opts.deleteVolumes === true);
    } catch (err) {
      opts.write(`Running \`docker-compose down\`: ${(err as Error).message}\n`);
      return 1;
    }
  }
  return 0;
}

function composeProjects(
  order: readonly string[],
  objects: readonly { kind: string; metadata: { name: string } }[],
): DockerComposeProject[] {
  const services = new Map(
    objects
      .filter((o): o is DockerComposeService => o.kind === 'DockerComposeService')
      .map((o) => [o.metadata.name, o]),
  );
  const byName = new Map<string, DockerComposeProject>();
  for (const n of order) {
    const p = services.get(n)?.spec.project;
    if (p !== undefined && !byName.has(p.name ?? '')) byName.set(p.name ?? '', p);
  }
  return [...byName.values()];
}

async function downKubernetes(
  opts: DownOptions,
  env: Readonly<Record<string, string>>,
  kubeconfigPath: string | undefined,
  ordered: readonly KubernetesApply[],
): Promise<string[]> {
  const kube = await createNodeKubeClient({
    kubeconfigPath: kubeconfigPath ?? '',
    ...(opts.kubeContext === undefined ? {} : { context: opts.kubeContext }),
    ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
  });
  const r = await downKubernetesApplies(
    kube,
    ordered,
    { deleteNamespaces: opts.deleteNamespaces },
    (line) => opts.write(line.endsWith('\n') ? line : `${line}\n`),
  );
  const errors = [...r.errors];
  // k8s_custom_deploy: its delete command undoes what its apply command did.
  const commands = {
    processes: new NodeProcessRunner({ clock: systemClock() }),
    baseEnv: env,
  };
  for (const ka of ordered) {
    const cmd = ka.spec.deleteCmd;
    if (cmd === undefined) continue;
    const error = await runDeleteCmd(
      { ...commands, clock: systemClock() },
      {
        cmd,
        kubeconfig: kubeconfigPath ?? '',
        clusterName: 'default',
        log: (t) => opts.write(t),
        signal: new AbortController().signal,
      },
    );
    if (error !== undefined) {
      errors.push(
        `Deleting k8s entities for cmd: ${cmdString({ argv: cmd.args, dir: cmd.dir, env: [] })}: ${error}`,
      );
    }
  }
  return errors;
}
