// Registration of the Cmd controller: the reconciler runs Cmd objects through a CmdRunner and is
// woken by the objects its Cmds read: disable ConfigMaps, restartOn FileWatches and buttons,
// startOn buttons. The build controller runs local_resource / custom_build Cmds through
// runCmdToCompletion; app shutdown calls CmdRunner.stopAll().
import type { ApiObject, Cmd } from '@slant/api';
import type { Reconciler } from '../../engine/manager.ts';
import type { ObjectStore } from '../../store/store.ts';
import { disableConfigMapNames } from '../common/disable.ts';
import type { CmdRunner, ForceRunResult } from './runner.ts';

export { CmdRunner, type CmdRunnerDeps, type ForceRunResult } from './runner.ts';

export interface CmdReconcilerDeps {
  runner: CmdRunner;
  store: ObjectStore;
}

function cmdsWhere(store: ObjectStore, pred: (cmd: Cmd) => boolean): string[] {
  return store
    .list('Cmd')
    .filter(pred)
    .map((c) => c.metadata.name);
}

function usesButton(cmd: Cmd, name: string): boolean {
  return (
    (cmd.spec.restartOn?.uiButtons ?? []).includes(name) ||
    (cmd.spec.startOn?.uiButtons ?? []).includes(name)
  );
}

export function createCmdReconciler(deps: CmdReconcilerDeps): Reconciler {
  const { runner, store } = deps;
  const named = (obj: ApiObject) => obj.metadata.name;
  return {
    kind: 'Cmd',
    reconcile: (name) => runner.reconcile(name),
    watches: [
      {
        kind: 'ConfigMap',
        map: (cm) =>
          cmdsWhere(store, (c) => disableConfigMapNames(c.spec.disableSource).includes(named(cm))),
      },
      {
        kind: 'FileWatch',
        map: (fw) =>
          cmdsWhere(store, (c) => (c.spec.restartOn?.fileWatches ?? []).includes(named(fw))),
      },
      { kind: 'UIButton', map: (b) => cmdsWhere(store, (c) => usesButton(c, named(b))) },
    ],
    // Stopping a process waits up to the grace period; other Cmds should not wait behind it.
    maxConcurrent: 8,
  };
}

/**
 * Runs the named Cmd's spec once (with `extraEnv` on top of its env), streams its output to its
 * log span, writes its status as a reconciled Cmd would, and resolves when it has exited (or
 * was stopped because `signal` aborted).
 */
export function runCmdToCompletion(
  runner: CmdRunner,
  name: string,
  opts: { signal: AbortSignal; extraEnv?: readonly string[]; spanId?: string },
): Promise<ForceRunResult> {
  return runner.forceRun(name, opts);
}
