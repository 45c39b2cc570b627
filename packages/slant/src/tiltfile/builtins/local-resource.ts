// local_resource() and its deprecated alias test() (Tilt's local_resource.go): a resource that
// runs `cmd` on the host on every update and/or keeps `serve_cmd` running.
import { conv, type Kwargs, None, type Thread, unpackArgs, type Value } from '@slant/starlark';
import { cmdContext, cmdEmpty, valueGroupToCmd } from '../cmd.ts';
import type { TiltBuiltin } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import type { LocalResource } from '../state/local.ts';
import { fromStarString, goQuote, starError, toStarString } from '../text.ts';
import {
  goSequenceConv,
  localPathListConv,
  parseValuesToStrings,
  sequenceToStrings,
  stringStringMapConv,
} from './build-values.ts';
import { labelsConv, nameConv } from './k8s-args.ts';
import { linksConv } from './link.ts';
import { probeConv } from './probe.ts';
import { triggerModeConv } from './trigger-mode.ts';

export const TEST_DEPRECATION_MSG =
  'test() is deprecated and will be removed in a future release.\n' +
  'Change this call to use `local_resource(..., allow_parallel=True)`';

/** checkResourceConflict: resource names are unique across local, Compose and k8s resources. */
export function checkResourceConflict(run: TiltfileRun, name: string): void {
  const k8s = run.state.k8s;
  const k8sNames = [
    ...k8s.customDeploys.map((d) => d.name),
    ...k8s.resourceOptions.filter((o) => o.manuallyGrouped).map((o) => o.newName),
  ];
  if (k8sNames.includes(name))
    throw starError(`k8s_resource named ${goQuote(name)} already exists`);
  if (run.state.local.byName.has(name)) {
    throw starError(`local_resource named ${goQuote(name)} already exists`);
  }
  for (const project of run.state.compose.projects.values()) {
    if (project.services.has(name))
      throw starError(`dc_resource named ${goQuote(name)} already exists`);
  }
}

function localResource(
  fnName: string,
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const isTest = fnName === 'test';
  // test() runs in parallel by default and warns that it is going away.
  if (isTest) run.warn(toStarString(TEST_DEPRECATION_MSG));
  const r = unpackArgs(
    fnName,
    args,
    kwargs,
    ['name', nameConv],
    ['cmd?', conv.value],
    ['deps?', localPathListConv(run, thread)],
    ['trigger_mode?', triggerModeConv],
    ['resource_deps?', goSequenceConv],
    ['ignore?', conv.value],
    ['auto_init?', conv.bool],
    ['serve_cmd?', conv.value],
    ['cmd_bat?', conv.value],
    ['serve_cmd_bat?', conv.value],
    ['allow_parallel?', conv.bool],
    ['links?', linksConv],
    ['labels?', labelsConv],
    ['env?', stringStringMapConv],
    ['serve_env?', stringStringMapConv],
    ['readiness_probe?', probeConv],
    ['dir?', conv.value],
    ['serve_dir?', conv.value],
  );
  const [nameVal, cmdVal, deps, triggerMode, resourceDepsVal, ignoreVal, autoInit, serveCmdVal] = r;
  const [, , , , , , , , cmdBat, serveCmdBat, allowParallel, links, labels, env, serveEnv] = r;
  const probe = r[15];
  const dirVal = r[16];
  const serveDirVal = r[17];
  const name = fromStarString(nameVal ?? '');

  let resourceDeps: string[];
  try {
    resourceDeps = sequenceToStrings(resourceDepsVal);
  } catch (err) {
    throw starError(`${fnName}: resource_deps: ${fromStarString((err as Error).message)}`);
  }
  const ignores = parseValuesToStrings(ignoreVal, 'ignore');
  const ctx = cmdContext(run, thread);
  const updateCmd = valueGroupToCmd(ctx, cmdVal, cmdBat, dirVal, env);
  const serveCmd = valueGroupToCmd(ctx, serveCmdVal, serveCmdBat, serveDirVal, serveEnv);

  // Catch the common mistake of giving dir= for a serve_cmd.
  if (dirVal !== undefined && cmdEmpty(updateCmd)) {
    if (!cmdEmpty(serveCmd)) {
      throw starError(
        "local_resource: 'dir' only affects 'cmd', not 'serve_cmd'. Did you mean to use 'serve_dir' instead?",
      );
    }
    throw starError("local_resource: 'dir' specified but 'cmd' is empty");
  }
  if (serveDirVal !== undefined && cmdEmpty(serveCmd)) {
    throw starError("local_resource: 'serve_dir' specified but 'serve_cmd' is empty");
  }
  if (cmdEmpty(updateCmd) && cmdEmpty(serveCmd)) {
    throw starError('local_resource must have a cmd and/or a serve_cmd, but both were empty');
  }
  let readinessProbe = probe?.spec;
  if (readinessProbe !== undefined && cmdEmpty(serveCmd)) {
    run.warn(
      toStarString(
        `Ignoring readiness probe for local resource ${goQuote(name)} (no serve_cmd was defined)`,
      ),
    );
    readinessProbe = undefined;
  }

  const res: LocalResource = {
    name,
    updateCmd,
    serveCmd,
    threadDir: run.currentDir(thread),
    deps: deps ?? [],
    triggerMode,
    autoInit: autoInit ?? true,
    resourceDeps,
    ignores,
    allowParallel: allowParallel ?? isTest,
    links: links ?? [],
    labels: labels ?? {},
    readinessProbe,
    isTest,
  };
  checkResourceConflict(run, name);
  run.state.local.resources.push(res);
  run.state.local.byName.set(name, res);
  return None;
}

export const localResourceBuiltins: readonly TiltBuiltin[] = [
  { name: 'local_resource', fn: (run, t, a, k) => localResource('local_resource', run, t, a, k) },
  { name: 'test', fn: (run, t, a, k) => localResource('test', run, t, a, k) },
];
