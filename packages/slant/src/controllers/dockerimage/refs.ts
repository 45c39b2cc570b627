// Which names a built image gets (Tilt's ImageTarget.Refs / RefSetFromImageMap) and what its
// ImageMap then says (store.NewImageBuildResult), for DockerImage and CmdImage alike.
import type { Cluster, ImageMap, ImageMapStatus, MicroTime } from '@slant/api';
import { familiarString, type ImageRef } from '../../container/ref.ts';
import {
  newRefSet,
  type RefSet,
  type RegistryHosting,
  registryFromCluster,
} from '../../container/registry.ts';
import { parseSelector, type RefSelector, selectorFromImageMap } from '../../container/selector.ts';
import type { ObjectStore } from '../../store/store.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** `2024-01-01T00:00:00.123000Z`, as metav1.MicroTime marshals. */
export function microTime(d: Date): MicroTime {
  return `${d.toISOString().slice(0, 23)}000Z`;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The Cluster an image is built for (spec.cluster, `default` when empty). */
export function clusterFor(store: ObjectStore, name: string | undefined): Cluster | undefined {
  return store.get('Cluster', name === undefined || name === '' ? 'default' : name);
}

/** Docker Compose clusters run images from the local daemon: no push, tagged as Compose expects. */
export function isDockerCompose(cluster: Cluster | undefined): boolean {
  return cluster?.spec.connection?.docker !== undefined;
}

/**
 * The image's names before tagging. The ImageMap's selector decides, as in Tilt; without an
 * ImageMap the spec's ref does.
 */
export function refSetFor(
  imageMap: ImageMap | undefined,
  ref: string,
  cluster: Cluster | undefined,
): Result<RefSet> {
  let selector: RefSelector;
  try {
    selector = imageMap === undefined ? parseSelector(ref) : selectorFromImageMap(imageMap.spec);
  } catch (err) {
    return { ok: false, error: `validating image: ${errorText(err)}` };
  }
  let registry: RegistryHosting | undefined;
  try {
    registry = registryFromCluster(cluster);
  } catch (err) {
    return { ok: false, error: `determining registry: ${errorText(err)}` };
  }
  try {
    return { ok: true, value: newRefSet(selector, registry) };
  } catch (err) {
    const spec = imageMap?.spec.selector ?? ref;
    return {
      ok: false,
      error: `applying image ${spec} to registry ${registry?.host ?? ''}: ${errorText(err)}`,
    };
  }
}

/** ImageMap status of a build: the cluster's name for the image and the local one. */
export function imageMapStatus(
  localRef: ImageRef,
  clusterRef: ImageRef,
  buildStartTime: MicroTime,
): ImageMapStatus {
  return {
    image: familiarString(clusterRef),
    imageFromCluster: familiarString(clusterRef),
    imageFromLocal: familiarString(localRef),
    buildStartTime,
  };
}

/** The ImageMap an image object feeds: its name after `<resource>:`, else its sanitized ref. */
export function imageMapNameOf(objName: string, ref: string, store: ObjectStore): string {
  const afterResource = objName.slice(objName.indexOf(':') + 1);
  if (store.get('ImageMap', afterResource) !== undefined) return afterResource;
  return ref.replace(/[/%]/g, '_');
}
