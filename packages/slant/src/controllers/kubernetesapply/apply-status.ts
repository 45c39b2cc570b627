// What a KubernetesApply's status says after an apply attempt (Tilt's recordApplyResult): the
// applied objects as resultYAML without the server's bookkeeping, the attempt's times and input
// hash, and the JobComplete condition. Pure, so the applier only decides what to apply.
import type { KubernetesApplyStatus } from '@slant/api';
import { APPLY_CONDITION_JOB_COMPLETE } from '@slant/api';
import { isObject, type K8sEntity } from '../../k8s/entity.ts';
import { serializeSpecYAML } from '../../k8s/yaml.ts';

/** Tilt's Clean(): what the server adds that nobody wants in resultYAML. */
export function cleanApplied(e: K8sEntity): K8sEntity {
  if (!isObject(e.metadata)) return e;
  const { managedFields: _m, ...meta } = e.metadata;
  const annotations = isObject(meta.annotations) ? { ...meta.annotations } : undefined;
  if (annotations !== undefined) {
    delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    meta.annotations = annotations;
  }
  return { ...e, metadata: meta };
}

function jobComplete(objects: readonly K8sEntity[]): boolean {
  return objects.some((e) => {
    if (e.kind !== 'Job' || !isObject(e.status)) return false;
    const conds = Array.isArray(e.status.conditions) ? e.status.conditions : [];
    return conds.some((c) => isObject(c) && c.type === 'Complete' && c.status === 'True');
  });
}

export interface AttemptTimes {
  /** MicroTimes of the attempt's start and end. */
  readonly start: string;
  readonly end: string;
}

/** The status fields of a successful attempt that deployed `deployed` from inputs `hash`. */
export function appliedStatus(
  deployed: readonly K8sEntity[],
  times: AttemptTimes,
  hash: string,
): KubernetesApplyStatus {
  const status: KubernetesApplyStatus = {
    resultYAML: serializeSpecYAML(deployed),
    lastApplyStartTime: times.start,
    lastApplyTime: times.end,
    appliedInputHash: hash,
  };
  if (jobComplete(deployed)) {
    // A Job that already completed will not run again: readers must not wait for its pod.
    status.conditions = [
      {
        type: APPLY_CONDITION_JOB_COMPLETE,
        status: 'True',
        lastTransitionTime: times.end,
        reason: '',
        message: '',
      },
    ];
  }
  return status;
}

/** The status fields of a failed attempt: the error and the times, nothing applied. */
export function failedStatus(error: string, times: AttemptTimes): KubernetesApplyStatus {
  return { error, lastApplyStartTime: times.start, lastApplyTime: times.end };
}

/** The status after an apply: the attempt's fields replace the last attempt's; the rest stays. */
export function withApplyResult(
  cur: KubernetesApplyStatus | undefined,
  result: KubernetesApplyStatus,
): KubernetesApplyStatus {
  return {
    ...(cur?.disableStatus === undefined ? {} : { disableStatus: cur.disableStatus }),
    ...result,
  };
}
