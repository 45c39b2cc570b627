// Compose service logs (Tilt's dockercomposelogstream): follows the logs of the service's current
// container into the resource's runtime span `dc:<resource>`. A new container, or the same one
// started again, gets a new follow from its start time (less a second: Docker records the start
// after the first lines can be written, as Tilt notes).
import type { DockerComposeService } from '@slant/api';
import { ANNOTATIONS } from '@slant/api';
import type { DockerContainers } from '../../docker/containers.ts';
import type { Reconciler } from '../../engine/manager.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';

export interface ComposeLogsDeps {
  readonly store: ObjectStore;
  readonly containers: DockerContainers;
  readonly logs: LogWriter;
}

interface Follow {
  readonly containerId: string;
  readonly startedAt: string;
  readonly abort: AbortController;
}

const START_PADDING_MS = 1000;

export interface ComposeLogsController {
  readonly reconciler: Reconciler;
  stopAll(): void;
}

export function createComposeLogsReconciler(deps: ComposeLogsDeps): ComposeLogsController {
  const follows = new Map<string, Follow>();

  function stop(name: string): void {
    follows.get(name)?.abort.abort();
    follows.delete(name);
  }

  function start(name: string, resource: string, containerId: string, startedAt: string): void {
    const f: Follow = { containerId, startedAt, abort: new AbortController() };
    follows.set(name, f);
    const spanId = `dc:${resource}`;
    const since = new Date(Date.parse(startedAt) - START_PADDING_MS).toISOString();
    const follow = async () => {
      const info = await deps.containers.inspect(containerId, f.abort.signal);
      if (info === undefined) return;
      await deps.containers.followLogs(containerId, {
        since,
        tty: info.tty,
        signal: f.abort.signal,
        onOutput: (text) => deps.logs.write({ resource, spanId, text }),
      });
    };
    follow().catch(() => {
      // The container went away: its next start brings a new follow.
    });
  }

  const reconciler: Reconciler = {
    kind: 'DockerComposeService',
    name: 'DockerComposeLogs',
    async reconcile(name) {
      const svc = deps.store.get('DockerComposeService', name) as DockerComposeService | undefined;
      const st = svc?.status;
      const id = st?.containerID ?? '';
      const startedAt = st?.containerState?.startedAt ?? '';
      if (svc === undefined || st?.disableStatus?.state === 'Disabled' || id === '') {
        stop(name);
        return;
      }
      if (startedAt === '') return;
      const cur = follows.get(name);
      if (cur !== undefined && cur.containerId === id && cur.startedAt === startedAt) return;
      stop(name);
      const resource = svc.metadata.annotations?.[ANNOTATIONS.resource] ?? name;
      start(name, resource, id, startedAt);
    },
  };

  return {
    reconciler,
    stopAll() {
      for (const name of [...follows.keys()]) stop(name);
    },
  };
}
