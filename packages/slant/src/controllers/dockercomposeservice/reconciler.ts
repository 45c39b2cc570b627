// The DockerComposeService reconciler (Tilt's dockercomposeservice.Reconciler): records the
// disable state and removes a disabled service's container (`rm --stop --force`); keeps one Docker
// event watch per Compose project so container starts, deaths and health changes reach the
// service's status. Deploys happen in the build controller (ComposeApplier.apply), as in Tilt,
// where the services are managed by buildcontrol.
import { isDeepStrictEqual } from 'node:util';
import type { DockerComposeService } from '@slant/api';
import type { Clock } from '../../clock.ts';
import {
  COMPOSE_PROJECT_LABEL,
  COMPOSE_SERVICE_LABEL,
  type ContainerEvent,
  type DockerContainers,
} from '../../docker/containers.ts';
import type { Reconciler } from '../../engine/manager.ts';
import type { ObjectStore } from '../../store/store.ts';
import { disableConfigMapNames, nextDisableStatus } from '../common/disable.ts';
import type { ComposeApplier } from './applier.ts';

export interface ComposeServiceReconcilerDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly containers: DockerContainers;
  readonly applier: ComposeApplier;
  /** Told when the Docker event stream of a project fails (it is re-opened on the next reconcile). */
  readonly onWatchError?: (project: string, err: unknown) => void;
}

const KIND = 'DockerComposeService';

// Container events that mean a new container for the service (Compose recreated it).
const ADOPTING_ACTIONS = new Set(['create', 'start', 'restart']);

export interface ComposeServiceController {
  readonly reconciler: Reconciler;
  /** Stops every project's event watch. */
  stopAll(): void;
}

export function createDockerComposeServiceReconciler(
  deps: ComposeServiceReconcilerDeps,
): ComposeServiceController {
  const { store, clock, applier } = deps;
  const watches = new Map<string, AbortController>();
  const removed = new Set<string>();

  const services = (project: string) =>
    (store.list(KIND) as DockerComposeService[]).filter(
      (s) => (s.spec.project.name ?? '') === project,
    );

  function onEvent(project: string, e: ContainerEvent): void {
    const service = e.labels[COMPOSE_SERVICE_LABEL] ?? '';
    const adopt = ADOPTING_ACTIONS.has(e.action);
    for (const svc of services(project)) {
      if (svc.spec.service !== service) continue;
      if (svc.status?.disableStatus?.state === 'Disabled') continue;
      applier.refresh(svc.metadata.name, e.containerId, adopt).catch(() => {
        // The container may be gone already; the next event or deploy tells.
      });
    }
  }

  function ensureWatch(project: string): void {
    if (project === '' || watches.has(project)) return;
    const ctl = new AbortController();
    watches.set(project, ctl);
    deps.containers
      .watchEvents({ [COMPOSE_PROJECT_LABEL]: project }, (e) => onEvent(project, e), ctl.signal)
      .catch((err: unknown) => deps.onWatchError?.(project, err))
      .finally(() => {
        if (watches.get(project) === ctl) watches.delete(project);
      });
  }

  function dropUnusedWatches(): void {
    for (const [project, ctl] of watches) {
      if (services(project).length === 0) {
        ctl.abort();
        watches.delete(project);
      }
    }
  }

  const reconciler: Reconciler = {
    kind: KIND,
    watches: [
      {
        kind: 'ConfigMap',
        map: (cm) =>
          (store.list(KIND) as DockerComposeService[])
            .filter((s) => disableConfigMapNames(s.spec.disableSource).includes(cm.metadata.name))
            .map((s) => s.metadata.name),
      },
    ],
    async reconcile(name) {
      const svc = store.get(KIND, name) as DockerComposeService | undefined;
      if (svc === undefined) {
        removed.delete(name);
        dropUnusedWatches();
        return;
      }
      const disableStatus = nextDisableStatus(
        store,
        clock,
        svc.spec.disableSource,
        svc.status?.disableStatus,
      );
      if (disableStatus.state === 'Disabled') {
        if (!removed.has(name)) {
          removed.add(name);
          await applier.rm(name);
        }
      } else {
        removed.delete(name);
        ensureWatch(svc.spec.project.name ?? '');
      }
      const current = store.get(KIND, name) as DockerComposeService | undefined;
      if (current === undefined) return;
      if (!isDeepStrictEqual(current.status?.disableStatus, disableStatus)) {
        store.mutateStatus(KIND, name, (cur) => ({ ...cur.status, disableStatus }));
      }
    },
  };

  return {
    reconciler,
    stopAll() {
      for (const ctl of watches.values()) ctl.abort();
      watches.clear();
    },
  };
}
