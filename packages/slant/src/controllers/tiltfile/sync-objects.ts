// Writes a successful Tiltfile run into the store (Tilt's updateOwnedObjects): every declared
// object is upserted, owned by the Tiltfile; objects it owned before and no longer declares are
// deleted. Disable ConfigMaps keep their current value unless the enabled set may change (first
// load, new args), so a user's disable survives an edit of the Tiltfile.
import type { ApiObject, Kind, Tiltfile } from '@slant/api';
import { KIND_NAMES } from '@slant/api';
import type { Manifest } from '../../engine/manifest.ts';
import { MANIFEST_ANNOTATION } from '../../engine/manifest.ts';
import type { ObjectStore } from '../../store/store.ts';
import type { TiltfileResult } from '../../tiltfile/loader.ts';

function ownedBy(obj: ApiObject, uid: string): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
}

/** The manifest annotation for each resource, in Tiltfile order. */
export function manifestsOf(result: TiltfileResult): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  result.resources.forEach((r, order) => {
    const extra = r as { local?: Manifest['local']; compose?: Manifest['compose'] };
    out.set(r.name, {
      type: r.type,
      order,
      resourceDeps: r.resourceDeps,
      triggerMode: r.triggerMode ?? 'auto',
      links: (r.links ?? []).map((l) => (l.name === '' ? { url: l.url } : l)),
      imageMapDeps: r.imageMapDeps ?? [],
      ...(r.podReadinessMode === undefined ? {} : { podReadinessMode: r.podReadinessMode }),
      ...(extra.local === undefined ? {} : { local: extra.local }),
      ...(extra.compose === undefined ? {} : { compose: extra.compose }),
    });
  });
  return out;
}

function withOwner(obj: ApiObject, tf: Tiltfile, manifests: Map<string, Manifest>): ApiObject {
  const copy = structuredClone(obj);
  copy.metadata.ownerReferences = [
    {
      apiVersion: tf.apiVersion,
      kind: 'Tiltfile',
      name: tf.metadata.name,
      uid: tf.metadata.uid ?? '',
      controller: true,
    },
  ];
  if (copy.kind === 'UIResource') {
    const m = manifests.get(copy.metadata.name);
    if (m !== undefined) {
      copy.metadata.annotations = {
        ...copy.metadata.annotations,
        [MANIFEST_ANNOTATION]: JSON.stringify(m),
      };
    }
  }
  return copy;
}

export interface SyncResult {
  readonly upserted: number;
  readonly deleted: string[];
}

export function syncDeclaredObjects(
  store: ObjectStore,
  tf: Tiltfile,
  result: TiltfileResult,
  extra: readonly ApiObject[],
  opts: { changeEnabledResources: boolean },
): SyncResult {
  const uid = tf.metadata.uid ?? '';
  const manifests = manifestsOf(result);
  const desired = new Map<string, ApiObject>();
  for (const obj of [...result.objects, ...extra]) {
    desired.set(`${obj.kind}/${obj.metadata.name}`, withOwner(obj, tf, manifests));
  }
  // Updates keep each object's status: statuses belong to the controllers.
  let upserted = 0;
  for (const obj of desired.values()) {
    const existing = store.get(obj.kind, obj.metadata.name);
    if (
      obj.kind === 'ConfigMap' &&
      existing !== undefined &&
      !opts.changeEnabledResources &&
      obj.metadata.name.endsWith('-disable')
    ) {
      continue;
    }
    const stored = store.upsert(obj);
    // The loader fetched the extension repos: it is their reconciler, so it writes their status.
    const status = result.state.objects.loaderStatuses.get(`${obj.kind}/${obj.metadata.name}`);
    if (status !== undefined) store.updateStatus({ ...stored, status } as ApiObject);
    upserted++;
  }
  const deleted: string[] = [];
  for (const kind of KIND_NAMES as readonly Kind[]) {
    for (const obj of store.list(kind)) {
      if (!ownedBy(obj, uid)) continue;
      if (desired.has(`${kind}/${obj.metadata.name}`)) continue;
      store.delete(kind, obj.metadata.name);
      deleted.push(`${kind}/${obj.metadata.name}`);
    }
  }
  return { upserted, deleted };
}
