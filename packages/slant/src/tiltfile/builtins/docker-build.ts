// docker_build, custom_build and default_registry (Tilt's docker.go): they declare image builds
// in the build index; assembly later matches them to deploys and makes the API objects.
import { posix } from 'node:path';
import {
  conv,
  type Kwargs,
  None,
  StarlarkError,
  type Thread,
  type Value,
  unpackArgs,
} from '@slant/starlark';
import { parseNormalizedNamed as parseNamed } from '../../container/ref.ts';
import { validateRegistryHosting } from '../../container/registry.ts';
import { newRefSelector } from '../../container/selector.ts';
import { cmdContext, valueToUnixCmd } from '../cmd.ts';
import type { TiltBuiltin } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import { addImage, type ImageBuild, newImageBuild } from '../state/build.ts';
import { fromStarString, goQuote, starError, toStarString } from '../text.ts';
import { asString } from '../value.ts';
import {
  goSequenceConv,
  localPathConv,
  parseValuesToStrings,
  sequenceToStrings,
  stringableConv,
  stringOrStringListConv,
  stringStringMapConv,
} from './build-values.ts';
import { customBuild } from './custom-build.ts';
import { liveUpdateFromValue } from './live-update.ts';

export const CACHE_OBSOLETE_WARNING =
  'docker_build(cache=...) is obsolete, and currently a no-op.\n' +
  'You should switch to live_update to optimize your builds.';

export function parseRef(s: string): ReturnType<typeof parseNamed> {
  const text = fromStarString(s);
  try {
    return parseNamed(text);
  } catch (err) {
    throw starError(`Argument 1 (ref): can't parse ${goQuote(text)}: ${(err as Error).message}`);
  }
}

/** container_args=: a sequence of strings. */
export function overrideArgs(
  v: ReturnType<typeof goSequenceConv> | undefined,
): string[] | undefined {
  if (v === undefined) return undefined;
  try {
    return sequenceToStrings(v);
  } catch (err) {
    throw new StarlarkError(`Argument 'container_args': ${(err as Error).message}`);
  }
}

/** Tilt's parseOnly: real paths only; globs are refused (tilt#1982). */
export function parseOnly(v: Value | undefined): string[] {
  const paths = parseValuesToStrings(v, 'only');
  for (const p of paths) {
    if (p.includes('*')) {
      throw starError(`'only' does not support '*' file globs. Must be a real path: ${p}`);
    }
  }
  return paths;
}

function readDockerfile(run: TiltfileRun, path: string): string {
  try {
    return run.readRecorded(path).toString('utf8');
  } catch (err) {
    throw starError(`error reading dockerfile: ${(err as Error).message}`);
  }
}

