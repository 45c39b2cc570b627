// The API objects of one image in one resource (Tilt's toDockerImageObjects, toCmdImageObjects,
// toCmdObjects for custom builds, toImageMapObjects, toLiveUpdateObjects). Empty fields are left
// out, as Go's omitempty leaves them out.
import type {
  ApiObject,
  ClusterImageNeeds,
  Cmd,
  CmdImage,
  CmdImageSpec,
  DockerImage,
  DockerImageSpec,
  IgnoreDef,
  ImageMap,
  ImageMapSpec,
  LiveUpdate,
  LiveUpdateSpec,
} from '@slant/api';
import { ANNOTATIONS, API_VERSION } from '@slant/api';
import { selectorFamiliarString } from '../../container/selector.ts';
import { autoOnChange } from '../builtins/trigger-mode.ts';
import { sanitizeName } from '../names.ts';
import type { TiltfileRun } from '../run.ts';
import { type ImageBuild, imageMapName } from '../state/build.ts';
import type { TiltfileResource } from './model.ts';

export interface ImageObjectOptions {
  readonly cluster: string;
  readonly clusterNeeds: ClusterImageNeeds;
  readonly contextIgnores: IgnoreDef[];
  /** The first resource to use an image makes its ImageMap. */
  readonly withImageMap: boolean;
}

// Keeps only set values: non-empty strings and arrays, true booleans, defined objects.
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === '' || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

export function imageMapSpec(img: ImageBuild): ImageMapSpec {
  return compact<ImageMapSpec>({
    selector: selectorFamiliarString(img.configurationRef),
    matchExact: img.configurationRef.matchExact,
    matchInEnvVars: img.matchInEnvVars,
    ...(img.entrypoint.argv.length > 0
      ? { overrideCommand: { command: [...img.entrypoint.argv] } }
      : {}),
    ...(img.overrideArgs !== undefined ? { overrideArgs: { args: [...img.overrideArgs] } } : {}),
  });
}

export function dockerImageSpec(img: ImageBuild, opts: ImageObjectOptions): DockerImageSpec {
  return compact<DockerImageSpec>({
    ref: selectorFamiliarString(img.configurationRef),
    dockerfileContents: img.dockerfileContents,
    context: img.buildPath,
    contextIgnores: opts.contextIgnores,
    args: img.buildArgs,
    target: img.targetStage,
    sshAgentConfigs: img.sshSpecs,
    secrets: img.secretSpecs,
    network: img.network,
    pull: img.pullParent,
    cacheFrom: img.cacheFrom,
    platform: img.platform,
    extraTags: img.extraTags,
    imageMaps: [...new Set(img.imageMapDeps)],
    cluster: opts.cluster,
    clusterNeeds: opts.clusterNeeds,
    extraHosts: img.extraHosts,
  });
}

export function cmdImageSpec(img: ImageBuild, opts: ImageObjectOptions): CmdImageSpec {
  const outputMode = img.skipsLocalDocker
    ? 'remote'
    : img.disablePush
      ? 'local-docker-and-remote'
      : 'local-docker';
  return compact<CmdImageSpec>({
    ref: selectorFamiliarString(img.configurationRef),
    args: [...img.customCommand.argv],
    dir: img.customCommand.dir,
    env: [...img.customCommand.env],
    imageMaps: [...new Set(img.imageMapDeps)],
    outputMode,
    outputTag: img.customTag,
    outputsImageRefTo: img.outputsImageRefTo,
    cluster: opts.cluster,
    clusterNeeds: opts.clusterNeeds,
  });
}

