// live_update steps (Tilt's live_update.go): initial_sync, fall_back_on, sync, run and
// restart_container create step values; docker_build/custom_build turn a list of them into a
// LiveUpdateDecl, enforcing initial_sync? → fall_back_on* → sync* → run* → restart_container?.
// Steps never passed to a live_update are an error after execution.
import { posix } from 'node:path';
import {
  conv,
  formatPosition,
  repr,
  StarlarkError,
  type Thread,
  typeName,
  type Value,
  unpackArgs,
} from '@slant/starlark';
import { cmdContext, cmdString, valueToUnixCmd } from '../cmd.ts';
import type { TiltBuiltin } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import type { BuildState, LiveUpdateDecl } from '../state/build.ts';
import { fromStarString, goQuote, starError } from '../text.ts';
import { localPathListConv } from './build-values.ts';
import {
  FallBackOnStep,
  InitialSyncStep,
  LiveUpdateStep,
  RestartContainerStep,
  RunStep,
  SyncStep,
} from './live-update-steps.ts';
import { valueOrSequenceToSlice } from './k8s-args.ts';

function callPos(thread: Thread): string {
  const pos = thread.callerPosition(0);
  return pos === undefined ? '' : fromStarString(formatPosition(pos));
}

function record<T extends LiveUpdateStep>(run: TiltfileRun, step: T): T {
  run.state.build.unconsumedSteps.set(step.pos, {
    pos: step.pos,
    text: step.text(),
    type: step.type,
  });
  return step;
}

export const liveUpdateBuiltins: readonly TiltBuiltin[] = [
  {
    name: 'initial_sync',
    fn: (run, thread, args, kwargs) => {
      unpackArgs('initial_sync', args, kwargs);
      return record(run, new InitialSyncStep(callPos(thread)));
    },
  },
  {
    name: 'fall_back_on',
    fn: (run, thread, args, kwargs) => {
      const [files] = unpackArgs('fall_back_on', args, kwargs, [
        'paths',
        localPathListConv(run, thread),
      ]);
      return record(run, new FallBackOnStep(callPos(thread), files ?? []));
    },
  },
  {
    name: 'sync',
    fn: (run, thread, args, kwargs) => {
      const [local, remote] = unpackArgs(
        'sync',
        args,
        kwargs,
        ['local_path', conv.string],
        ['remote_path', conv.string],
      );
      const step = new SyncStep(
        callPos(thread),
        run.absPath(thread, local ?? ''),
        fromStarString(remote ?? ''),
      );
      return record(run, step);
    },
  },
  {
    name: 'run',
    fn: (run, thread, args, kwargs) => {
      const [cmdVal, triggerVal, echoOff] = unpackArgs(
        'run',
        args,
        kwargs,
        ['cmd', conv.value],
        ['trigger?', conv.value],
        ['echo_off?', conv.bool],
      );
      const command = valueToUnixCmd(cmdContext(run, thread), cmdVal);
      const triggers = valueOrSequenceToSlice(triggerVal).map((t) => {
        if (typeof t !== 'string') {
          throw starError(
            `run cmd '${cmdString(command)}' triggers contained value '${fromStarString(repr(t))}' of type '${typeName(t)}'. it may only contain strings`,
          );
        }
        return fromStarString(t);
      });
      return record(run, new RunStep(callPos(thread), command, triggers, echoOff ?? false));
    },
  },
  {
    name: 'restart_container',
    fn: (run, thread, args, kwargs) => {
      unpackArgs('restart_container', args, kwargs);
      return record(run, new RestartContainerStep(callPos(thread)));
    },
  },
];

/** Go's filepath.Rel for clean absolute paths ('.' for the same path). */
export function goRel(base: string, target: string): string {
  const r = posix.relative(base, target);
  return r === '' ? '.' : r;
}

/**
 * liveUpdateFromSteps: the declaration for docker_build/custom_build's live_update=, or
 * undefined when there are no steps. Consumes the steps; throws Tilt's ordering errors (the
 * caller prefixes them with `live_update: `).
 */
