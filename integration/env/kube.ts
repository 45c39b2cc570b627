// Small helpers over @kubernetes/client-node and the Docker CLI for the e2e tests.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import {
  CoreV1Api,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  type V1Pod,
} from '@kubernetes/client-node';
import type { SlantEnv } from '../slant-env.ts';

const execFileP = promisify(execFile);

export const FIELD_MANAGER = 'slant-e2e';

export interface Kube {
  kc: KubeConfig;
  core: CoreV1Api;
  objects: KubernetesObjectApi;
}

export function connect(env: SlantEnv): Kube {
  const kc = new KubeConfig();
  kc.loadFromFile(env.kubeconfig);
  kc.setCurrentContext(env.context);
  return { kc, core: kc.makeApiClient(CoreV1Api), objects: KubernetesObjectApi.makeApiClient(kc) };
}

/** A fresh, DNS-safe namespace name for one test file. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Server-side apply (PATCH with application/apply-patch+yaml). */
export async function apply<T extends KubernetesObject>(kube: Kube, obj: T): Promise<T> {
  return kube.objects.patch(
    obj,
    undefined,
    undefined,
    FIELD_MANAGER,
    true,
    PatchStrategy.ServerSideApply,
  );
}

export async function createNamespace(kube: Kube, name: string): Promise<void> {
  await apply(kube, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  // Pods cannot be created before the namespace's default ServiceAccount exists.
  await waitFor(`default ServiceAccount in ${name}`, 60_000, async () => {
    try {
      await kube.core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      return true;
    } catch {
      return false;
    }
  });
}

/** Deletes the namespace and waits (bounded) until it is gone. */
export async function deleteNamespace(kube: Kube, name: string): Promise<void> {
  try {
    await kube.core.deleteNamespace({ name, gracePeriodSeconds: 0 });
  } catch {
    return;
  }
  await waitFor(`namespace ${name} deleted`, 120_000, async () => {
    try {
      await kube.core.readNamespace({ name });
      return false;
    } catch {
      return true;
    }
  });
}

/** Polls check every 250 ms until it returns a value that is not false/undefined. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | false | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== false && v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function isReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export async function docker(env: SlantEnv, args: string[]): Promise<string> {
  const { stdout } = await execFileP('docker', args, {
    env: { ...process.env, DOCKER_HOST: env.dockerHost, DOCKER_BUILDKIT: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}
