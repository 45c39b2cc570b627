// Applying one KubernetesApply: inject, apply (YAML through the client, or k8s_custom_deploy's
// commands), garbage-collect what it no longer declares (Tilt's forceApplyHelper +
// garbageCollect); the status it yields is shaped in apply-status.ts. The
// build controller calls apply() for objects it manages; the reconciler uses the rest. What was
// applied is remembered here, so it can still be deleted after the object itself is gone.
import type {
  ImageMap,
  KubernetesApply,
  KubernetesApplyCmd,
  KubernetesApplyStatus,
} from '@slant/api';
import type { Clock } from '../../clock.ts';
import type { KubeClient } from '../../k8s/client.ts';
import {
  entityAnnotations,
  type K8sEntity,
  objectAddress,
  objectAddressKey,
} from '../../k8s/entity.ts';
import { uniqueNames } from '../../k8s/names.ts';
import type { LogWriter } from '../../logs/types.ts';
import type { ObjectStore } from '../../store/store.ts';
import { formatGoDuration, parseGoDuration } from '../../tiltfile/godur.ts';
import { type LogTarget, logTarget } from '../common/log-target.ts';
import { microTime } from '../common/time.ts';
import { type CmdDeployDeps, lineWriter, runApplyCmd, runDeleteCmd } from './apply-cmd.ts';
import { appliedStatus, cleanApplied, failedStatus, withApplyResult } from './apply-status.ts';
import { applyEntities, type DeployDeps, deleteEntities } from './deploy.ts';
import { computeInputHash } from './hash.ts';
import { entitiesToDeploy, type Injection } from './inject.ts';

export interface KubernetesApplierDeps {
  store: ObjectStore;
  kube: KubeClient;
  clock: Clock;
  logs: LogWriter;
  /** Runs k8s_custom_deploy's apply and delete commands; without it they fail. */
  commands?: Omit<CmdDeployDeps, 'clock'>;
  /** Tilt's debug level (`-d`): the images injected into the YAML are listed. */
  debug?: boolean;
}

export type ApplyOutcome = { ok: true } | { ok: false; error: string };

const DEFAULT_TIMEOUT_MS = 30_000;
// The deploy's own lines are indented under the build step that runs it.
const INDENT = '     ';

interface AppliedRecord {
  /** Hash of the inputs of the last attempt, successful or not. */
  attemptedHash: string;
  /** MicroTime of the last attempt's end. */
  attemptedAt: string;
  /** Objects applied and not yet deleted. */
  applied: K8sEntity[];
  target: LogTarget;
  /** k8s_custom_deploy: what undoes the apply command (the objects are not deleted one by one). */
  deleteCmd?: { cmd: KubernetesApplyCmd; cluster: string };
}

function key(e: K8sEntity): string {
  return objectAddressKey(objectAddress(e));
}

export class KubernetesApplier {
  private readonly deps: KubernetesApplierDeps;
  private readonly records = new Map<string, AppliedRecord>();

  constructor(deps: KubernetesApplierDeps) {
    this.deps = deps;
  }

  /** Applies now and writes status (for the build controller); the error is status.error. */
  async apply(name: string, signal: AbortSignal): Promise<ApplyOutcome> {
    const ka = this.deps.store.get('KubernetesApply', name);
    if (ka === undefined)
      return { ok: false, error: `kubernetesapplies.tilt.dev "${name}" not found` };
    const imageMaps: ImageMap[] = [];
    for (const n of ka.spec.imageMaps ?? []) {
      const im = this.deps.store.get('ImageMap', n);
      if (im === undefined) return { ok: false, error: `imagemaps.tilt.dev "${n}" not found` };
      imageMaps.push(im);
    }
    const status = await this.deploy(ka, imageMaps, signal);
    if (this.deps.store.get('KubernetesApply', name) !== undefined) {
      this.deps.store.mutateStatus('KubernetesApply', name, (cur) =>
        withApplyResult(cur.status, status),
      );
    }
    return status.error === undefined ? { ok: true } : { ok: false, error: status.error };
  }

