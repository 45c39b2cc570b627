// K8s assembly after the Tiltfile ran (Tilt's assembleK8s/validateK8s/translateK8s): group the
// k8s_yaml objects into resources, apply the k8s_resource() options in call order (they
// aggregate), match images to builds, and make each resource's KubernetesApply. The objects
// no resource claims become the `uncategorized` resource (assembleUncategorized, after local).
import type { Cluster } from '@slant/api';
import { API_VERSION, WELL_KNOWN_NAMES } from '@slant/api';
import { familiarString } from '../../container/ref.ts';
import type { RefSelector } from '../../container/selector.ts';
import type { K8sEntity } from '../../k8s/entity.ts';
import {
  type AssembledResource,
  assembleK8s as groupK8s,
  type KindInfo,
  type PodReadinessMode,
  UNRESOURCED_NAME,
} from '../../k8s/group.ts';
import { indexedEntities } from '../../k8s/object-index.ts';
import { inferPodReadinessMode } from '../../k8s/readiness.ts';
import type { DiscoveryStrategy } from '../builtins/k8s-args.ts';
import { isK8sContextAllowed, productionStopMessage } from '../context-safety.ts';
import type { ResourceLink } from '../builtins/link.ts';
import type { PortForward } from '../builtins/port-forward.ts';
import { resourceTriggerMode } from '../builtins/trigger-mode.ts';
import type { TiltfileRun } from '../run.ts';
import { findBuilderForConsumedImage, imageMapName } from '../state/build.ts';
import type { K8sCustomDeploy } from '../state/k8s.ts';
import type { TriggerMode } from '../state/build.ts';
import { type AssembleContext, AssemblyError } from './index.ts';
import { workloadNamesFromFunction } from './k8s-names.ts';
import { k8sResourceObjects } from './k8s-objects.ts';
import type { TiltfileResource } from './model.ts';

/** One k8s resource with its aggregated k8s_resource() options. */
export interface K8sResourceSpec {
  name: string;
  entities: K8sEntity[];
  customDeploy: K8sCustomDeploy | undefined;
  portForwards: PortForward[];
  extraPodSelectors: Record<string, string>[];
  podReadinessMode: PodReadinessMode;
  discoveryStrategy: DiscoveryStrategy;
  triggerMode: TriggerMode | undefined;
  autoInit: boolean;
  resourceDeps: string[];
  links: ResourceLink[];
  labels: Record<string, string>;
  manuallyGrouped: boolean;
  /** ImageMap names of the builds whose images the resource deploys (Tilt's imageMapDeps). */
  imageMapDeps: string[];
}

export function k8sKinds(run: TiltfileRun): KindInfo[] {
  return [...run.state.k8s.kinds.values()];
}

function envVarImages(run: TiltfileRun): RefSelector[] {
  return run.state.build.images.filter((i) => i.matchInEnvVars).map((i) => i.configurationRef);
}

function otherResourceConflict(run: TiltfileRun, name: string): string | undefined {
  if (run.state.local.byName.has(name))
    return `local_resource named ${JSON.stringify(name)} already exists`;
  if ([...run.state.compose.projects.values()].some((p) => p.services.has(name))) {
    return `dc_resource named ${JSON.stringify(name)} already exists`;
  }
  return undefined;
}

function newSpec(r: AssembledResource, customDeploy: K8sCustomDeploy | undefined): K8sResourceSpec {
  return {
    name: r.name,
    entities: r.entities,
    customDeploy,
    portForwards: [],
    extraPodSelectors: [],
    podReadinessMode: '',
    discoveryStrategy: '',
    triggerMode: undefined,
    autoInit: true,
    resourceDeps: [],
    links: [],
    labels: {},
    manuallyGrouped: r.manuallyGrouped,
    imageMapDeps: [],
  };
}

/** Groups objects into resources and applies options; throws AssemblyError with Tilt's texts. */
export function assembleK8sSpecs(run: TiltfileRun): {
  specs: K8sResourceSpec[];
  unresourced: K8sEntity[];
} {
  const k8s = run.state.k8s;
  const wtrf = k8s.workloadToResourceFunction;
  let result: ReturnType<typeof groupK8s>;
  try {
    result = groupK8s({
      entities: indexedEntities(k8s.objects),
      kinds: k8sKinds(run),
      envVarImages: envVarImages(run),
      groupings: k8s.resourceOptions,
      ...(wtrf === undefined
        ? {}
        : { workloadNames: (w: readonly K8sEntity[]) => workloadNamesFromFunction(run, wtrf, w) }),
      otherResourceConflict: (name) => otherResourceConflict(run, name),
      initialResources: k8s.customDeploys.map((d) => d.name),
    });
  } catch (err) {
    throw new AssemblyError((err as Error).message);
  }
  const byResource = new Map<AssembledResource, K8sResourceSpec>();
  const specs = result.resources.map((r) => {
    const spec = newSpec(
      r,
      k8s.customDeploys.find((d) => d.name === r.name),
    );
    byResource.set(r, spec);
    return spec;
  });
  k8s.resourceOptions.forEach((opts, i) => {
    const r = result.groupingResources[i];
    const spec = r === undefined ? undefined : byResource.get(r);
    if (spec === undefined) return;
    spec.extraPodSelectors.push(...opts.extraPodSelectors);
    if (opts.podReadinessMode !== '') spec.podReadinessMode = opts.podReadinessMode;
    if (opts.discoveryStrategy !== '') spec.discoveryStrategy = opts.discoveryStrategy;
    spec.portForwards.push(...opts.portForwards);
    if (opts.triggerMode !== undefined) spec.triggerMode = opts.triggerMode;
    if (opts.autoInit !== undefined) spec.autoInit = opts.autoInit;
    spec.resourceDeps.push(...opts.resourceDeps);
    spec.links.push(...opts.links);
    Object.assign(spec.labels, opts.labels);
  });
  for (const [r, spec] of byResource) {
    spec.name = r.name;
    validateResource(run, r, spec);
  }
  return { specs, unresourced: result.unresourced };
}

