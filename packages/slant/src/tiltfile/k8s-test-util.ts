// Helpers for the k8s area's Tiltfile tests: a runner over the fake host, and YAML fixtures.
import type { ApiObject, KubernetesApply } from '@slant/api';
import { deployment, service } from '../k8s/testdata.ts';
import { serializeSpecYAML } from '../k8s/yaml.ts';
import type { K8sEntity } from '../k8s/entity.ts';
import type { FakeHostOptions } from './host-fake.ts';
import { type RunResult, runTiltfile } from './test-util.ts';

/** Runs a Tiltfile with every builtin and the real assembly pipeline. */
export function runK8s(
  tiltfile: string,
  opts: FakeHostOptions & { files?: Record<string, string>; args?: string[] } = {},
): RunResult {
  return runTiltfile(tiltfile, {
    ...opts,
    ...(opts.args === undefined ? {} : { load: { args: opts.args } }),
  });
}

export function yamlOf(...entities: K8sEntity[]): string {
  return serializeSpecYAML(entities);
}

/** web: a Deployment (image web-image) and the Service selecting it. */
export const WEB_YAML = yamlOf(deployment('web'), service('web', { app: 'web' }));

export function applyOf(objects: readonly ApiObject[], name: string): KubernetesApply {
  const ka = objects.find((o) => o.kind === 'KubernetesApply' && o.metadata.name === name);
  if (ka === undefined || ka.kind !== 'KubernetesApply')
    throw new Error(`no KubernetesApply ${name}`);
  return ka;
}

export function names(objects: readonly ApiObject[], kind: string): string[] {
  return objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
}
