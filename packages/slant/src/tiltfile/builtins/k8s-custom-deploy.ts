// k8s_custom_deploy(name, apply_cmd, delete_cmd, deps, ...): a Kubernetes resource deployed by
// commands instead of YAML. With live_update, a stand-in image (never built) carries the live
// update (Tilt's k8s_custom_deploy.go).
import { conv, type Kwargs, None, type Thread, unpackArgs, type Value } from '@slant/starlark';
import { type ImageRef, parseNormalizedNamed } from '../../container/ref.ts';
import { newRefSelector } from '../../container/selector.ts';
import { cmdContext, cmdEmpty, toHostCmd, valueGroupToCmd } from '../cmd.ts';
import type { TiltDefinition } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { addImage, type LiveUpdateDecl, newImageBuild } from '../state/build.ts';
import type { K8sCustomDeploy } from '../state/k8s.ts';
import { fromStarString, starError } from '../text.ts';
import { localPathList, stringStringMap } from '../value.ts';
import { imageListConv } from './build-values.ts';
import { liveUpdateFromValue } from './live-update.ts';

function prefixed<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw starError(`${prefix}: ${(err as Error).message}`);
  }
}

/** The dirs and patterns live update syncs (and stops on): the deps watch ignores them. */
function ignoresForLiveUpdate(lu: LiveUpdateDecl | undefined): K8sCustomDeploy['ignores'] {
  if (lu === undefined) return [];
  const patterns = [...lu.syncs.map((s) => s.localPath), ...lu.stopPaths];
  return patterns.length === 0 ? [] : [{ basePath: lu.basePath, patterns }];
}

function parseRef(s: string): ImageRef {
  try {
    return parseNormalizedNamed(s);
  } catch (err) {
    throw starError(`can't parse ${JSON.stringify(s)}: ${(err as Error).message}`);
  }
}

function k8sCustomDeploy(
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const [
    name = '',
    applyVal,
    deleteVal,
    deps = [],
    imageSelector = '',
    liveUpdateVal,
    applyDir,
    applyEnv,
    applyBat,
    deleteDir,
    deleteEnv,
    deleteBat,
    containerSelector = '',
    imageDeps = [],
  ] = unpackArgs(
    'k8s_custom_deploy',
    args,
    kwargs,
    ['name', conv.string],
    ['apply_cmd', conv.value],
    ['delete_cmd', conv.value],
    ['deps', localPathList(run, thread)],
    ['image_selector?', conv.string],
    ['live_update?', conv.value],
    ['apply_dir?', conv.value],
    ['apply_env?', stringStringMap],
    ['apply_cmd_bat?', conv.value],
    ['delete_dir?', conv.value],
    ['delete_env?', stringStringMap],
    ['delete_cmd_bat?', conv.value],
    ['container_selector?', conv.string],
    ['image_deps?', imageListConv],
  );
  const resName = fromStarString(name);
  const ctx = cmdContext(run, thread);
  const applyCmd = prefixed('apply_cmd', () =>
    valueGroupToCmd(ctx, applyVal, applyBat, applyDir, applyEnv),
  );
  if (cmdEmpty(applyCmd)) throw starError('k8s_custom_deploy: apply_cmd cannot be empty');
  const deleteCmd = prefixed('delete_cmd', () =>
    valueGroupToCmd(ctx, deleteVal, deleteBat, deleteDir, deleteEnv),
  );
  if (cmdEmpty(deleteCmd)) throw starError('k8s_custom_deploy: delete_cmd cannot be empty');
  const liveUpdate = liveUpdateFromValue(run, thread, liveUpdateVal);

  const k8s = run.state.k8s;
  // Tilt makes the resource right away, so names declared so far conflict.
  const conflict = k8s.customDeploys.some((d) => d.name === resName)
    ? 'k8s_resource'
    : run.state.local.byName.has(resName)
      ? 'local_resource'
      : [...run.state.compose.projects.values()].some((p) => p.services.has(resName))
        ? 'dc_resource'
        : undefined;
  if (conflict !== undefined) {
    throw starError(
      `error making resource for ${resName}: ${conflict} named ${JSON.stringify(resName)} already exists`,
    );
  }
  const imageRefs: { ref: ImageRef; required: boolean }[] = imageDeps.map((ref) => ({
    ref,
    required: true,
  }));

  if (liveUpdate !== undefined) {
    let ref: ImageRef | undefined;
    let selectors = 0;
    if (imageSelector !== '') {
      selectors++;
      // The live update's image selector is inferred from this ref.
      ref = parseRef(fromStarString(imageSelector));
    }
    if (containerSelector !== '') {
      selectors++;
      // Never built: a unique stand-in name so the image target is valid.
      ref = parseRef(`k8s_custom_deploy:${resName}`);
    }
    if (selectors === 0) throw starError('k8s_custom_deploy: no Live Update selector specified');
    if (selectors > 1) {
      throw starError('k8s_custom_deploy: cannot specify more than one Live Update selector');
    }
    if (ref === undefined) throw starError('k8s_custom_deploy: no Live Update selector specified');
    const img = newImageBuild('custom', newRefSelector(ref));
    // `:` is Tilt's marker of a live-update-only image: deploy + live update, never a build.
    img.customCommand = toHostCmd(':', run.host.osName);
    img.customDeps = [...deps];
    // The container name can't be inferred from an image: the selector carries it.
    img.liveUpdate =
      containerSelector === ''
        ? liveUpdate
        : { ...liveUpdate, containerName: fromStarString(containerSelector) };
    img.disablePush = true;
    img.skipsLocalDocker = true;
    img.tiltfilePath = run.currentPath(thread);
    imageRefs.push({ ref, required: false });
    addImage(run.state.build, img);
  }

  k8s.customDeploys.push({
    name: resName,
    applyCmd,
    deleteCmd,
    deps,
    ignores: ignoresForLiveUpdate(liveUpdate),
    imageDeps: imageRefs,
  });
  return None;
}

export const k8sCustomDeployBuiltins: readonly TiltDefinition[] = [
  { name: 'k8s_custom_deploy', fn: k8sCustomDeploy },
];
