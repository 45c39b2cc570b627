// Owner chains (Tilt's OwnerFetcher): pod → ReplicaSet → Deployment, by ownerReferences, each
// owner read once and cached by uid (an object's owners never change).
import type { KubeClient } from './client.ts';
import type { K8sEntity } from './entity.ts';

interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

interface Meta {
  readonly uid: string;
  readonly creationTimestamp: string;
  readonly ownerReferences: readonly OwnerRef[];
}

export interface OwnerChain {
  /** The object's uid, then its owners' depth-first. */
  readonly uids: string[];
  /** Creation time of the first owner, when it could be read. */
  readonly ownerCreatedAt: string | undefined;
}

function metaOf(e: K8sEntity): Meta {
  const m = (e.metadata ?? {}) as {
    uid?: string;
    creationTimestamp?: string;
    ownerReferences?: OwnerRef[];
  };
  return {
    uid: m.uid ?? '',
    creationTimestamp: m.creationTimestamp ?? '',
    ownerReferences: m.ownerReferences ?? [],
  };
}

export class OwnerResolver {
  private readonly kube: KubeClient;
  private readonly cache = new Map<string, Promise<Meta | undefined>>();

  constructor(kube: KubeClient) {
    this.kube = kube;
  }

  /** Rejects when an owner cannot be read (e.g. forbidden); a missing owner ends the chain. */
  async chain(obj: K8sEntity): Promise<OwnerChain> {
    const meta = metaOf(obj);
    const ns = (obj.metadata as { namespace?: string } | undefined)?.namespace ?? '';
    const uids = [meta.uid];
    let ownerCreatedAt: string | undefined;
    const visit = async (refs: readonly OwnerRef[], depth: number) => {
      for (const ref of refs) {
        if (uids.includes(ref.uid)) continue; // A cycle would be a cluster bug; don't loop on it.
        uids.push(ref.uid);
        const owner = await this.owner(ref, ns);
        if (depth === 0 && ownerCreatedAt === undefined && owner !== undefined) {
          ownerCreatedAt = owner.creationTimestamp;
        }
        if (owner !== undefined) await visit(owner.ownerReferences, depth + 1);
      }
    };
    await visit(meta.ownerReferences, 0);
    return { uids, ownerCreatedAt };
  }

  private owner(ref: OwnerRef, namespace: string): Promise<Meta | undefined> {
    let p = this.cache.get(ref.uid);
    if (p === undefined) {
      p = this.kube
        .get({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, namespace })
        .then((e) => {
          const m = e === undefined ? undefined : metaOf(e);
          // Same name, other uid: the owner we are asked about is gone. Not cached, in case the
          // server's cache had not caught up yet.
          if (m !== undefined && m.uid === ref.uid) return m;
          this.cache.delete(ref.uid);
          return undefined;
        });
      this.cache.set(ref.uid, p);
      // Failures are not cached, so the next event tries again.
      p.catch(() => this.cache.delete(ref.uid));
    }
    return p;
  }
}
