// The resource model assembly produces (Tilt's manifests). Shared: each area's engineer adds the
// fields their resources need (keep them optional or give every producer a value).

export type ResourceType = 'k8s' | 'local' | 'docker-compose';

export interface TiltfileResource {
  readonly name: string;
  readonly type: ResourceType;
  labels: string[];
  resourceDeps: string[];
}
