// Builders for the web server's tests: a UIResource with a manifest, and a store holding one.
import type { UIResource } from '@slant/api';
import { MANIFEST_ANNOTATION, type Manifest } from '../engine/manifest.ts';

export function uiResource(name: string, manifest: Partial<Manifest> = {}): UIResource {
  const m: Manifest = {
    type: 'local',
    order: 0,
    resourceDeps: [],
    triggerMode: 'auto',
    links: [],
    imageMapDeps: [],
    ...manifest,
  };
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'UIResource',
    metadata: { name, annotations: { [MANIFEST_ANNOTATION]: JSON.stringify(m) } },
    spec: {},
    status: { triggerMode: 0 },
  };
}
