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
import { isK8sContextAllowed, unsafeBuiltinMessage } from '../context-safety.ts';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { fromStarString, toStarString } from '../text.ts';
import { goTypeName, valueOrSequenceToSlice } from './k8s-args.ts';

/**
 * For builtins that act on the cluster right away (Tilt wraps local() this way): undefined when
 * allowed, else the refusal text.
 */
export function k8sUnsafeRefusal(run: TiltfileRun, fnName: string): string | undefined {
  const kube = run.host.kube;
  if (isK8sContextAllowed(kube, run.state.k8s.allowedContexts)) return undefined;
  return unsafeBuiltinMessage(fnName, kube.context);
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
