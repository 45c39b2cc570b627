// The UIResource runtime roll-up: re-computes a resource's runtime status whenever its pods,
// serve process, port forwards or disable ConfigMap change. The update half (builds) is written
// by the build controller; both use read-modify-write on disjoint fields.
import type { ApiObject, Cmd, PortForward, UIResource, UIResourceStatus } from '@slant/api';
import { ANNOTATIONS } from '@slant/api';
import type { Clock } from '../../clock.ts';
import { SERVE_OWNER_ANNOTATION } from '../../engine/buildcontrol/run-update.ts';
import type { Reconciler } from '../../engine/manager.ts';
import { readManifest } from '../../engine/manifest.ts';
import type { ObjectStore } from '../../store/store.ts';
import { uiResourceConditions } from './conditions.ts';
import { runtimeStatus } from './runtime.ts';
import { compareNatural } from '../common/compare.ts';

export interface UIResourceReconcilerDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
}

function byResource(obj: ApiObject): string[] {
  const r = obj.metadata.annotations?.[ANNOTATIONS.resource];
  return r === undefined ? [] : [r];
}

function withConditions(s: UIResourceStatus, now: string): UIResourceStatus {
  return { ...s, conditions: uiResourceConditions(s, now) };
}

export function createUIResourceReconciler(deps: UIResourceReconcilerDeps): Reconciler {
  const { store } = deps;
  return {
    kind: 'UIResource',
    watches: [
      { kind: 'KubernetesDiscovery', map: byResource },
      { kind: 'KubernetesApply', map: byResource },
      { kind: 'Cmd', map: byResource },
      { kind: 'PortForward', map: byResource },
      { kind: 'DockerComposeService', map: byResource },
      {
        kind: 'ConfigMap',
        map: (cm) =>
          cm.metadata.name.endsWith('-disable')
            ? [cm.metadata.name.slice(0, -'-disable'.length)]
            : [],
      },
    ],
    async reconcile(name) {
      const ui = store.get('UIResource', name) as UIResource | undefined;
      const manifest = readManifest(ui);
      if (ui === undefined) return;
      const now = deps.clock.now().toISOString();
      // The Tiltfile's UIResource has no manifest: only its conditions are rolled up here.
      if (manifest === undefined) {
        store.mutateStatus('UIResource', name, (cur) => withConditions(cur.status ?? {}, now));
        return;
      }
      const serve = (store.list('Cmd') as Cmd[])
        .filter((c) => c.metadata.annotations?.[SERVE_OWNER_ANNOTATION] === name)
        .sort((a, b) => compareNatural(a.metadata.name, b.metadata.name))
        .at(-1);
      const forwards = (store.list('PortForward') as PortForward[]).filter(
        (pf) => pf.metadata.annotations?.[ANNOTATIONS.resource] === name,
      );
      const rt = runtimeStatus({
        name,
        manifest,
        apply: store.get('KubernetesApply', name),
        discovery: store.get('KubernetesDiscovery', name),
        serve,
        compose: store.get('DockerComposeService', name),
        forwards,
        disable: store.get('ConfigMap', `${name}-disable`),
        now,
      });
      store.mutateStatus('UIResource', name, (cur) => {
        const next = { ...cur.status, ...rt };
        if (manifest.type !== 'k8s') delete next.k8sResourceInfo;
        if (manifest.type !== 'docker-compose') delete next.composeResourceInfo;
        return withConditions(next, now);
      });
    },
  };
}
