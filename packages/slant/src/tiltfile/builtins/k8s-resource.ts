// k8s_resource(): options for an assembled resource (by workload name) or a new resource made of
// `objects` (new_name). Calls are recorded and applied during assembly, where options on one
// resource aggregate (Tilt's k8s.go k8sResource).
import {
  type Kwargs,
  None,
  StarlarkError,
  type Thread,
  unpackArgs,
  type Value,
  conv,
  formatPosition,
} from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { fromStarString, starError, toStarString } from '../text.ts';
import {
  type DiscoveryStrategy,
  discoveryStrategyConv,
  goTypeName,
  labelsConv,
  nameConv,
  podReadinessConv,
  podSelectorsFromValue,
  sequenceConv,
  stringsFromSequence,
} from './k8s-args.ts';
import { linksConv } from './link.ts';
import { portForwardsFromValue } from './port-forward.ts';
import { triggerModeConv } from './trigger-mode.ts';

/** value.Optional[starlark.Bool]. */
function optionalBool(v: Value): boolean | undefined {
  if (v === None) return undefined;
  if (typeof v === 'boolean') return v;
  throw new StarlarkError(`expected starlark.Bool or None, got ${goTypeName(v)}`);
}

/** The position of the Starlark call of the running builtin, e.g. `/a/Tiltfile:3:1`. */
export function callerPosition(thread: Thread): string {
  const pos = thread.callerPosition(0);
  return pos === undefined ? '<builtin>' : fromStarString(formatPosition(pos));
}

/** Prefixes (text) a converter's StarlarkError (whose message is a Starlark string). */
function wrap<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof StarlarkError) {
      throw new StarlarkError(`${toStarString(prefix)}: ${err.message}`);
    }
    throw err;
  }
}

function k8sResource(
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const [
    workload = '',
    newName = '',
    portForwardsVal,
    extraPodSelectorsVal,
    triggerMode,
    resourceDepsVal,
    objectsVal,
    autoInit,
    podReadinessMode = '',
    links = [],
    labels = {},
    discoveryStrategy = '' as DiscoveryStrategy,
  ] = unpackArgs(
    'k8s_resource',
    args,
    kwargs,
    ['workload?', nameConv],
    ['new_name?', nameConv],
    ['port_forwards?', conv.value],
    ['extra_pod_selectors?', conv.value],
    ['trigger_mode?', triggerModeConv],
    ['resource_deps?', sequenceConv],
    ['objects?', sequenceConv],
    ['auto_init?', optionalBool],
    ['pod_readiness?', podReadinessConv],
    ['links?', linksConv],
    ['labels?', labelsConv],
    ['discovery_strategy?', discoveryStrategyConv],
  );
  const manuallyGrouped = workload === '';
  const resourceName = manuallyGrouped ? newName : workload;
  if (resourceName === '') {
    throw starError(
      'Resource name missing. Must give a name for an existing resource or a new_name to create a new resource.',
    );
  }
  const portForwards = wrap(`k8s_resource ${JSON.stringify(fromStarString(resourceName))}`, () =>
    portForwardsFromValue(portForwardsVal),
  );
  const extraPodSelectors = podSelectorsFromValue(extraPodSelectorsVal);
  const resourceDeps = wrap('k8s_resource: resource_deps', () =>
    stringsFromSequence(resourceDepsVal),
  );
  // Tilt's message names resource_deps for objects too.
  const objects = wrap('k8s_resource: resource_deps', () => stringsFromSequence(objectsVal));
  if (manuallyGrouped && objects.length === 0) {
    throw starError(
      "k8s_resource doesn't specify a workload or any objects. All non-workload resources must specify 1 or more objects",
    );
  }
  const text = (m: Record<string, string>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [fromStarString(k), fromStarString(v)]));
  run.state.k8s.resourceOptions.push({
    workload: fromStarString(resourceName),
    newName: fromStarString(newName),
    portForwards: portForwards.map((pf) => ({
      ...pf,
      host: fromStarString(pf.host),
      name: fromStarString(pf.name),
      path: fromStarString(pf.path),
    })),
    extraPodSelectors: extraPodSelectors.map(text),
    triggerMode,
    autoInit,
    position: callerPosition(thread),
    resourceDeps: resourceDeps.map(fromStarString),
    objects: objects.map(fromStarString),
    manuallyGrouped,
    podReadinessMode,
    discoveryStrategy,
    links: links.map((l) => ({ url: fromStarString(l.url), name: fromStarString(l.name) })),
    labels: text(labels),
  });
  return None;
}

export const k8sResourceBuiltins: readonly TiltDefinition[] = [
  { name: 'k8s_resource', fn: k8sResource },
];
