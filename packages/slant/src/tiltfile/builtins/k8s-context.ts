// k8s_context(), k8s_namespace(), allow_k8s_contexts() and the "might be production" safety
// check (Tilt's k8scontext plugin and tiltfile_state.go).
import {
  type Kwargs,
  None,
  StarlarkError,
  type Thread,
  unpackArgs,
  type Value,
  conv,
} from '@slant/starlark';
import type { KubeContextInfo } from '../host.ts';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { fromStarString, toStarString } from '../text.ts';
import { goTypeName, valueOrSequenceToSlice } from './k8s-args.ts';

const DEV_CLUSTER_PREFIXES = [
  'minikube',
  'docker-for-desktop-cluster',
  'docker-desktop',
  'microk8s',
  'api-crc-testing',
  'krucible-',
  'k3d-',
  'kind-',
  'rancher-desktop',
  'colima',
];

/** clusterid.ProductFromContext(...).IsDevCluster() by the cluster (or context) name. */
export function isDevClusterName(name: string): boolean {
  if (name === 'kind' || name === 'orbstack') return true;
  return DEV_CLUSTER_PREFIXES.some((p) => name.startsWith(p));
}

/**
 * Tilt's k8scontext IsAllowed: no context at all (ProductNone), a known dev cluster, or a context
 * named in allow_k8s_contexts().
 */
export function k8sContextAllowed(
  kube: KubeContextInfo & { readonly cluster?: string },
  allowed: readonly string[],
): boolean {
  if (kube.context === '') return true;
  if (isDevClusterName(kube.cluster ?? kube.context)) return true;
  return allowed.includes(kube.context);
}

/** The final check after assembly, when there is anything to deploy to Kubernetes. */
export function productionContextError(context: string): string {
  return `Stop! ${context} might be production.
If you're sure you want to deploy there, add:
	allow_k8s_contexts('${context}')
to your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.`;
}

/**
 * For builtins that act on the cluster right away (Tilt wraps local() this way): undefined when
 * allowed, else the refusal text.
 */
export function k8sUnsafeRefusal(run: TiltfileRun, fnName: string): string | undefined {
  const kube = run.host.kube;
  if (k8sContextAllowed(kube, run.state.k8s.allowedContexts)) return undefined;
  return `Refusing to run '${fnName}' because ${kube.context} might be a production kube context.
If you're sure you want to continue add:
	allow_k8s_contexts('${kube.context}')
before this function call in your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.`;
}

function allowK8sContexts(
  run: TiltfileRun,
  _t: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const [contexts] = unpackArgs('allow_k8s_contexts', args, kwargs, ['contexts', conv.value]);
  const added = valueOrSequenceToSlice(contexts).map((c) => {
    if (typeof c !== 'string') {
      throw new StarlarkError(
        `allow_k8s_contexts contexts must be a string or a sequence of strings; found a ${goTypeName(c)}`,
      );
    }
    return fromStarString(c);
  });
  // Tilt prepends each call's contexts to the earlier ones.
  run.state.k8s.allowedContexts.unshift(...added);
  return None;
}

export const k8sContextBuiltins: readonly TiltDefinition[] = [
  {
    name: 'k8s_context',
    // Like Tilt, these ignore their arguments.
    fn: (run) => toStarString(run.host.kube.context),
  },
  {
    name: 'k8s_namespace',
    fn: (run) => toStarString(run.host.kube.namespace),
  },
  { name: 'allow_k8s_contexts', fn: allowK8sContexts },
];
