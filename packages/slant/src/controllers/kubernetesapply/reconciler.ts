// The KubernetesApply reconciler (Tilt's kubernetesapply.Reconciler): applies objects nobody
// else manages when their inputs change, deletes what was applied when the object is disabled
// or deleted, and keeps the owned KubernetesDiscovery in step with what is deployed.
import { isDeepStrictEqual } from 'node:util';
import {
  ANNOTATIONS,
  type ImageMap,
  type KubernetesApply,
  type KubernetesApplyStatus,
} from '@slant/api';
import type { Reconciler } from '../../engine/manager.ts';
import { parseYAML } from '../../k8s/yaml.ts';
import type { ObjectStore } from '../../store/store.ts';
import { disableConfigMapNames, nextDisableStatus } from '../common/disable.ts';
import { logTarget } from '../common/log-target.ts';
import { lastRestartEvent } from '../common/trigger.ts';
import type { KubernetesApplier, KubernetesApplierDeps } from './applier.ts';
import { withApplyResult } from './apply-status.ts';
import { desiredDiscovery } from './discovery.ts';

export interface KubernetesApplyReconcilerDeps extends KubernetesApplierDeps {
  /** The same applier the build controller uses, so both know what has been applied. */
  applier: KubernetesApplier;
}

// Until the Cluster is connected there is nothing to apply to.
function clusterReady(store: ObjectStore, name: string): boolean {
  if (name === '') return true;
  const c = store.get('Cluster', name);
  return c !== undefined && (c.status?.error ?? '') === '' && c.status?.connection !== undefined;
}

function imageMapsOf(store: ObjectStore, ka: KubernetesApply): ImageMap[] | undefined {
  const maps: ImageMap[] = [];
  for (const n of ka.spec.imageMaps ?? []) {
    const im = store.get('ImageMap', n);
    // Not built yet: wait.
    if (im === undefined) return undefined;
    maps.push(im);
  }
  return maps;
}

// Tilt's clearApplyStatus: as if never applied.
function cleared(status: KubernetesApplyStatus | undefined): KubernetesApplyStatus {
  const {
    lastApplyTime: _t,
    lastApplyStartTime: _s,
    error: _e,
    resultYAML: _r,
    ...rest
  } = status ?? {};
  return rest;
}

function syncDiscovery(
  deps: KubernetesApplyReconcilerDeps,
  ka: KubernetesApply | undefined,
  name: string,
): void {
  const { store } = deps;
  if (ka !== undefined && !ka.metadata.deletionTimestamp) {
    const s = ka.status ?? {};
    // After a failed or no apply keep discovery as it is, so a transient error does not tear down
    // the log streams and port forwards.
    if (
      ((s.error ?? '') !== '' || (s.resultYAML ?? '') === '') &&
      s.disableStatus?.state !== 'Disabled'
    )
      return;
  }
  let desired: ReturnType<typeof desiredDiscovery>;
  try {
    desired = ka === undefined ? undefined : desiredDiscovery(ka, deps.kube.contextInfo.namespace);
  } catch {
    return; // Unparseable YAML: the apply reports it.
  }
  const existing = store.get('KubernetesDiscovery', name);
  if (desired === undefined) {
    if (existing !== undefined) store.delete('KubernetesDiscovery', name);
    return;
  }
  if (existing === undefined) {
    store.create(desired);
  } else if (
    !isDeepStrictEqual(existing.spec, desired.spec) ||
    !isDeepStrictEqual(existing.metadata.annotations, desired.metadata.annotations)
  ) {
    store.update({
      ...existing,
      metadata: { ...existing.metadata, ...desired.metadata },
      spec: desired.spec,
    });
  }
}

export function createKubernetesApplyReconciler(deps: KubernetesApplyReconcilerDeps): Reconciler {
  const { store, clock, applier } = deps;
  // Names of the KubernetesApplys that reference an object, for the watch mappings.
  const referencing =
    (pick: (ka: KubernetesApply) => readonly string[]) => (obj: { metadata: { name: string } }) =>
      store
        .list('KubernetesApply')
        .filter((ka) => pick(ka).includes(obj.metadata.name))
        .map((ka) => ka.metadata.name);

  return {
    kind: 'KubernetesApply',
    owns: ['KubernetesDiscovery'],
    watches: [
      { kind: 'ImageMap', map: referencing((ka) => ka.spec.imageMaps ?? []) },
      { kind: 'ConfigMap', map: referencing((ka) => disableConfigMapNames(ka.spec.disableSource)) },
      { kind: 'Cluster', map: referencing((ka) => [ka.spec.cluster]) },
      { kind: 'FileWatch', map: referencing((ka) => ka.spec.restartOn?.fileWatches ?? []) },
      { kind: 'UIButton', map: referencing((ka) => ka.spec.restartOn?.uiButtons ?? []) },
    ],
    async reconcile(name, ctx) {
      const ka = store.get('KubernetesApply', name);
      if (ka === undefined) {
        syncDiscovery(deps, undefined, name);
        await applier.deleteApplied(name, 'garbage collecting Kubernetes objects', true);
        return;
      }
      try {
        applier.adopt(ka, parseYAML(ka.status?.resultYAML ?? ''));
      } catch {
        // A resultYAML we cannot read names nothing we could delete.
      }

      const disableStatus = nextDisableStatus(
        store,
        clock,
        ka.spec.disableSource,
        ka.status?.disableStatus,
      );
      let status: KubernetesApplyStatus = { ...ka.status, disableStatus };
      if (disableStatus.state === 'Disabled') {
        await applier.deleteApplied(name, 'deleting disabled Kubernetes objects', false);
        status = cleared(status);
      } else {
        const managed = (ka.metadata.annotations?.[ANNOTATIONS.managedBy] ?? '') !== '';
        const imageMaps = imageMapsOf(store, ka);
        const restart = lastRestartEvent(store, ka.spec.restartOn).time;
        if (!managed && imageMaps !== undefined && clusterReady(store, ka.spec.cluster)) {
          if (applier.needsDeploy(ka, imageMaps, restart)) {
            status = withApplyResult(status, await applier.deploy(ka, imageMaps, ctx.signal));
          }
        }
      }

      const current = store.get('KubernetesApply', name);
      if (current === undefined) return; // Deleted while applying: the next reconcile cleans up.
      let updated = current;
      if (!isDeepStrictEqual(current.status ?? {}, status)) {
        updated = store.updateStatus({ ...current, status });
        const managed = (current.metadata.annotations?.[ANNOTATIONS.managedBy] ?? '') !== '';
        const err = status.error ?? '';
        if (err !== '' && err !== (current.status?.error ?? '') && !managed) {
          const t = logTarget(current);
          deps.logs.write({ ...t, text: `kubernetesapply ${name}: ${err}\n`, level: 'ERROR' });
        }
      }
      syncDiscovery(deps, updated, name);
    },
  };
}