  /** Whether inputs changed (or a restart was asked for) since the last attempt. */
  needsDeploy(ka: KubernetesApply, imageMaps: readonly ImageMap[], lastRestart: string): boolean {
    const rec = this.records.get(ka.metadata.name);
    if (rec === undefined || rec.attemptedAt === '') return true;
    if (rec.attemptedHash !== computeInputHash(ka.spec, imageMaps)) return true;
    return lastRestart !== '' && lastRestart > rec.attemptedAt;
  }

  /** The objects applied for `name` and not deleted yet. */
  applied(name: string): readonly K8sEntity[] {
    return this.records.get(name)?.applied ?? [];
  }

  /**
   * Applies and returns the status fields of the attempt (resultYAML, error, times, hash,
   * conditions); the caller writes them. Objects dropped since the last success are deleted.
   */
  async deploy(
    ka: KubernetesApply,
    imageMaps: readonly ImageMap[],
    signal: AbortSignal,
  ): Promise<KubernetesApplyStatus> {
    const name = ka.metadata.name;
    const target = logTarget(ka);
    const log = (line: string) => this.log(target, `${INDENT}${line}`);
    const start = microTime(this.deps.clock.now());
    const hash = computeInputHash(ka.spec, imageMaps);
    const rec = this.records.get(name) ?? {
      attemptedHash: '',
      attemptedAt: '',
      applied: [],
      target,
    };
    this.records.set(name, rec);
    rec.target = target;
    let deployed: K8sEntity[] | undefined;
    let error: string | undefined;
    let toApply: K8sEntity[] = [];
    const timeoutMs =
      (ka.spec.timeout ? parseGoDuration(ka.spec.timeout) : 0) || DEFAULT_TIMEOUT_MS;
    try {
      if (ka.spec.applyCmd !== undefined) {
        const cmd = ka.spec.applyCmd;
        deployed = (await this.runApplyCmd(ka, cmd, imageMaps, timeoutMs, log, signal)).map(
          cleanApplied,
        );
      } else {
        const injections: Injection[] = [];
        toApply = entitiesToDeploy(ka.spec, imageMaps, (i) => injections.push(i));
        if (this.deps.debug === true) reportInjections(log, injections);
        log('Applying YAML to cluster');
        const deps: DeployDeps = { kube: this.deps.kube, clock: this.deps.clock, log };
        deployed = (
          await applyEntities(deps, toApply, timeoutMs, formatGoDuration(timeoutMs), signal)
        ).map(cleanApplied);
      }
      this.report(log, 'Objects applied to cluster:', deployed);
    } catch (err) {
      error = (err as Error).message;
      if (toApply.length > 0) this.report(log, 'Tried to apply objects to cluster:', toApply);
    }
    const end = microTime(this.deps.clock.now());
    rec.attemptedHash = hash;
    rec.attemptedAt = end;
    if (deployed === undefined) return failedStatus(error ?? '', { start, end });
    const previous = rec.applied;
    rec.applied = deployed;
    if (ka.spec.deleteCmd === undefined) {
      delete rec.deleteCmd;
      await this.collect(name, previous, 'garbage collecting removed Kubernetes objects');
    } else {
      // What the apply command deployed is its own business; the delete command undoes it.
      rec.deleteCmd = { cmd: ka.spec.deleteCmd, cluster: ka.spec.cluster ?? 'default' };
    }
    return appliedStatus(deployed, { start, end }, hash);
  }

  /**
   * Deletes everything applied for `name` (on delete or disable) and forgets it; `reason` is
   * Tilt's wording for the log (`deleting disabled Kubernetes objects`, ...).
   */
  async deleteApplied(name: string, reason: string, forget: boolean): Promise<void> {
    const rec = this.records.get(name);
    if (rec === undefined) return;
    const previous = rec.applied;
    rec.applied = [];
    rec.attemptedAt = '';
    if (forget) this.records.delete(name);
    if (rec.deleteCmd !== undefined) {
      await this.runDeleteCmd(rec.deleteCmd, reason, rec.target);
      delete rec.deleteCmd;
      return;
    }
    await this.collect(name, previous, reason, rec.target);
  }

  private kubeconfigOf(cluster: string): string {
    return (
      this.deps.store.get('Cluster', cluster)?.status?.connection?.kubernetes?.configPath ?? ''
    );
  }

