// The Tiltfile reconciler (Tilt's internal/controllers/core/tiltfile): runs the Tiltfile when it
// first appears, when a file it read changes (its `configs:<name>` FileWatch), when its args
// change or when it is in the trigger queue; then writes the declared objects into the store. A
// failed run keeps every object of the last good run and shows the error on the `(Tiltfile)`
// resource, so the running app is untouched.
import type { FileWatch, Tiltfile, UIBuildTerminated, UIResource } from '@slant/api';
import { API_VERSION } from '@slant/api';
import type { Clock } from '../../clock.ts';
import {
  DOCKER_PRUNE_ANNOTATION,
  dockerPruneAnnotation,
} from '../../engine/dockerprune/settings.ts';
import type { Reconciler } from '../../engine/manager.ts';
import {
  inTriggerQueue,
  removeFromTriggerQueue,
  TRIGGER_QUEUE_NAME,
} from '../../engine/trigger-queue.ts';
import { formatError, UserError } from '../../errors.ts';
import type { SecretValue } from '../../logs/log-store.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { k8sSecrets } from '../../tiltfile/assemble/k8s-secrets.ts';
import { formatGoDurationPrecise } from '../../tiltfile/godur.ts';
import type { TiltfileResult } from '../../tiltfile/loader.ts';
import { syncDeclaredObjects } from './sync-objects.ts';

const MAIN_TILTFILE = '(Tiltfile)';
export const NO_RESOURCES_ERROR =
  'No resources found. Check out https://docs.tilt.dev/tutorial.html to get started!';

export interface TiltfileLoadRequest {
  readonly path: string;
  readonly args: readonly string[];
  /** print()/warn() output of the run. */
  readonly write: (text: string, level?: 'WARN') => void;
}

export interface TiltfileReconcilerDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly logs: LogWriter;
  /** Executes the Tiltfile (the real loader over this machine's files, or a fake). */
  readonly load: (req: TiltfileLoadRequest) => TiltfileResult;
  /** Told the Secret values of each successful run, for log scrubbing. */
  readonly onSecrets?: (secrets: readonly SecretValue[]) => void;
  /** Told each finished run (the CLI uses it for `ci` exit and the first-load message). */
  readonly onLoaded?: (name: string, result: TiltfileResult) => void;
}

/**
 * Engine settings a run declares (update_settings; docker_prune_settings in
 * engine/dockerprune/settings.ts), kept as annotations on the Tiltfile.
 */
export const MAX_PARALLEL_ANNOTATION = 'slant.dev/max-parallel-updates';

interface RunRecord {
  count: number;
  startedAt: Date;
  args: readonly string[];
  path: string;
}

function configsWatchName(tf: string): string {
  return `configs:${tf}`;
}

/** The latest event time of the Tiltfile's config FileWatch, in ms (0 when none). */
function lastConfigEvent(store: ObjectStore, tf: Tiltfile): number {
  const names = tf.spec.restartOn?.fileWatches ?? [configsWatchName(tf.metadata.name)];
  let latest = 0;
  for (const n of names) {
    const fw = store.get('FileWatch', n) as FileWatch | undefined;
    const t = fw?.status?.lastEventTime;
    if (t !== undefined) latest = Math.max(latest, Date.parse(t));
  }
  return latest;
}

