// The LiveUpdate reconciler (Tilt's liveupdate.Reconciler, v2 semantics): collects file changes
// from its FileWatch sources (dropping those the current image already has), and brings every
// selected container up to date — pods' containers (Kubernetes exec) or a Compose service's
// container (Docker exec; restart_container restarts it after the update). Each container
// remembers the newest change it has, so a new or restarted container gets every change since
// the image was built replayed onto it. A change
// outside the syncs, a fall_back_on file, a crash-looping or stopped container, or a failed
// transport marks the LiveUpdate failed: the build controller then rebuilds the image.
import type { LiveUpdate, LiveUpdateContainerStatus, LiveUpdateStatus } from '@slant/api';
import { ANNOTATIONS } from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { DockerContainerExec } from '../../docker/exec.ts';
import type { Reconciler } from '../../engine/manager.ts';
import { finishBuild, startBuild } from '../../engine/buildcontrol/ui-status.ts';
import { readManifest, triggerModeNumber } from '../../engine/manifest.ts';
import { inTriggerQueue, removeFromTriggerQueue } from '../../engine/trigger-queue.ts';
import type { ContainerExec } from '../../k8s/exec.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { logTarget } from '../common/log-target.ts';
import { microTime } from '../common/time.ts';
import type { LocalFiles } from '../../watch/files.ts';
import { applyToContainer, type ContainerMonitor } from './apply.ts';
import { displayName, isTerminated, type SelectedContainer, selectedContainers } from './select.ts';
import { TransportPool } from './transport.ts';
import { changedAfter, collectChanges, type SourceChanges } from './sources.ts';

export interface LiveUpdateDeps {
  store: ObjectStore;
  clock: Clock;
  logs: LogWriter;
  exec: ContainerExec;
  /** Docker exec and restart, for Docker Compose containers; without it they can't be updated. */
  dockerExec?: DockerContainerExec;
  files: LocalFiles;
  /** How changed files are shown (Tilt: relative to the cwd when inside it). */
  display: (files: readonly string[]) => string;
  /** Keep a receiver running in each container (the fast path); default true. */
  fastPath?: boolean;
}

interface Monitor {
  sources: Map<string, SourceChanges>;
  containers: Map<string, ContainerMonitor>;
}

function failedState(lu: LiveUpdate, reason: string, message: string, now: string) {
  const prev = lu.status?.failed;
  return {
    reason,
    message,
    lastTransitionTime: prev?.reason === reason ? (prev.lastTransitionTime ?? now) : now,
  };
}