// Tilt's validateK8s: something to deploy, and every required image has a build.
function validateResource(run: TiltfileRun, r: AssembledResource, spec: K8sResourceSpec): void {
  if (r.entities.length === 0 && spec.customDeploy === undefined) {
    throw new AssemblyError(
      `resource ${JSON.stringify(r.name)}: could not associate any k8s_yaml() or k8s_custom_deploy() with this resource`,
    );
  }
  const refs = [
    ...(spec.customDeploy?.imageDeps ?? []),
    ...r.imageRefs.map((ref) => ({ ref, required: false })),
  ];
  for (const { ref, required } of refs) {
    const builder = findBuilderForConsumedImage(run.state.build, ref);
    if (builder !== undefined) {
      const name = imageMapName(builder);
      if (!spec.imageMapDeps.includes(name)) spec.imageMapDeps.push(name);
    } else if (required) {
      throw new AssemblyError(
        `resource ${JSON.stringify(r.name)}: image build ${JSON.stringify(familiarString(ref))} not found`,
      );
    }
  }
}

export function podReadinessOf(run: TiltfileRun, spec: K8sResourceSpec) {
  return inferPodReadinessMode({
    entities: spec.entities,
    kinds: k8sKinds(run),
    explicitMode: spec.podReadinessMode,
    manuallyGrouped: spec.manuallyGrouped,
    extraPodSelectorCount: spec.extraPodSelectors.length,
    imageMapDepCount: spec.imageMapDeps.length,
  });
}

function toResource(run: TiltfileRun, spec: K8sResourceSpec): TiltfileResource {
  const mode = spec.triggerMode ?? run.state.build.triggerMode;
  return {
    name: spec.name,
    type: 'k8s',
    labels: Object.keys(spec.labels).sort(),
    resourceDeps: [...spec.resourceDeps],
    triggerMode: resourceTriggerMode(mode, spec.autoInit),
    links: [...spec.links],
    imageMapDeps: [...spec.imageMapDeps],
    podReadinessMode: podReadinessOf(run, spec),
  };
}

/** The first assembler: k8s resources and their KubernetesApply (and FileWatch) objects. */
export function assembleK8s(ctx: AssembleContext): void {
  const run = ctx.run;
  const { specs, unresourced } = assembleK8sSpecs(run);
  run.state.k8s.unresourced = unresourced;
  if (specs.length === 0 && unresourced.length === 0) return;
  if (!isK8sContextAllowed(run.host.kube, run.state.k8s.allowedContexts)) {
    throw new AssemblyError(productionStopMessage(run.host.kube.context));
  }
  for (const spec of specs) {
    ctx.resources.push(toResource(run, spec));
    ctx.objects.push(...k8sResourceObjects(run, spec));
  }
}

/** The `default` Cluster, when anything deploys to Kubernetes (Tilt's toClusterObjects). */
export function defaultCluster(run: TiltfileRun): Cluster {
  const registry = run.state.build.defaultRegistry;
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: WELL_KNOWN_NAMES.defaultCluster },
    spec: {
      // The context this run resolved (the --context override or kubeconfig's current one); the
      // namespace stays the context's own.
      connection: {
        kubernetes: run.host.kube.context === '' ? {} : { context: run.host.kube.context },
      },
      ...(registry === undefined ? {} : { defaultRegistry: registry }),
    },
  };
}

/**
 * After local resources: the `uncategorized` resource of the leftover objects (Tilt's order),
 * and the `default` Cluster when there is any k8s resource.
 */
export function assembleUncategorized(ctx: AssembleContext): void {
  const run = ctx.run;
  const unresourced = run.state.k8s.unresourced;
  if (unresourced.length > 0) addUncategorized(ctx, unresourced);
  if (ctx.resources.some((r) => r.type === 'k8s')) ctx.objects.push(defaultCluster(run));
}

function addUncategorized(ctx: AssembleContext, unresourced: K8sEntity[]): void {
  const run = ctx.run;
  const spec = newSpec(
    { name: UNRESOURCED_NAME, entities: unresourced, imageRefs: [], manuallyGrouped: false },
    undefined,
  );
  spec.podReadinessMode = 'ignore';
  ctx.resources.push({ ...toResource(run, spec), triggerMode: 'auto', imageMapDeps: [] });
  ctx.objects.push(...k8sResourceObjects(run, spec));
}
