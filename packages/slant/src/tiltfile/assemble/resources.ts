// Assembly steps over every resource, whatever made it: resource_deps sanitizing (Tilt's
// sanitizeDependencies) and the per-resource API objects the Tiltfile controller creates
// (toDisableConfigMaps, toToggleButtons, toCancelButtons, toUIResourceObjects).
import type { ApiObject, ConfigMap, ToggleButton, UIButton, UIResource } from '@slant/api';
import { ANNOTATIONS, API_VERSION, BUTTON_TYPES } from '@slant/api';
import { pathSegmentNameErrors } from '../builtins/k8s-args.ts';
import { enabledResourceNames } from '../enabled.ts';
import { type AssembleContext, AssemblyError } from './index.ts';
import { disableSourceFor } from './k8s-objects.ts';
import type { TiltfileResource } from './model.ts';

/**
 * Unknown deps are dropped with a warning; a dependency on itself or a cycle is an error.
 * Mutates each resource's resourceDeps.
 */
export function sanitizeResourceDeps(
  resources: readonly TiltfileResource[],
  warn: (msg: string) => void,
): void {
  const known = new Set(resources.map((r) => r.name));
  const edges = new Map<string, string[]>();
  for (const r of resources) {
    const kept: string[] = [];
    for (const dep of r.resourceDeps) {
      if (dep === r.name) {
        throw new AssemblyError(`resource ${r.name} specified a dependency on itself`);
      }
      if (!known.has(dep)) {
        warn(
          `resource ${r.name} specified a dependency on unknown resource ${dep} - dependency ignored`,
        );
        continue;
      }
      kept.push(dep);
    }
    r.resourceDeps = kept;
    if (kept.length > 0) edges.set(r.name, kept);
  }
  const cycle = findCycle(edges);
  if (cycle !== undefined) {
    throw new AssemblyError(`cycle detected in resource dependency graph: ${cycle.join(' -> ')}`);
  }
}

// Tarjan's strongly connected components (as looplab/tarjan, visiting roots in resource
// order): the first component with more than one vertex, written as Tilt writes it.
function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const index = new Map<string, number>();
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: string[] = [];
  let found: string[] | undefined;
  const connect = (v: string): number => {
    const i = low.length;
    index.set(v, i);
    low.push(i);
    onStack.push(true);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      const j = index.get(w);
      if (j === undefined) low[i] = Math.min(low[i]!, connect(w));
      else if (onStack[j]) low[i] = Math.min(low[i]!, j);
    }
    if (low[i] === i) {
      const group: string[] = [];
      for (;;) {
        const w = stack.pop()!;
        onStack[index.get(w)!] = false;
        group.push(w);
        if (w === v) break;
      }
      if (group.length > 1 && found === undefined) {
        const nodes = [...group].reverse();
        found = [...nodes, group[group.length - 1]!];
      }
    }
    return low[i]!;
  };
  for (const v of edges.keys()) if (!index.has(v)) connect(v);
  return found;
}

export function assembleResourceDeps(ctx: AssembleContext): void {
  sanitizeResourceDeps(ctx.resources, (m) => ctx.warn(m));
}

/** The ConfigMap, ToggleButton, stop-build UIButton and UIResource of one resource. */
export function resourceObjects(r: TiltfileResource, enabled: boolean): ApiObject[] {
  const ds = disableSourceFor(r.name);
  const cm: ConfigMap = {
    apiVersion: API_VERSION,
    kind: 'ConfigMap',
    metadata: { name: ds.configMap.name },
    data: { [ds.configMap.key]: String(!enabled) },
  };
  const toggle: ToggleButton = {
    apiVersion: API_VERSION,
    kind: 'ToggleButton',
    metadata: {
      name: `${r.name}-disable`,
      annotations: { [ANNOTATIONS.buttonType]: BUTTON_TYPES.disableToggle },
    },
    spec: {
      location: { componentID: r.name, componentType: 'Resource' },
      on: { text: 'Enable Resource' },
      off: { text: 'Disable Resource', requiresConfirmation: true },
      defaultOn: false,
      stateSource: {
        configMap: {
          name: ds.configMap.name,
          key: ds.configMap.key,
          onValue: 'true',
          offValue: 'false',
        },
      },
    },
  };
  const stop: UIButton = {
    apiVersion: API_VERSION,
    kind: 'UIButton',
    metadata: {
      name: `${r.name}-stopbuild`,
      annotations: { [ANNOTATIONS.buttonType]: BUTTON_TYPES.stopBuild },
    },
    spec: {
      location: { componentID: r.name, componentType: 'Resource' },
      text: 'Stop Build',
      iconName: 'cancel',
    },
  };
  const labels = Object.fromEntries(r.labels.map((l) => [l, l]));
  const ui: UIResource = {
    apiVersion: API_VERSION,
    kind: 'UIResource',
    metadata: {
      name: r.name,
      ...(r.labels.length === 0 ? {} : { labels }),
      annotations: { [ANNOTATIONS.resource]: r.name },
    },
    spec: {},
    status: {
      disableStatus: { enabledCount: 0, disabledCount: 0, state: 'Pending', sources: [ds] },
    },
  };
  return [cm, toggle, stop, ui];
}

/**
 * The last assembler: objects for every resource; the disable ConfigMaps say which resources
 * start enabled (Tilt's EnabledManifests).
 */
export function assembleResourceObjects(
  ctx: AssembleContext,
  isEnabled?: (name: string) => boolean,
): void {
  let enabled = isEnabled;
  if (enabled === undefined) {
    const names = enabledResourceNames(ctx.run, ctx.resources);
    enabled = (name) => names.has(name);
  }
  for (const r of ctx.resources) {
    validateResourceName(r.name);
    ctx.objects.push(...resourceObjects(r, enabled(r.name)));
  }
}

/** Manifest.Validate's name check: resource names become API object names (path segments). */
export function validateResourceName(name: string): void {
  if (name === '') throw new AssemblyError('[validate] manifest missing name');
  const err = pathSegmentNameErrors(name)[0];
  if (err !== undefined) throw new AssemblyError(`invalid value ${JSON.stringify(name)}: ${err}`);
}