/** The build objects of img in resource (+ its ImageMap when opts.withImageMap). */
export function imageBuildObjects(
  _run: TiltfileRun,
  resource: string,
  img: ImageBuild,
  opts: ImageObjectOptions,
): ApiObject[] {
  const name = imageMapName(img);
  const objName = sanitizeName(`${resource}:${name}`);
  const out: ApiObject[] = [];
  if (img.buildType === 'docker') {
    const di: DockerImage = {
      apiVersion: API_VERSION,
      kind: 'DockerImage',
      metadata: {
        name: objName,
        annotations: {
          [ANNOTATIONS.resource]: resource,
          [ANNOTATIONS.logSpanId]: `dockerimage:${objName}`,
        },
      },
      spec: dockerImageSpec(img, opts),
    };
    out.push(di);
  } else if (img.buildType === 'custom') {
    const ci: CmdImage = {
      apiVersion: API_VERSION,
      kind: 'CmdImage',
      metadata: {
        name: objName,
        annotations: {
          [ANNOTATIONS.resource]: resource,
          [ANNOTATIONS.logSpanId]: `cmdimage:${objName}`,
        },
      },
      spec: cmdImageSpec(img, opts),
    };
    // Tilt creates the command's Cmd beside the CmdImage (args and dir only).
    const cmd: Cmd = {
      apiVersion: API_VERSION,
      kind: 'Cmd',
      metadata: {
        name: objName,
        annotations: {
          [ANNOTATIONS.resource]: resource,
          [ANNOTATIONS.logSpanId]: `cmdimage:${objName}`,
          [ANNOTATIONS.managedBy]: 'cmd_image',
        },
      },
      spec: compact({ args: [...img.customCommand.argv], dir: img.customCommand.dir }),
    };
    out.push(ci, cmd);
  }
  if (opts.withImageMap) {
    const im: ImageMap = {
      apiVersion: API_VERSION,
      kind: 'ImageMap',
      metadata: {
        name,
        annotations: {
          [ANNOTATIONS.resource]: resource,
          [ANNOTATIONS.logSpanId]: `imagemap:${name}`,
        },
      },
      spec: imageMapSpec(img),
    };
    out.push(im);
  }
  return out;
}

/** The LiveUpdate of img in resource r, with selectors and sources filled in. */
export function liveUpdateObject(
  r: TiltfileResource,
  img: ImageBuild,
  targets: readonly ImageBuild[],
  isLiveUpdateOnly: (img: ImageBuild) => boolean,
): LiveUpdate {
  const decl = img.liveUpdate!;
  const name = sanitizeName(`${r.name}:${imageMapName(img)}`);
  const selector: LiveUpdateSpec['selector'] =
    r.type === 'docker-compose'
      ? { dockerCompose: { service: r.name } }
      : {
          kubernetes: {
            discoveryName: r.name,
            applyName: r.name,
            ...(decl.containerName !== undefined && decl.containerName !== ''
              ? { containerName: decl.containerName }
              : isLiveUpdateOnly(img)
                ? { image: selectorFamiliarString(img.configurationRef) }
                : { imageMapName: imageMapName(img) }),
          },
        };
  // Sources: the image and everything it builds on, dependencies first (VisitTree order).
  const byName = new Map(targets.map((t) => [imageMapName(t), t]));
  const sources: NonNullable<LiveUpdateSpec['sources']> = [];
  const seen = new Set<string>();
  const visit = (t: ImageBuild): void => {
    for (const d of t.imageMapDeps) {
      const dt = byName.get(d);
      if (dt !== undefined && !seen.has(d)) visit(dt);
    }
    const n = imageMapName(t);
    if (seen.has(n)) return;
    seen.add(n);
    sources.push({ fileWatch: `image:${n}`, ...(isLiveUpdateOnly(t) ? {} : { imageMap: n }) });
  };
  visit(img);
  const spec: LiveUpdateSpec = {
    basePath: decl.basePath,
    selector,
    sources,
    ...(decl.stopPaths.length > 0 ? { stopPaths: [...decl.stopPaths] } : {}),
    ...(decl.syncs.length > 0 ? { syncs: decl.syncs.map((s) => ({ ...s })) } : {}),
    ...(decl.execs.length > 0
      ? {
          execs: decl.execs.map((e) => ({
            ...e,
            args: [...e.args],
            triggerPaths: [...e.triggerPaths],
          })),
        }
      : {}),
    ...(decl.restart ? { restart: 'always' as const } : {}),
    ...(decl.initialSync ? { initialSync: {} } : {}),
  };
  const mode = r.triggerMode ?? 'auto';
  return {
    apiVersion: API_VERSION,
    kind: 'LiveUpdate',
    metadata: {
      name,
      annotations: {
        [ANNOTATIONS.resource]: r.name,
        [ANNOTATIONS.logSpanId]: `liveupdate:${name}`,
        // Both k8s and Compose live updates are run by the LiveUpdate reconciler.
        [ANNOTATIONS.managedBy]: '',
        [ANNOTATIONS.updateMode]: autoOnChange(mode) ? 'auto' : 'manual',
      },
    },
    spec,
  };
}
