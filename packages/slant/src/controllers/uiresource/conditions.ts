// The Ready and UpToDate conditions of a UIResource: a cross-resource summary synthesised from
// its update and runtime status (Tilt's UIResourceReadyCondition / UpToDateCondition), what
// `slant wait --for=condition=Ready uiresource/x` waits on. A condition keeps its
// lastTransitionTime while its status and reason stay the same.
import type { UIResourceCondition, UIResourceStatus } from '@slant/api';

function ready(s: UIResourceStatus): Omit<UIResourceCondition, 'lastTransitionTime'> {
  if (s.runtimeStatus === 'ok') return { type: 'Ready', status: 'True' };
  if (s.runtimeStatus === 'not_applicable' && s.updateStatus === 'ok') {
    return { type: 'Ready', status: 'True' };
  }
  let reason = 'Unknown';
  if (s.disableStatus?.state === 'Disabled') reason = 'Disabled';
  else if (s.runtimeStatus === 'error') reason = 'RuntimeError';
  else if (s.updateStatus === 'error') reason = 'UpdateError';
  else if (s.updateStatus === 'ok' && s.runtimeStatus === 'pending') reason = 'RuntimePending';
  else if (s.updateStatus === 'pending') reason = 'UpdatePending';
  return { type: 'Ready', status: 'False', reason };
}

function upToDate(s: UIResourceStatus): Omit<UIResourceCondition, 'lastTransitionTime'> {
  if (s.updateStatus === 'ok' || s.updateStatus === 'not_applicable') {
    return { type: 'UpToDate', status: 'True' };
  }
  let reason = 'Unknown';
  if (s.disableStatus?.state === 'Disabled') reason = 'Disabled';
  else if (s.updateStatus === 'error') reason = 'UpdateError';
  else if (s.updateStatus === 'pending') reason = 'UpdatePending';
  return { type: 'UpToDate', status: 'False', reason };
}

/** The conditions for `status`, carrying over transition times of unchanged conditions. */
export function uiResourceConditions(s: UIResourceStatus, now: string): UIResourceCondition[] {
  return [upToDate(s), ready(s)].map((c) => {
    const prev = s.conditions?.find((p) => p.type === c.type);
    const same = prev !== undefined && prev.status === c.status && prev.reason === c.reason;
    const lastTransitionTime =
      same && prev.lastTransitionTime !== undefined ? prev.lastTransitionTime : now;
    return { ...c, lastTransitionTime };
  });
}
