// One container's share of a LiveUpdate pass: the changes it has not seen, the plan for them,
// and the update itself, with Tilt's log lines and states.
import { resolve } from 'node:path';
import type { LiveUpdate, LiveUpdateContainerStateWaiting } from '@slant/api';
import type { DockerContainerExec } from '../../docker/exec.ts';
import type { ContainerExec } from '../../k8s/exec.ts';
import type { LocalFiles } from '../../watch/files.ts';
import { splitMissing, tarArchive } from './archive.ts';
import { livePlan, type PathMapping, runsFor, stopReason } from './plan.ts';
import { displayName, type SelectedContainer } from './select.ts';
import { changedAfter, type SourceChanges } from './sources.ts';
import {
  announced,
  bindExec,
  type ContainerTransport,
  execTransport,
  type TransportPool,
} from './transport.ts';
import { restartContainer, updateContainer } from './updater.ts';

// Tilt's ExecUpdater text: Kubernetes containers can't be restarted in place.
const EXEC_NO_RESTART =
  'ExecUpdater does not support `restart_container()` step. If you ran Tilt with `--updateMode=exec`, omit this flag. If you are using a non-Docker container runtime, see https://github.com/tilt-dev/tilt-extensions/tree/master/restart_process for a workaround';

export interface ContainerMonitor {
  /** Time (ms) of the newest change this container has; 0 before its first update. */
  lastFileTimeSynced: number;
  /** Set when it cannot be live-updated; cleared by a rebuild that covers lowWaterMark. */
  failed?: { reason: string; message: string; lowWaterMark: number };
  /** Time (ms) our last restart_container() of it finished. */
  restartedAt?: number;
}

export interface ApplyDeps {
  exec: ContainerExec;
  /** Called when changes are about to reach the container (the update is in progress). */
  onTransfer?: () => void;
  /** Reaches Docker Compose containers. */
  dockerExec?: DockerContainerExec;
  files: LocalFiles;
  display: (files: readonly string[]) => string;
  log: (text: string) => void;
  now: () => number;
  signal: AbortSignal;
  /** The fast path's receivers; plain exec without it. */
  pool?: TransportPool;
}

export interface ApplyRequest {
  lu: LiveUpdate;
  sel: SelectedContainer;
  monitor: ContainerMonitor;
  sources: ReadonlyMap<string, SourceChanges>;
  startedAt: number;
  waitingOnTrigger: boolean;
}

export interface ApplyResult {
  hadFiles: boolean;
  applied: boolean;
  lowWaterMark: number;
  failed?: { reason: string; message: string };
  runError?: string;
  waiting?: LiveUpdateContainerStateWaiting;
}

