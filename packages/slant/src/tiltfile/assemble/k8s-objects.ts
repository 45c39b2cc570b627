// The API objects of one k8s resource: its KubernetesApply (YAML or apply/delete commands, image
// maps and locators, discovery/port-forward/log templates) and, for k8s_custom_deploy deps, the
// FileWatch `k8s:<name>` (Tilt's k8sDeployTarget and toKubernetesApplyObjects).
import type {
  ApiObject,
  FileWatch,
  IgnoreDef,
  KubernetesApply,
  KubernetesApplySpec,
} from '@slant/api';
import { ANNOTATIONS, API_VERSION, WELL_KNOWN_NAMES } from '@slant/api';
import { type ImageLocator, locatorMatchesOne, locatorToSpec } from '../../k8s/locator.ts';
import { sortedEntities } from '../../k8s/order.ts';
import { serializeSpecYAML } from '../../k8s/yaml.ts';
import type { Cmd } from '../cmd.ts';
import { globalIgnores, repoIgnoresForPaths } from './ignores.ts';
import { sanitizeName } from '../names.ts';
import type { TiltfileRun } from '../run.ts';
import type { ImageBuild } from '../state/build.ts';
import type { K8sResourceSpec } from './k8s.ts';

/** Sidecars whose logs Tilt doesn't stream (container/ignore.go). */
export const IGNORED_LOG_CONTAINERS = [
  'istio-init',
  'istio-proxy',
  'linkerd-proxy',
  'linkerd-init',
];

/** Go's time.Duration.String() for whole seconds, e.g. 30s, 1m30s, 1h0m0s. */
export function goDurationSeconds(total: number): string {
  if (total === 0) return '0s';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** The `<resource>-disable` ConfigMap key every object of a resource is disabled by. */
export function disableSourceFor(resource: string) {
  return { configMap: { name: `${resource}-disable`, key: WELL_KNOWN_NAMES.disableKey } };
}

function toApplyCmd(c: Cmd) {
  return { args: [...c.argv], dir: c.dir, env: [...c.env] };
}

// model.IsLiveUpdateOnly: k8s_custom_deploy's stand-in image (command `:`) is never built, so
// the apply doesn't wait for it.
function isLiveUpdateOnly(img: ImageBuild | undefined): boolean {
  if (img === undefined || img.buildType !== 'custom' || img.liveUpdate === undefined) return false;
  const argv = img.customCommand.argv;
  return argv[argv.length - 1] === ':';
}

function k8sLocators(run: TiltfileRun): ImageLocator[] {
  return [...run.state.k8s.kinds.values()].flatMap((k) => k.imageLocators);
}

export function kubernetesApplySpec(run: TiltfileRun, spec: K8sResourceSpec): KubernetesApplySpec {
  const update = run.state.settings.update;
  const out: KubernetesApplySpec = {
    cluster: WELL_KNOWN_NAMES.defaultCluster,
    timeout: goDurationSeconds(update.k8sUpsertTimeoutSecs),
    podLogStreamTemplateSpec: {
      // Logs from before Slant started are not streamed (the process start, stable across reloads).
      ...(run.startTime === undefined ? {} : { sinceTime: run.startTime }),
      ignoreContainers: [...IGNORED_LOG_CONTAINERS],
    },
  };
  if (spec.portForwards.length > 0) {
    out.portForwardTemplateSpec = {
      forwards: spec.portForwards.map((pf) => ({
        localPort: pf.localPort,
        containerPort: pf.containerPort,
        // Tilt defaults the host to the web host (--host, localhost by default).
        host: pf.host === '' ? run.webHost : pf.host,
        ...(pf.name === '' ? {} : { name: pf.name }),
        ...(pf.path === '' ? {} : { path: pf.path }),
      })),
    };
  }
  if (spec.discoveryStrategy !== '') out.discoveryStrategy = spec.discoveryStrategy;
  if (spec.extraPodSelectors.length > 0) {
    out.kubernetesDiscoveryTemplateSpec = {
      extraSelectors: spec.extraPodSelectors.map((labels) => ({ matchLabels: { ...labels } })),
    };
  }
  if (update.k8sServerSideApply === 'true') out.serverSideApply = true;
  const custom = spec.customDeploy;
  if (custom !== undefined) {
    out.applyCmd = toApplyCmd(custom.applyCmd);
    out.deleteCmd = toApplyCmd(custom.deleteCmd);
    out.restartOn = { fileWatches: [sanitizeName(`${spec.name}:apply`)] };
  } else {
    const entities = sortedEntities(spec.entities);
    out.yaml = serializeSpecYAML(entities);
    const locators = k8sLocators(run).filter((l) => locatorMatchesOne(l, entities));
    if (locators.length > 0) out.imageLocators = locators.map(locatorToSpec);
  }
  const imageMaps = spec.imageMapDeps.filter(
    (name) => !isLiveUpdateOnly(run.state.build.byImageMapName.get(name)),
  );
  if (imageMaps.length > 0) out.imageMaps = imageMaps;
  out.disableSource = disableSourceFor(spec.name);
  return out;
}

export function kubernetesApply(run: TiltfileRun, spec: K8sResourceSpec): KubernetesApply {
  return {
    apiVersion: API_VERSION,
    kind: 'KubernetesApply',
    metadata: {
      name: spec.name,
      annotations: {
        [ANNOTATIONS.resource]: spec.name,
        [ANNOTATIONS.logSpanId]: `kubernetesapply:${spec.name}`,
        [ANNOTATIONS.managedBy]: 'buildcontrol',
      },
    },
    spec: kubernetesApplySpec(run, spec),
  };
}

/** The deps watch of a k8s_custom_deploy (FileWatch `k8s:<name>`), or undefined. */
export function customDeployFileWatch(
  run: TiltfileRun,
  spec: K8sResourceSpec,
): FileWatch | undefined {
  const custom = spec.customDeploy;
  if (custom === undefined || custom.deps.length === 0) return undefined;
  const id = `k8s:${spec.name}`;
  // The target's own ignores (live-update paths, repos' .git), then the global ones.
  const ignores: IgnoreDef[] = [
    ...custom.ignores.map((i) => ({ basePath: i.basePath, patterns: [...i.patterns] })),
    ...repoIgnoresForPaths(run, custom.deps),
    ...globalIgnores(run),
  ];
  return {
    apiVersion: API_VERSION,
    kind: 'FileWatch',
    metadata: {
      name: sanitizeName(id),
      annotations: { [ANNOTATIONS.resource]: spec.name, [ANNOTATIONS.targetId]: id },
    },
    spec: {
      watchedPaths: [...new Set(custom.deps)].sort(),
      ...(ignores.length === 0 ? {} : { ignores }),
      disableSource: disableSourceFor(spec.name),
    },
  };
}

export function k8sResourceObjects(run: TiltfileRun, spec: K8sResourceSpec): ApiObject[] {
  const fw = customDeployFileWatch(run, spec);
  return fw === undefined ? [kubernetesApply(run, spec)] : [kubernetesApply(run, spec), fw];
}