export function liveUpdateFromSteps(
  state: BuildState,
  basePath: string,
  stepsVal: Value | undefined,
): LiveUpdateDecl | undefined {
  const steps = valueOrSequenceToSlice(stepsVal);
  if (steps.length === 0) return undefined;
  const decl: LiveUpdateDecl = {
    basePath,
    stopPaths: [],
    syncs: [],
    execs: [],
    restart: false,
    initialSync: false,
  };
  let seenInitialSync = false;
  let noMoreFallbacks = false;
  let noMoreSyncs = false;
  let noMoreRuns = false;
  for (const v of steps) {
    if (!(v instanceof LiveUpdateStep)) {
      throw starError(
        `'steps' must be a list of live update steps - got value '${fromStarString(repr(v))}' of type '${typeName(v)}'`,
      );
    }
    if (v instanceof InitialSyncStep) {
      if (seenInitialSync) {
        throw starError('initial_sync must appear at most once, at the start of the list');
      }
      seenInitialSync = true;
      decl.initialSync = true;
    } else if (v instanceof FallBackOnStep) {
      seenInitialSync = true;
      if (noMoreFallbacks)
        throw starError('fall_back_on steps must appear at the start of the list');
      for (const f of v.files) decl.stopPaths.push(posix.isAbsolute(f) ? goRel(basePath, f) : f);
    } else if (v instanceof SyncStep) {
      if (noMoreRuns) throw starError('restart container is only valid as the last step');
      if (noMoreSyncs) throw starError('all sync steps must precede all run steps');
      seenInitialSync = true;
      noMoreFallbacks = true;
      const local = posix.isAbsolute(v.localPath) ? goRel(basePath, v.localPath) : v.localPath;
      decl.syncs.push({ localPath: local, containerPath: v.remotePath });
    } else if (v instanceof RunStep) {
      if (noMoreRuns) throw starError('restart container is only valid as the last step');
      seenInitialSync = true;
      noMoreFallbacks = true;
      noMoreSyncs = true;
      decl.execs.push({
        args: [...v.command.argv],
        triggerPaths: [...v.triggers],
        echoOff: v.echoOff,
      });
    } else {
      seenInitialSync = true;
      noMoreFallbacks = true;
      noMoreSyncs = true;
      noMoreRuns = true;
      decl.restart = true;
    }
    state.unconsumedSteps.delete(v.pos);
  }
  const errs = validateLiveUpdateDecl(decl);
  if (errs.length === 1) throw starError(errs[0]!);
  if (errs.length > 1) throw starError(`[${errs.join(', ')}]`);
  return decl;
}

/** docker_build's handling of live_update=: steps relative to the current dir; errors prefixed. */
export function liveUpdateFromValue(
  run: TiltfileRun,
  thread: Thread,
  v: Value | undefined,
): LiveUpdateDecl | undefined {
  try {
    return liveUpdateFromSteps(run.state.build, run.currentDir(thread), v);
  } catch (err) {
    if (err instanceof StarlarkError) throw new StarlarkError(`live_update: ${err.message}`);
    throw err;
  }
}

/** LiveUpdate.Validate's checks that apply before selectors exist. */
export function validateLiveUpdateDecl(decl: LiveUpdateDecl): string[] {
  const errs: string[] = [];
  if (decl.syncs.length === 0 && decl.execs.length === 0) {
    errs.push(
      'spec.syncs: Invalid value: null: must contain at least 1 sync or 1 exec to run on live update',
    );
  }
  decl.syncs.forEach((s, i) => {
    if (!s.containerPath.startsWith('/')) {
      errs.push(
        `spec.syncs[${i}]: Invalid value: ${goQuote(s.containerPath)}: sync destination is not absolute`,
      );
    }
  });
  return errs;
}

/** checkForUnconsumedLiveUpdateSteps, run after execution. */
export function unconsumedStepsError(state: BuildState): string | undefined {
  const pending = [...state.unconsumedSteps.values()];
  if (pending.length === 0) return undefined;
  const lines = pending.map((s) => `${s.pos}: value '${s.text}' of type '${s.type}'`);
  return `found ${pending.length} live_update steps that were created but not used in a live_update:\n${lines.join('\n\t')}`;
}