export function createLiveUpdateReconciler(deps: LiveUpdateDeps): Reconciler {
  const { store, clock } = deps;
  const startedAt = clock.now().getTime();
  const monitors = new Map<string, Monitor>();
  const pool = deps.fastPath === false ? undefined : new TransportPool();

  async function update(
    lu: LiveUpdate,
    m: Monitor,
    signal: AbortSignal,
  ): Promise<LiveUpdateStatus> {
    const target = logTarget(lu);
    const log = (text: string) => deps.logs.write({ ...target, text });
    const buildStart = collectChanges(store, lu, m.sources);
    // A rebuild after a failure starts the containers over: forget failures it superseded.
    for (const c of m.containers.values()) {
      if (c.failed !== undefined && c.failed.lowWaterMark <= buildStart) delete c.failed;
    }
    const resource = lu.metadata.annotations?.[ANNOTATIONS.resource] ?? '';
    const manual = lu.metadata.annotations?.[ANNOTATIONS.updateMode] === 'manual';
    const triggered = resource !== '' && inTriggerQueue(store, resource);
    const waitingOnTrigger = manual && !triggered;
    const selected = selectedContainers(store, lu);
    // Containers that are gone are forgotten (and their receivers closed after this pass).
    const live = new Set(selected.map((s) => s.container.id));
    for (const id of [...m.containers.keys()]) if (!live.has(id)) m.containers.delete(id);
    const now = microTime(clock.now());
    for (const s of selected) {
      const c = m.containers.get(s.container.id);
      if (c?.failed !== undefined) {
        return { failed: failedState(lu, c.failed.reason, c.failed.message, now) };
      }
    }
    const status: LiveUpdateStatus = { containers: [] };
    let stopped: string | undefined;
    let anyFiles = false;
    let applied = false;
    let runError: string | undefined;
    const passStart = clock.now().toISOString();
    // Once changes are on their way the resource shows a build in progress (Tilt's currentBuild);
    // a pass that then fails ends that build with its error.
    let inProgress = false;
    const onTransfer = () => {
      if (inProgress || resource === '') return;
      inProgress = true;
      const m = readManifest(store.get('UIResource', resource));
      startBuild(
        store,
        resource,
        target.spanId,
        passStart,
        m === undefined ? 0 : triggerModeNumber(m),
      );
    };
    const failedPass = (reason: string, message: string): LiveUpdateStatus => {
      if (inProgress) {
        finishBuild(store, resource, {
          spanID: target.spanId,
          startTime: passStart,
          finishTime: clock.now().toISOString(),
          error: message,
        });
      }
      return { failed: failedState(lu, reason, message, now) };
    };
    for (const s of selected) {
      if (isTerminated(s) && stoppedByOwnRestart(s, m.containers.get(s.container.id))) continue;
      if (isTerminated(s)) {
        // Tilt names the pod; a Docker container has none, so it is named instead.
        stopped ??=
          s.runtime === 'docker' ? `Container name: ${displayName(s)}` : `Pod name: ${s.podName}`;
        // Its pending changes count too (Tilt): with no live container left they need a rebuild.
        const since = m.containers.get(s.container.id)?.lastFileTimeSynced || startedAt;
        anyFiles ||= changedAfter(m.sources, since).files.length > 0;
        continue;
      }
      const key = s.container.id;
      const cm: ContainerMonitor = m.containers.get(key) ?? { lastFileTimeSynced: 0 };
      m.containers.set(key, cm);
      const result = await applyToContainer(
        {
          exec: deps.exec,
          ...(deps.dockerExec === undefined ? {} : { dockerExec: deps.dockerExec }),
          files: deps.files,
          display: deps.display,
          log,
          onTransfer,
          now: () => clock.now().getTime(),
          signal,
          ...(pool === undefined ? {} : { pool }),
        },
        { lu, sel: s, monitor: cm, sources: m.sources, startedAt, waitingOnTrigger },
      );
      anyFiles ||= result.hadFiles;
      applied ||= result.applied;
      runError ??= result.runError;
      if (result.failed !== undefined) {
        cm.failed = { ...result.failed, lowWaterMark: result.lowWaterMark };
        return failedPass(result.failed.reason, result.failed.message);
      }
      const entry: LiveUpdateContainerStatus = {
        containerName: s.container.name,
        containerID: s.container.id,
        podName: s.podName,
        namespace: s.namespace,
        ...(cm.lastFileTimeSynced > 0
          ? { lastFileTimeSynced: microTime(new Date(cm.lastFileTimeSynced)) }
          : {}),
        ...(result.runError === undefined ? {} : { lastExecError: result.runError }),
        ...(result.waiting === undefined ? {} : { waiting: result.waiting }),
      };
      status.containers?.push(entry);
    }
    if (stopped !== undefined && anyFiles && (status.containers ?? []).length === 0) {
      return failedPass('Terminated', `Container for live update is stopped. ${stopped}`);
    }
    if (applied && triggered) removeFromTriggerQueue(store, resource);
    if (applied && resource !== '') {
      // A live update is one of the resource's builds, as Tilt shows it.
      finishBuild(store, resource, {
        spanID: target.spanId,
        startTime: passStart,
        finishTime: clock.now().toISOString(),
        ...(runError === undefined ? {} : { error: runError }),
      });
    }
    return status;
  }

  return {
    kind: 'LiveUpdate',
    watches: [
      {
        kind: 'FileWatch',
        map: (o) => namesUsing(store, (lu) => usesSource(lu, 'fileWatch', o.metadata.name)),
      },
      {
        kind: 'ImageMap',
        map: (o) => namesUsing(store, (lu) => usesImageMap(lu, o.metadata.name)),
      },
      {
        kind: 'KubernetesDiscovery',
        map: (o) =>
          namesUsing(store, (lu) => lu.spec.selector.kubernetes?.discoveryName === o.metadata.name),
      },
      {
        kind: 'KubernetesApply',
        map: (o) =>
          namesUsing(store, (lu) => lu.spec.selector.kubernetes?.applyName === o.metadata.name),
      },
      {
        kind: 'DockerComposeService',
        map: (o) =>
          namesUsing(store, (lu) => lu.spec.selector.dockerCompose?.service === o.metadata.name),
      },
      // Manual-mode live updates run when their resource is triggered.
      {
        kind: 'ConfigMap',
        map: (o) => (o.metadata.name === 'tilt-trigger-queue' ? namesUsing(store, () => true) : []),
      },
    ],
    async reconcile(name, ctx) {
      const lu = store.get('LiveUpdate', name) as LiveUpdate | undefined;
      if (lu === undefined || lu.metadata.deletionTimestamp !== undefined) {
        monitors.delete(name);
        return;
      }
      let m = monitors.get(name);
      if (m === undefined) {
        m = { sources: new Map(), containers: new Map() };
        monitors.set(name, m);
      }
      const status = await update(lu, m, ctx.signal);
      // Receivers of containers no live update selects any more are closed.
      pool?.retain(new Set([...monitors.values()].flatMap((x) => [...x.containers.keys()])));
      const cur = store.get('LiveUpdate', name) as LiveUpdate | undefined;
      if (cur === undefined || JSON.stringify(cur.status ?? {}) === JSON.stringify(status)) return;
      if (status.failed !== undefined && cur.status?.failed?.reason !== status.failed.reason) {
        deps.logs.write({
          ...logTarget(cur),
          text: `LiveUpdate ${JSON.stringify(name)} ${status.failed.reason}: ${status.failed.message}\n`,
        });
      }
      store.updateStatus({ ...cur, status });
    },
  };
}

// restart_container() stops the container for a moment, and Docker's events say so; that stop is
// ours and the container comes back (its start event brings the next pass), so it is not a
// stopped container whose changes need a rebuild.
function stoppedByOwnRestart(s: SelectedContainer, cm: ContainerMonitor | undefined): boolean {
  const restartedAt = cm?.restartedAt;
  if (restartedAt === undefined) return false;
  const finished = Date.parse(s.container.state.terminated?.finishedAt ?? '');
  return Number.isFinite(finished) && finished <= restartedAt + RESTART_STOP_SLACK_MS;
}

// Docker records the stop time itself; allow for its clock and event delivery.
const RESTART_STOP_SLACK_MS = 1000;

function namesUsing(store: ObjectStore, pred: (lu: LiveUpdate) => boolean): string[] {
  return (store.list('LiveUpdate') as LiveUpdate[]).filter(pred).map((lu) => lu.metadata.name);
}

function usesSource(lu: LiveUpdate, key: 'fileWatch' | 'imageMap', name: string): boolean {
  return (lu.spec.sources ?? []).some((s) => s[key] === name);
}

function usesImageMap(lu: LiveUpdate, name: string): boolean {
  return usesSource(lu, 'imageMap', name) || lu.spec.selector.kubernetes?.imageMapName === name;
}
