// Which objects each owner uid owns, so a delete finds its dependents without scanning the store.
import type { ApiObject, Kind } from '@slant/api';

export interface ObjectKey {
  kind: Kind;
  name: string;
}

export class OwnerIndex {
  /** owner uid → `kind/name` of dependents → key */
  private readonly dependents = new Map<string, Map<string, ObjectKey>>();
  /** uids of objects in the store */
  private readonly live = new Set<string>();

  /** Records `obj` as stored, replacing what `previous` (its former version) recorded. */
  put(obj: ApiObject, previous: ApiObject | undefined): void {
    if (previous !== undefined) this.remove(previous);
    if (obj.metadata.uid !== undefined) this.live.add(obj.metadata.uid);
    const id = `${obj.kind}/${obj.metadata.name}`;
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let deps = this.dependents.get(ref.uid);
      if (deps === undefined) this.dependents.set(ref.uid, (deps = new Map()));
      deps.set(id, { kind: obj.kind, name: obj.metadata.name });
    }
  }

  remove(obj: ApiObject): void {
    if (obj.metadata.uid !== undefined) this.live.delete(obj.metadata.uid);
    const id = `${obj.kind}/${obj.metadata.name}`;
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const deps = this.dependents.get(ref.uid);
      deps?.delete(id);
      if (deps?.size === 0) this.dependents.delete(ref.uid);
    }
  }

  /** Dependents of `ownerUid`, sorted by kind then name, for a deterministic delete order. */
  dependentsOf(ownerUid: string): ObjectKey[] {
    const keys = [...(this.dependents.get(ownerUid)?.values() ?? [])];
    return keys.sort((a, b) =>
      a.kind === b.kind ? (a.name < b.name ? -1 : 1) : a.kind < b.kind ? -1 : 1,
    );
  }

  /** Whether every owner `obj` names is gone. */
  orphaned(obj: ApiObject): boolean {
    return (obj.metadata.ownerReferences ?? []).every((r) => !this.live.has(r.uid));
  }
}