function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function createTiltfileReconciler(deps: TiltfileReconcilerDeps): Reconciler {
  const runs = new Map<string, RunRecord>();

  function needsRun(tf: Tiltfile, prev: RunRecord | undefined): string[] {
    if (prev === undefined) return ['initial'];
    const reasons: string[] = [];
    if (lastConfigEvent(deps.store, tf) > prev.startedAt.getTime()) reasons.push('changed files');
    if (!sameArgs(tf.spec.args ?? [], prev.args)) reasons.push('args changed');
    if (tf.spec.path !== prev.path) reasons.push('path changed');
    if (inTriggerQueue(deps.store, tf.metadata.name)) reasons.push('triggered');
    return reasons;
  }

  function execute(tf: Tiltfile, prev: RunRecord | undefined, reasons: string[]): void {
    const name = tf.metadata.name;
    const { store, clock, logs } = deps;
    const record: RunRecord = {
      count: (prev?.count ?? 0) + 1,
      startedAt: clock.now(),
      args: [...(tf.spec.args ?? [])],
      path: tf.spec.path,
    };
    runs.set(name, record);
    removeFromTriggerQueue(store, name);
    const spanId = `tiltfile:${name}:${record.count}`;
    const startedAt = record.startedAt.toISOString();
    store.mutateStatus('Tiltfile', name, () => ({ running: { reasons, startedAt } }));
    markUIResourceRunning(store, name, spanId, startedAt);
    const write = (text: string, level?: 'WARN' | 'ERROR') =>
      logs.write({ resource: name, spanId, text, ...(level === undefined ? {} : { level }) });
    if (prev !== undefined)
      write(
        `\n${reasons.includes('changed files') ? `${name} changed` : 'Reloading'}: re-running\n`,
      );
    write(`Loading Tiltfile at: ${tf.spec.path}\n`);

    const result = deps.load({
      path: tf.spec.path,
      args: record.args,
      write: (t, level) => write(t, level),
    });
    const finishedAt = clock.now().toISOString();
    if (result.error === undefined) {
      write(`Successfully loaded Tiltfile (${formatGoDurationPrecise(result.durationMs)})\n`);
    }
    // As Tilt: a main Tiltfile that loads but declares no resource is an error (after the load's
    // success line), and the objects of the previous load stay.
    const empty =
      result.error === undefined && name === MAIN_TILTFILE && result.resources.length === 0;
    const loadError =
      result.error ?? (empty ? new UserError('no-resources', NO_RESOURCES_ERROR) : undefined);
    if (loadError !== undefined) {
      write(`${formatError(loadError)}\n`, 'ERROR');
      const error = loadError.message;
      store.mutateStatus('Tiltfile', name, () => ({
        terminated: { reasons, error, startedAt, finishedAt, warningCount: result.warnings.length },
      }));
      finishUIResource(store, name, {
        spanID: spanId,
        startTime: startedAt,
        finishTime: finishedAt,
        error,
      });
      deps.onLoaded?.(name, result);
      return;
    }
    const fresh = store.get('Tiltfile', name) as Tiltfile | undefined;
    if (fresh === undefined) return;
    syncDeclaredObjects(store, fresh, result, [], {
      changeEnabledResources: prev === undefined || !sameArgs(prev.args, record.args),
    });
    store.update({
      ...fresh,
      metadata: {
        ...fresh.metadata,
        annotations: {
          ...fresh.metadata.annotations,
          [MAX_PARALLEL_ANNOTATION]: String(result.state.settings.update.maxParallelUpdates),
          [DOCKER_PRUNE_ANNOTATION]: dockerPruneAnnotation(result.state.settings.dockerPrune),
        },
      },
    } as Tiltfile);
    if (result.state.settings.secret.scrubSecrets) deps.onSecrets?.(k8sSecrets(result.run));
    store.mutateStatus('Tiltfile', name, () => ({
      terminated: { reasons, startedAt, finishedAt, warningCount: result.warnings.length },
    }));
    finishUIResource(store, name, {
      spanID: spanId,
      startTime: startedAt,
      finishTime: finishedAt,
      ...(result.warnings.length > 0 ? { warnings: [...result.warnings] } : {}),
    });
    deps.onLoaded?.(name, result);
  }

  return {
    kind: 'Tiltfile',
    watches: [
      {
        kind: 'FileWatch',
        map: (fw) => {
          const target = fw.metadata.annotations?.['tilt.dev/target-id'] ?? '';
          return target.startsWith('configs:') ? [target.slice('configs:'.length)] : [];
        },
      },
      {
        kind: 'ConfigMap',
        map: (cm) =>
          cm.metadata.name === TRIGGER_QUEUE_NAME
            ? deps.store.list('Tiltfile').map((t) => t.metadata.name)
            : [],
      },
    ],
    async reconcile(name) {
      const tf = deps.store.get('Tiltfile', name) as Tiltfile | undefined;
      if (tf === undefined) {
        runs.delete(name);
        return;
      }
      const prev = runs.get(name);
      const reasons = needsRun(tf, prev);
      if (reasons.length === 0) return;
      // Let the reconcile return first: the loader is synchronous and can take a while.
      await Promise.resolve();
      execute(tf, prev, reasons);
    },
  };
}

/** The `(Tiltfile)` resource in the UI: one build per run. */
function ensureUIResource(store: ObjectStore, name: string): void {
  if (store.get('UIResource', name) !== undefined) return;
  const ui: UIResource = {
    apiVersion: API_VERSION,
    kind: 'UIResource',
    metadata: { name, annotations: { 'tilt.dev/resource': name } },
    spec: {},
    status: { runtimeStatus: 'not_applicable', updateStatus: 'pending', order: -1 },
  };
  store.create(ui);
}

function markUIResourceRunning(store: ObjectStore, name: string, spanId: string, at: string): void {
  ensureUIResource(store, name);
  store.mutateStatus('UIResource', name, (cur) => ({
    ...cur.status,
    currentBuild: { startTime: at, spanID: spanId },
    updateStatus: 'in_progress' as const,
  }));
}

function finishUIResource(store: ObjectStore, name: string, build: UIBuildTerminated): void {
  store.mutateStatus('UIResource', name, (cur) => {
    const { currentBuild: _done, ...rest } = cur.status ?? {};
    return {
      ...rest,
      buildHistory: [build, ...(rest.buildHistory ?? [])].slice(0, 2),
      updateStatus: build.error === undefined ? ('ok' as const) : ('error' as const),
      ...(build.error === undefined && build.finishTime !== undefined
        ? { lastDeployTime: build.finishTime }
        : {}),
    };
  });
}
