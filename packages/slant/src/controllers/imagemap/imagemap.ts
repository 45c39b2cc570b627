// ImageMap: the latest built ref of one image. Tilt's ImageMap reconciler only mirrors the object
// into its engine state; Slant has no second state, so there is nothing to reconcile. The image
// builders write the status (writeImageMapStatus); deployers read it (imageMapRef).
import type { ImageMap, ImageMapStatus } from '@slant/api';
import type { ObjectStore } from '../../store/store.ts';

/** The ref the cluster pulls for this ImageMap, or undefined until a build has succeeded. */
export function imageMapRef(store: ObjectStore, name: string): string | undefined {
  const im = store.get('ImageMap', name);
  const image = im?.status?.image ?? '';
  return image === '' ? undefined : image;
}

/** The ImageMaps of these names that exist, by name (Tilt's NamesToObjects). */
export function imageMapsByName(
  store: ObjectStore,
  names: readonly string[],
): Map<string, ImageMap> {
  const out = new Map<string, ImageMap>();
  for (const n of names) {
    const im = store.get('ImageMap', n);
    if (im !== undefined) out.set(n, im);
  }
  return out;
}

/** Replaces an ImageMap's status; a missing ImageMap is skipped (it was deleted meanwhile). */
export function writeImageMapStatus(
  store: ObjectStore,
  name: string,
  status: ImageMapStatus,
): void {
  const im = store.get('ImageMap', name);
  if (im === undefined) return;
  store.updateStatus({ ...im, status });
}

/**
 * The `TILT_IMAGE_<i>` / `TILT_IMAGE_MAP_<i>` variables for a local build command (Tilt's
 * InjectIntoLocalEnv); throws on a missing map, which the build order rules out.
 */
export function localImageEnv(
  names: readonly string[],
  maps: ReadonlyMap<string, ImageMap>,
): string[] {
  const env: string[] = [];
  names.forEach((n, i) => {
    const im = maps.get(n);
    if (im === undefined) throw new Error(`internal error: missing imagemap ${n}`);
    env.push(`TILT_IMAGE_MAP_${i}=${n}`, `TILT_IMAGE_${i}=${im.status?.imageFromLocal ?? ''}`);
  });
  return env;
}