  private async runApplyCmd(
    ka: KubernetesApply,
    cmd: KubernetesApplyCmd,
    imageMaps: readonly ImageMap[],
    timeoutMs: number,
    log: (line: string) => void,
    signal: AbortSignal,
  ): Promise<K8sEntity[]> {
    const commands = this.deps.commands;
    if (commands === undefined) throw new Error('apply command failed: no process runner');
    const cluster = ka.spec.cluster ?? 'default';
    return runApplyCmd(
      { ...commands, clock: this.deps.clock },
      {
        cmd,
        imageMaps,
        kubeconfig: this.kubeconfigOf(cluster),
        clusterName: cluster,
        timeoutMs,
        timeoutText: formatGoDuration(timeoutMs),
        log: lineWriter(log),
        signal,
      },
    );
  }

  private async runDeleteCmd(
    del: NonNullable<AppliedRecord['deleteCmd']>,
    reason: string,
    target: LogTarget,
  ): Promise<void> {
    const commands = this.deps.commands;
    if (commands === undefined) return;
    this.log(target, `Beginning ${reason}`);
    const error = await runDeleteCmd(
      { ...commands, clock: this.deps.clock },
      {
        cmd: del.cmd,
        kubeconfig: this.kubeconfigOf(del.cluster),
        clusterName: del.cluster,
        log: lineWriter((line) => this.log(target, line)),
        signal: new AbortController().signal,
      },
    );
    if (error !== undefined) this.log(target, `Error ${reason}: ${error}`, 'ERROR');
  }

  /** Adopts objects a status says were applied, when nothing is known yet (e.g. applied elsewhere). */
  adopt(ka: KubernetesApply, entities: readonly K8sEntity[]): void {
    if (this.records.has(ka.metadata.name) || entities.length === 0) return;
    this.records.set(ka.metadata.name, {
      attemptedHash: ka.status?.appliedInputHash ?? '',
      attemptedAt: ka.status?.lastApplyTime ?? '',
      applied: [...entities],
      target: logTarget(ka),
      ...(ka.spec.deleteCmd === undefined
        ? {}
        : { deleteCmd: { cmd: ka.spec.deleteCmd, cluster: ka.spec.cluster ?? 'default' } }),
    });
  }

  // Deletes what `previous` has and `name` no longer applies, unless another KubernetesApply
  // applies it now (it moved) or it is marked `tilt.dev/down-policy: keep`.
  private async collect(
    name: string,
    previous: readonly K8sEntity[],
    reason: string,
    target?: LogTarget,
  ) {
    const stillApplied = new Set<string>();
    for (const r of this.records.values()) for (const e of r.applied) stillApplied.add(key(e));
    const dangling = previous.filter(
      (e) => !stillApplied.has(key(e)) && entityAnnotations(e)['tilt.dev/down-policy'] !== 'keep',
    );
    if (dangling.length === 0) return;
    const t = target ?? this.records.get(name)?.target ?? { resource: '', spanId: '' };
    const log = (line: string) => this.log(t, line);
    log(`Beginning ${reason}`);
    try {
      await deleteEntities({ kube: this.deps.kube, clock: this.deps.clock, log }, dangling);
    } catch (err) {
      this.log(t, `Error ${reason}: ${(err as Error).message}`, 'ERROR');
    }
  }

  private report(log: (line: string) => void, msg: string, entities: readonly K8sEntity[]): void {
    log(msg);
    for (const n of uniqueNames(entities, 2)) log(`  → ${n}`);
  }

  private log(t: LogTarget, line: string, level?: 'ERROR'): void {
    this.deps.logs.write({
      resource: t.resource,
      spanId: t.spanId,
      text: `${line}\n`,
      ...(level ? { level } : {}),
    });
  }
}

/** Tilt's debug lines of an apply: which image went into which object. */
function reportInjections(log: (line: string) => void, injections: readonly Injection[]): void {
  if (injections.length === 0) {
    log('No images injected into Kubernetes YAML');
    return;
  }
  log('Injecting images into Kubernetes YAML:');
  const names = uniqueNames(
    injections.map((i) => i.entity),
    2,
  );
  injections.forEach((i, n) => {
    log(`  → ${names[n]}: ${i.imageMap.spec.selector} ⇒ ${i.imageMap.status?.image ?? ''}`);
  });
}
