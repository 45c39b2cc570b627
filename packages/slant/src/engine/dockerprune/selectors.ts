// The image names a prune may touch (Tilt's LocalRefSelectorsForManifests): for every image the
// Tiltfile builds, its name as pushed from this machine (with the cluster's registry), any tag.
import type { ApiObject, Cluster, CmdImage, DockerImage, RegistryHosting } from '@slant/api';
import { nameSelector, parseSelector, type RefSelector } from '../../container/selector.ts';
import {
  type ClusterRegistryInfo,
  localRef,
  newRefSet,
  registryFromCluster,
  withoutRegistry,
} from '../../container/registry.ts';

export type BuiltImage = DockerImage | CmdImage;

/**
 * One name selector per image object. Refs that can't be made (a bad name, a cluster in error)
 * are left out: nothing invalid was built under them.
 */
export function localRefSelectors(
  images: readonly BuiltImage[],
  clusterOf: (name: string) => ClusterRegistryInfo | undefined,
): RefSelector[] {
  const out: RefSelector[] = [];
  for (const img of images) {
    const cluster = clusterOf(
      img.spec.cluster === undefined || img.spec.cluster === '' ? 'default' : img.spec.cluster,
    );
    try {
      let refs = newRefSet(parseSelector(img.spec.ref), registryFromCluster(cluster));
      // custom_build(tag=…, outputs remote): the command names the image, without the registry.
      if (
        img.kind === 'CmdImage' &&
        img.spec.outputMode === 'remote' &&
        (img.spec.outputTag ?? '') !== ''
      ) {
        refs = withoutRegistry(refs);
      }
      out.push(nameSelector(localRef(refs)));
    } catch {
      // Left out, as above.
    }
  }
  return out;
}

/**
 * The selectors of a Tiltfile run's objects, with no engine (`slant docker-prune`): the
 * Kubernetes cluster's registry is the one it advertises (`advertised`, looked up by the caller),
 * else the Tiltfile's default_registry, as the engine's Cluster would have it.
 */
export function tiltfileRefSelectors(
  objects: readonly ApiObject[],
  advertised: RegistryHosting | undefined,
): RefSelector[] {
  const clusters = new Map<string, Cluster>();
  const images: BuiltImage[] = [];
  for (const o of objects) {
    if (o.kind === 'Cluster') clusters.set(o.metadata.name, o);
    if (o.kind === 'DockerImage' || o.kind === 'CmdImage') images.push(o);
  }
  return localRefSelectors(images, (name) => {
    const c = clusters.get(name);
    const k8s = c?.spec.connection?.kubernetes !== undefined;
    return c === undefined || !k8s || advertised === undefined
      ? c
      : { spec: c.spec, status: { registry: advertised } };
  });
}
