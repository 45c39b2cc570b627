// The build section of TiltfileState: images declared by docker_build / custom_build (and
// Compose `build:` sections), the live_update steps not yet consumed, default_registry and the
// global trigger_mode. The index follows Tilt's buildIndex (build_index.go): images by selector,
// by name (two tags of one name make both selectors exact) and by ImageMap name.
import type { LiveUpdateExec, LiveUpdateSync, RegistryHosting } from '@slant/api';
import type { ImageRef } from '../../container/ref.ts';
import { familiarName } from '../../container/ref.ts';
import {
  type RefSelector,
  selectorFamiliarString,
  selectorMatches,
  selectorRefName,
  selectorString,
  withExactMatch,
} from '../../container/selector.ts';
import type { Cmd } from '../cmd.ts';
import { sanitizeName } from '../names.ts';
import { starError } from '../text.ts';

export type ImageBuildType = 'docker' | 'custom' | 'compose';

/** live_update steps as declared (paths relative to basePath), before selectors are known. */
export interface LiveUpdateDecl {
  basePath: string;
  stopPaths: string[];
  syncs: LiveUpdateSync[];
  execs: LiveUpdateExec[];
  restart: boolean;
  initialSync: boolean;
  /** k8s_custom_deploy(container_selector=): select containers by name instead of image. */
  containerName?: string;
}

/** One image build (Tilt's dockerImage). Fields of other build types stay empty. */
export interface ImageBuild {
  buildType: ImageBuildType;
  /** Mutable: becomes exact when a second tag of the same name is declared. */
  configurationRef: RefSelector;
  matchInEnvVars: boolean;
  sshSpecs: string[];
  secretSpecs: string[];
  ignores: string[];
  onlys: string[];
  /** Overrides the container command (entrypoint=); empty when unset. */
  entrypoint: Cmd;
  targetStage: string;
  network: string;
  extraTags: string[];
  cacheFrom: string[];
  pullParent: boolean;
  platform: string;
  /** container_args=: undefined when not given. */
  overrideArgs: string[] | undefined;
  dockerfilePath: string;
  dockerfileContents: string;
  /** The build context ('' for compose builds from a URL). */
  buildPath: string;
  buildArgs: string[];
  customCommand: Cmd;
  customDeps: string[];
  customTag: string;
  customImgDeps: ImageRef[];
  disablePush: boolean;
  skipsLocalDocker: boolean;
  outputsImageRefTo: string;
  liveUpdate: LiveUpdateDecl | undefined;
  /** The Tiltfile that declared the image (ignored in its context). */
  tiltfilePath: string;
  composeService: string;
  composeLocalVolumePaths: string[];
  extraHosts: string[];
  /** Set when some deploy (YAML, Compose service, another image) uses the image. */
  matched: boolean;
  /** ImageMap names of the images this one builds on. */
  imageMapDeps: string[];
}

/** A live_update step value awaiting use; keyed by its declaration position. */
export interface PendingStep {
  readonly pos: string;
  /** The step's str(), decoded. */
  readonly text: string;
  readonly type: string;
}

export type TriggerMode = 'auto' | 'manual';

export interface BuildState {
  readonly images: ImageBuild[];
  readonly imagesBySelector: Map<string, ImageBuild>;
  readonly imagesByName: Map<string, ImageBuild>;
  readonly byImageMapName: Map<string, ImageBuild>;
  /** Familiar names of images some deploy asked for, in first-seen order (for hints). */
  readonly consumedImageNames: string[];
  /** The same names, for O(1) membership. */
  readonly consumedImageNameSet: Set<string>;
  /** Steps created but not (yet) passed to a live_update, by declaration position. */
  readonly unconsumedSteps: Map<string, PendingStep>;
  defaultRegistry: RegistryHosting | undefined;
  /** trigger_mode(): the default for resources that don't set their own. */
  triggerMode: TriggerMode;
  /** Where trigger_mode() was called ('' = never). */
  triggerModeCallPos: string;
}

export function newBuildState(): BuildState {
  return {
    images: [],
    imagesBySelector: new Map(),
    imagesByName: new Map(),
    byImageMapName: new Map(),
    consumedImageNames: [],
    consumedImageNameSet: new Set(),
    unconsumedSteps: new Map(),
    defaultRegistry: undefined,
    triggerMode: 'auto',
    triggerModeCallPos: '',
  };
}

/** A blank image of a build type; builtins fill in what they declare. */
export function newImageBuild(buildType: ImageBuildType, ref: RefSelector): ImageBuild {
  return {
    buildType,
    configurationRef: ref,
    matchInEnvVars: false,
    sshSpecs: [],
    secretSpecs: [],
    ignores: [],
    onlys: [],
    entrypoint: { argv: [], dir: '', env: [] },
    targetStage: '',
    network: '',
    extraTags: [],
    cacheFrom: [],
    pullParent: false,
    platform: '',
    overrideArgs: undefined,
    dockerfilePath: '',
    dockerfileContents: '',
    buildPath: '',
    buildArgs: [],
    customCommand: { argv: [], dir: '', env: [] },
    customDeps: [],
    customTag: '',
    customImgDeps: [],
    disablePush: false,
    skipsLocalDocker: false,
    outputsImageRefTo: '',
    liveUpdate: undefined,
    tiltfilePath: '',
    composeService: '',
    composeLocalVolumePaths: [],
    extraHosts: [],
    matched: false,
    imageMapDeps: [],
  };
}

/** model.ImageID(ref).Name: the sanitized familiar string; also the ImageMap name. */
export function imageMapName(img: ImageBuild): string {
  return sanitizeName(selectorFamiliarString(img.configurationRef));
}

/** buildIndex.addImage: one build per selector; same name with other tags → exact matching. */
export function addImage(state: BuildState, img: ImageBuild): void {
  const key = selectorString(img.configurationRef);
  if (state.imagesBySelector.has(key)) {
    throw starError(
      `Image for ref ${JSON.stringify(selectorFamiliarString(img.configurationRef))} has already been defined`,
    );
  }
  state.imagesBySelector.set(key, img);
  const name = selectorRefName(img.configurationRef);
  if (state.imagesByName.has(name)) {
    img.configurationRef = withExactMatch(img.configurationRef);
    for (const other of state.images) {
      if (selectorRefName(other.configurationRef) === name) {
        other.configurationRef = withExactMatch(other.configurationRef);
      }
    }
  }
  state.imagesByName.set(name, img);
  state.byImageMapName.set(imageMapName(img), img);
  state.images.push(img);
}

/**
 * findBuilderForConsumedImage: the build whose selector matches ref (marking it used), or
 * undefined; records the name for "did you mean" hints.
 */
export function findBuilderForConsumedImage(
  state: BuildState,
  ref: ImageRef,
): ImageBuild | undefined {
  const name = familiarName(ref);
  if (!state.consumedImageNameSet.has(name)) {
    state.consumedImageNameSet.add(name);
    state.consumedImageNames.push(name);
  }
  for (const img of state.images) {
    if (selectorMatches(img.configurationRef, ref)) {
      img.matched = true;
      return img;
    }
  }
  return undefined;
}

export function unmatchedImages(state: BuildState): ImageBuild[] {
  return state.images.filter((img) => !img.matched);
}
