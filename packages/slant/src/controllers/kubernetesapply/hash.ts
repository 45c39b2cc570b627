// status.appliedInputHash: a hash of everything an apply used (Tilt's ComputeInputHash), so
// readers can tell whether the cluster has the latest spec and images.
import { createHash } from 'node:crypto';
import type { ImageMap, KubernetesApplySpec } from '@slant/api';
import { goJSON } from '../../k8s/yaml.ts';

/** SHA-1 over the spec and each ImageMap's spec and status, in URL-safe base64. */
export function computeInputHash(
  spec: KubernetesApplySpec,
  imageMaps: readonly ImageMap[],
): string {
  const h = createHash('sha1');
  h.update(goJSON(spec));
  for (const im of imageMaps) {
    h.update(goJSON(im.spec));
    // The build start time changes on every build, even when the image does not.
    const { buildStartTime: _t, ...status } = im.status ?? {};
    h.update(goJSON(status));
  }
  return h.digest('base64url').padEnd(28, '=');
}
