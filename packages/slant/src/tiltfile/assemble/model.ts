// The resource model assembly produces (Tilt's manifests). Shared: each area's engineer adds the
// fields their resources need (keep them optional or give every producer a value).

import type { ResourceLink } from '../builtins/link.ts';
import type { ResourceTriggerMode } from '../builtins/trigger-mode.ts';

export type ResourceType = 'k8s' | 'local' | 'docker-compose';

export interface TiltfileResource {
  readonly name: string;
  readonly type: ResourceType;
  labels: string[];
  resourceDeps: string[];
  /** model.TriggerMode: the resource's trigger mode combined with auto_init. */
  triggerMode?: ResourceTriggerMode;
  links?: ResourceLink[];
  /** ImageMap names of the builds the resource deploys directly (Tilt's imageMapDeps). */
  imageMapDeps?: string[];
  /** k8s: whether the runtime waits for pods (ready) or job success, or not at all. */
  podReadinessMode?: 'ignore' | 'wait' | 'succeeded';
}
