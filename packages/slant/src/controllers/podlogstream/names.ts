// How Tilt names the objects a KubernetesDiscovery makes for its pods.
import type { KubernetesDiscovery, Pod } from '@slant/api';

/** `<discovery>-<namespace>-<pod>`, as Tilt's createPodLogStream. */
export function podLogStreamName(kd: KubernetesDiscovery, pod: Pod): string {
  return `${kd.metadata.name}-${pod.namespace}-${pod.name}`;
}

/** The log span of a pod's output: `pod:<resource>:<pod>` (Tilt's SpanIDForPod). */
export function podSpanId(resource: string, pod: string): string {
  return `pod:${resource}:${pod}`;
}

/** The PodLogStreams a discovery's current pods have. */
export function streamNamesOf(kd: KubernetesDiscovery): string[] {
  return (kd.status?.pods ?? []).map((p) => podLogStreamName(kd, p));
}