export async function applyToContainer(d: ApplyDeps, r: ApplyRequest): Promise<ApplyResult> {
  const { lu, sel, monitor } = r;
  const spec = lu.spec;
  const initial = spec.initialSync !== undefined && monitor.lastFileTimeSynced === 0;
  const since = monitor.lastFileTimeSynced || r.startedAt;
  const changes = changedAfter(r.sources, since);
  let files = changes.files;
  let newHigh = changes.newest;
  let low = changes.oldest;
  let mappings: PathMapping[] | undefined;
  if (initial) {
    // Everything under the syncs, copied as whole trees.
    mappings = (spec.syncs ?? []).map((s) => ({
      localPath: resolve(spec.basePath, s.localPath),
      containerPath: s.containerPath,
    }));
    files = mappings.map((m) => m.localPath).filter((p) => d.files.stat(p) !== undefined);
    newHigh = d.now();
    low = r.startedAt;
  }
  const base: ApplyResult = { hadFiles: files.length > 0, applied: false, lowWaterMark: low };
  const c = sel.container;
  let waiting: LiveUpdateContainerStateWaiting | undefined;
  if (c.state.running === undefined || c.id === '') {
    waiting = { reason: 'ContainerWaiting', message: 'Waiting for container to start' };
  } else if (r.waitingOnTrigger) {
    waiting = { reason: 'Trigger', message: 'Only updates on manual trigger' };
  }
  const plan = livePlan(spec, files);
  const stop = initial ? undefined : stopReason(plan, d.display);
  if (stop !== undefined) return { ...base, failed: { reason: 'UpdateStopped', message: stop } };
  if (plan.syncPaths.length === 0) return { ...base, ...(waiting ? { waiting } : {}) };
  if (c.state.waiting?.reason === 'CrashLoopBackOff') {
    const message = `Cannot live update because container crashing. Pod: ${sel.podName}`;
    return { ...base, failed: { reason: 'CrashLoopBackOff', message } };
  }
  if (waiting !== undefined) return { ...base, waiting };

  const display = displayName(sel);
  // Tilt: "Updating pod p: …", or "Updating container c: …" for Docker containers.
  const updating =
    sel.podName !== '' ? `Updating pod ${sel.podName}` : `Updating container ${display}`;
  const restart = spec.restart === 'always';
  const { toCopy, toRemove } = initial
    ? { toCopy: mappings ?? [], toRemove: [] }
    : splitMissing(d.files, plan.syncPaths);
  d.log(
    `\n${files.length} ${files.length === 1 ? 'File' : 'Files'} Changed: ${d.display(files)}\n`,
  );
  if (initial) {
    d.log(`Initial sync: will copy sync paths to container: [${display}]\n`);
    for (const m of toCopy) d.log(`- '${m.localPath}' --> '${m.containerPath}'\n`);
  }
  if (!initial && toRemove.length > 0) {
    d.log(`Will delete ${toRemove.length} file(s) from container: [${display}]\n`);
    for (const m of toRemove)
      d.log(`- '${m.containerPath}' (matched local path: '${m.localPath}')\n`);
  }
  if (!initial && toCopy.length > 0) {
    d.log(`Will copy ${toCopy.length} file(s) to container: [${display}]\n`);
    for (const m of toCopy) d.log(`- '${m.localPath}' --> '${m.containerPath}'\n`);
  }
  if (restart && sel.runtime === 'kubernetes') {
    return {
      ...base,
      failed: { reason: 'UpdateFailed', message: `${updating}: ${EXEC_NO_RESTART}` },
    };
  }
  const archiveStart = d.now();
  const archive = toCopy.length === 0 ? undefined : await tarArchive(d.files, toCopy);
  const archiveMs = d.now() - archiveStart;
  const docker = sel.runtime === 'docker';
  const dockerExec = d.dockerExec;
  if (docker && dockerExec === undefined) {
    const message = `${updating}: no Docker engine to run commands in the container`;
    return { ...base, failed: { reason: 'UpdateFailed', message } };
  }
  const bound =
    dockerExec !== undefined && docker
      ? bindExec(dockerExec, { containerId: c.id })
      : bindExec(d.exec, { namespace: sel.namespace, pod: sel.podName, container: c.name });
  const change = { toRemove, archive, runs: runsFor(spec, plan.syncPaths) };
  // Tilt's Docker exec prints each command it runs; the same lines whichever transport is used.
  const shown = (t: ContainerTransport) => (docker ? announced(t, d.log) : t);
  const plain = shown(execTransport(bound, d.signal));
  const receiver = d.pool === undefined ? undefined : await d.pool.receiver(bound, c.id);
  const fast = receiver === undefined ? undefined : shown(receiver);
  let used = fast ?? plain;
  d.onTransfer?.();
  let outcome = await updateContainer(used, c.id, change, d.log, d.now);
  if (!outcome.ok && 'unreachable' in outcome && fast !== undefined) {
    // The receiver is gone (or never ran here): plain exec from now on.
    d.pool?.givenUp(c.id);
    used = plain;
    outcome = await updateContainer(plain, c.id, change, d.log, d.now);
  }
  if (!outcome.ok && 'unreachable' in outcome) {
    const message = `${updating}: ${outcome.unreachable.message}`;
    return { ...base, failed: { reason: 'UpdateFailed', message } };
  }
  if (!outcome.ok && 'failure' in outcome) {
    const message = `${updating}: ${outcome.failure}`;
    return { ...base, failed: { reason: 'UpdateFailed', message } };
  }
  let restartMs = 0;
  if (outcome.ok && restart && dockerExec !== undefined) {
    const started = d.now();
    const err = await restartContainer(dockerExec, { containerId: c.id }, display, d.log);
    // Its receiver died with the old process; the next update starts a new one.
    d.pool?.restarted(c.id);
    if (err !== undefined) {
      return { ...base, failed: { reason: 'UpdateFailed', message: `${updating}: ${err}` } };
    }
    restartMs = d.now() - started;
    monitor.restartedAt = d.now();
  }
  monitor.lastFileTimeSynced = newHigh;
  if (!outcome.ok) {
    d.log(`  → Failed to update container ${display}: ${outcome.runError}\n`);
    return { ...base, applied: true, runError: outcome.runError };
  }
  d.log(`  → Container ${display} updated!\n`);
  const { remove, copy, run } = outcome.timings;
  const total = archiveMs + remove + copy + run + restartMs;
  const restarted = restart ? `, restart ${restartMs} ms` : '';
  d.log(
    `     Synced in ${total} ms via ${used.name}: archive ${archiveMs} ms, remove ${remove} ms, copy ${copy} ms, run steps ${run} ms${restarted}\n`,
  );
  return { ...base, applied: true };
}
