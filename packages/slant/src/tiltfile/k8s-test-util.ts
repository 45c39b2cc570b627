// Helpers for the k8s area's Tiltfile tests: the builtins and assemblers they need, and fixtures.
import type { ApiObject, KubernetesApply } from '@slant/api';
import { deployment, service } from '../k8s/testdata.ts';
import { serializeSpecYAML } from '../k8s/yaml.ts';
import type { K8sEntity } from '../k8s/entity.ts';
import { ASSEMBLERS } from './assemble/index.ts';
import { ALL_BUILTINS } from './builtins/index.ts';
import { dockerBuildBuiltins } from './builtins/docker-build.ts';
import { k8sBuiltins } from './builtins/k8s.ts';
import { liveUpdateBuiltins } from './builtins/live-update.ts';
import { localResourceBuiltins } from './builtins/local-resource.ts';
import { triggerModeBuiltins } from './builtins/trigger-mode.ts';
import type { FakeHostOptions } from './host-fake.ts';
import type { TiltDefinition } from './registry.ts';
import { type RunResult, runTiltfile } from './test-util.ts';

function dedupe(defs: readonly TiltDefinition[]): TiltDefinition[] {
  const seen = new Set<string>();
  return defs.filter((d) => !seen.has(d.name) && seen.add(d.name) !== undefined);
}

export const K8S_TEST_BUILTINS = dedupe([
  ...ALL_BUILTINS,
  ...k8sBuiltins,
  ...dockerBuildBuiltins,
  ...liveUpdateBuiltins,
  ...triggerModeBuiltins,
  ...localResourceBuiltins,
]);

/** The real assembly pipeline (assemble/index.ts). */
export const K8S_TEST_ASSEMBLERS = ASSEMBLERS;

/** Runs a Tiltfile with the k8s builtins and assemblers. */
export function runK8s(
  tiltfile: string,
  opts: FakeHostOptions & { files?: Record<string, string>; args?: string[] } = {},
): RunResult {
  return runTiltfile(tiltfile, {
    ...opts,
    load: {
      builtins: K8S_TEST_BUILTINS,
      assemblers: K8S_TEST_ASSEMBLERS,
      ...(opts.args === undefined ? {} : { args: opts.args }),
    },
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