function dockerBuild(
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const r = unpackArgs(
    'docker_build',
    args,
    kwargs,
    ['ref', conv.string],
    ['context', localPathConv(run, thread)],
    ['build_args?', stringStringMapConv],
    ['dockerfile??', localPathConv(run, thread)],
    ['dockerfile_contents?', conv.value],
    ['cache?', conv.value],
    ['live_update?', conv.value],
    ['match_in_env_vars?', conv.bool],
    ['ignore?', conv.value],
    ['only?', conv.value],
    ['entrypoint?', conv.value],
    ['container_args?', goSequenceConv],
    ['target?', conv.string],
    ['ssh?', stringOrStringListConv],
    ['secret?', stringOrStringListConv],
    ['network?', stringableConv],
    ['extra_tag?', stringOrStringListConv],
    ['cache_from?', stringOrStringListConv],
    ['pull?', conv.bool],
    ['platform?', stringableConv],
    ['extra_hosts?', stringOrStringListConv],
  );
  const [refStr, context, buildArgs, dockerfilePathArg, contentsVal, cacheVal, luVal] = r;
  const [, , , , , , , matchInEnvVars, ignoreVal, onlyVal, entrypointVal, containerArgs] = r;
  const [, , , , , , , , , , , , target, ssh, secret, network, extraTags, cacheFrom, pull] = r;
  const platformArg = r[19];
  const extraHosts = r[20];

  const ref = parseRef(refStr ?? '');
  const contextDir = context ?? '';
  let dockerfilePath = posix.join(contextDir, 'Dockerfile');
  let contents: string;
  if (contentsVal !== undefined && dockerfilePathArg !== undefined) {
    throw starError('Cannot specify both dockerfile and dockerfile_contents keyword arguments');
  }
  if (contentsVal !== undefined) {
    const s = asString(contentsVal);
    if (s === undefined) throw starError('Argument (dockerfile_contents): must be string or blob.');
    contents = fromStarString(s);
  } else {
    if (dockerfilePathArg !== undefined) dockerfilePath = dockerfilePathArg;
    contents = readDockerfile(run, dockerfilePath);
  }
  if (cacheVal !== undefined) run.warn(toStarString(CACHE_OBSOLETE_WARNING));

  const lu = liveUpdateFromValue(run, thread, luVal);
  const ignores = parseValuesToStrings(ignoreVal, 'ignore');
  const onlys = parseOnly(onlyVal);
  const entrypoint = valueToUnixCmd(cmdContext(run, thread), entrypointVal);
  const containerArgsList = overrideArgs(containerArgs);
  for (const tag of extraTags?.values ?? []) {
    try {
      parseNamed(tag);
    } catch (err) {
      throw starError(
        `Argument extra_tag=${goQuote(tag)} not a valid image reference: ${(err as Error).message}`,
      );
    }
  }
  // Docker's CLI falls back to this variable; Tilt does too.
  const platform = platformArg || run.env.get('DOCKER_DEFAULT_PLATFORM') || '';
  const buildArgsList = [...(buildArgs ?? new Map<string, string>())]
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const img = newImageBuild('docker', newRefSelector(ref));
  Object.assign(img, {
    dockerfilePath,
    dockerfileContents: contents,
    buildPath: contextDir,
    buildArgs: buildArgsList,
    liveUpdate: lu,
    matchInEnvVars: matchInEnvVars ?? false,
    sshSpecs: ssh?.values ?? [],
    secretSpecs: secret?.values ?? [],
    ignores,
    onlys,
    entrypoint,
    overrideArgs: containerArgsList,
    targetStage: fromStarString(target ?? ''),
    network: network ?? '',
    extraTags: extraTags?.values ?? [],
    cacheFrom: cacheFrom?.values ?? [],
    pullParent: pull ?? false,
    platform,
    tiltfilePath: run.currentPath(thread),
    extraHosts: extraHosts?.values ?? [],
  } satisfies Partial<ImageBuild>);
  addImage(run.state.build, img);
  return None;
}

function defaultRegistry(
  run: TiltfileRun,
  _thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const build = run.state.build;
  if (build.defaultRegistry !== undefined && build.defaultRegistry.host !== '') {
    throw starError('default registry already defined');
  }
  const [host, fromCluster, singleName] = unpackArgs(
    'default_registry',
    args,
    kwargs,
    ['host', conv.string],
    ['host_from_cluster?', conv.string],
    ['single_name?', conv.string],
  );
  const reg = {
    host: fromStarString(host ?? ''),
    hostFromContainerRuntime: fromStarString(fromCluster ?? ''),
    singleName: fromStarString(singleName ?? ''),
  };
  const errs = validateRegistryHosting(reg);
  if (errs.length > 0) {
    const agg = errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`;
    throw starError(`validating defaultRegistry: ${agg}`);
  }
  build.defaultRegistry = {
    host: reg.host,
    ...(reg.hostFromContainerRuntime === ''
      ? {}
      : { hostFromContainerRuntime: reg.hostFromContainerRuntime }),
    ...(reg.singleName === '' ? {} : { singleName: reg.singleName }),
  };
  return None;
}

export const dockerBuildBuiltins: readonly TiltBuiltin[] = [
  { name: 'docker_build', fn: dockerBuild },
  { name: 'custom_build', fn: customBuild },
  { name: 'default_registry', fn: defaultRegistry },
];
