// custom_build (Tilt's docker.go customBuild): an image made by the user's command, which must
// produce $EXPECTED_REF (or write its ref to outputs_image_ref_to).
import {
  conv,
  type Kwargs,
  StarlarkError,
  StarObject,
  type Thread,
  type Value,
  unpackArgs,
} from '@slant/starlark';
import { newRefSelector, selectorString } from '../../container/selector.ts';
import { cmdContext, cmdEmpty, valueGroupToCmd, valueToUnixCmd } from '../cmd.ts';
import type { TiltfileRun } from '../run.ts';
import { addImage, type ImageBuild, newImageBuild } from '../state/build.ts';
import { fromStarString, goQuote, starError, toStarString } from '../text.ts';
import {
  goSequenceConv,
  imageListConv,
  localPathConv,
  localPathListConv,
  parseValuesToStrings,
  stringStringMapConv,
} from './build-values.ts';
import { overrideArgs, parseRef } from './docker-build.ts';
import { liveUpdateFromValue } from './live-update.ts';

/** What custom_build returns (Tilt's customBuild value). */
export class CustomBuildValue extends StarObject {
  readonly img: ImageBuild;
  constructor(img: ImageBuild) {
    super();
    this.img = img;
  }
  get type(): string {
    return 'custom_build';
  }
  override repr(out: string[]): void {
    out.push(toStarString(`custom_build(${goQuote(selectorString(this.img.configurationRef))})`));
  }
}

export function customBuild(
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const r = unpackArgs(
    'custom_build',
    args,
    kwargs,
    ['ref', conv.string],
    ['command', conv.value],
    ['deps', localPathListConv(run, thread)],
    ['tag?', conv.string],
    ['disable_push?', conv.bool],
    ['skips_local_docker?', conv.bool],
    ['live_update?', conv.value],
    ['match_in_env_vars?', conv.bool],
    ['ignore?', conv.value],
    ['entrypoint?', conv.value],
    ['container_args?', goSequenceConv],
    ['command_bat_val', conv.value],
    ['outputs_image_ref_to', localPathConv(run, thread)],
    // Tilt keeps both spellings for compatibility (tilt#4061).
    ['command_bat', conv.value],
    ['image_deps', imageListConv],
    ['env?', stringStringMapConv],
    ['dir?', conv.value],
  );
  const [refStr, commandVal, deps, tag, disablePush, skipsLocalDocker, luVal] = r;
  const [, , , , , , , matchInEnvVars, ignoreVal, entrypointVal, containerArgs, batVal] = r;
  const [, , , , , , , , , , , , outputsImageRefTo, commandBat, imageDeps, env, dir] = r;

  const ref = parseRef(refStr ?? '');
  const lu = liveUpdateFromValue(run, thread, luVal);
  const ignores = parseValuesToStrings(ignoreVal, 'ignore');
  const ctx = cmdContext(run, thread);
  const entrypoint = valueToUnixCmd(ctx, entrypointVal);
  const containerArgsList = overrideArgs(containerArgs);
  let command: ReturnType<typeof valueGroupToCmd>;
  try {
    command = valueGroupToCmd(ctx, commandVal, commandBat ?? batVal, dir, env);
  } catch (err) {
    throw new StarlarkError(`Argument 2 (command): ${(err as Error).message}`);
  }
  if (cmdEmpty(command)) throw starError("Argument 2 (command) can't be empty");
  const tagText = fromStarString(tag ?? '');
  if (tagText !== '' && (outputsImageRefTo ?? '') !== '') {
    throw starError('Cannot specify both tag= and outputs_image_ref_to=');
  }

  const img = newImageBuild('custom', newRefSelector(ref));
  Object.assign(img, {
    customCommand: command,
    customDeps: deps ?? [],
    customTag: tagText,
    customImgDeps: imageDeps ?? [],
    disablePush: disablePush ?? false,
    skipsLocalDocker: skipsLocalDocker ?? false,
    liveUpdate: lu,
    matchInEnvVars: matchInEnvVars ?? false,
    ignores,
    entrypoint,
    overrideArgs: containerArgsList,
    outputsImageRefTo: outputsImageRefTo ?? '',
    tiltfilePath: run.currentPath(thread),
  } satisfies Partial<ImageBuild>);
  addImage(run.state.build, img);
  return new CustomBuildValue(img);
}
