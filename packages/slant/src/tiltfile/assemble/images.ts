// Image assembly (Tilt's assembleImages, imgTargetsForDeps, InferImageProperties,
// InferLiveUpdateSelectors and the api.go conversions): image-on-image dependencies, then for
// every resource that deploys images, its image targets in build order and their API objects.
import type { ApiObject, DisableSource, IgnoreDef } from '@slant/api';
import { selectorFamiliarString, selectorString } from '../../container/selector.ts';
import type { TiltfileRun } from '../run.ts';
import { findBuilderForConsumedImage, type ImageBuild, imageMapName } from '../state/build.ts';
import { goQuote } from '../text.ts';
import { findDockerfileImages } from './dockerfile.ts';
import { imageBuildObjects, liveUpdateObject } from './image-objects.ts';
import { globalIgnores, ignoresForImage } from './ignores.ts';
import { type AssembleContext, AssemblyError } from './index.ts';
import { validateLiveUpdate } from './live-update-check.ts';
import type { TiltfileResource } from './model.ts';

/** assembleImages: ImageMap names each image builds on (Dockerfile FROM/COPY --from, image_deps). */
export function assembleImageDeps(ctx: AssembleContext): void {
  const build = ctx.run.state.build;
  for (const img of build.images) {
    if (img.dockerfileContents !== '') {
      for (const dep of findDockerfileImages(img.dockerfileContents, img.buildArgs)) {
        // Base images nobody builds are pulled as they are.
        const b = findBuilderForConsumedImage(build, dep);
        if (b !== undefined) img.imageMapDeps.push(imageMapName(b));
      }
    }
    for (const dep of img.customImgDeps) {
      const b = findBuilderForConsumedImage(build, dep);
      if (b === undefined) {
        throw new AssemblyError(
          `image ${goQuote(selectorFamiliarString(img.configurationRef))}: image dep ${goQuote(familiar(dep))} not found`,
        );
      }
      img.imageMapDeps.push(imageMapName(b));
    }
  }
}

function familiar(ref: ImageBuild['customImgDeps'][number]): string {
  return selectorFamiliarString({ ref, matchExact: false });
}

/** model.IsLiveUpdateOnly: k8s_custom_deploy's stand-in image, never built (command `:`). */
export function isLiveUpdateOnly(img: ImageBuild): boolean {
  if (img.buildType !== 'custom' || img.liveUpdate === undefined) return false;
  const argv = img.customCommand.argv;
  return argv[argv.length - 1] === ':';
}

/** imgTargetsForDeps: the images of deps and everything they build on, dependencies first. */
export function imageTargetsForDeps(run: TiltfileRun, deps: readonly string[]): ImageBuild[] {
  const claim = new Map<string, 'pending' | 'done'>();
  const out: ImageBuild[] = [];
  const visit = (names: readonly string[]): void => {
    for (const name of names) {
      const img = run.state.build.byImageMapName.get(name);
      if (img === undefined)
        throw new AssemblyError(`Internal error: no image builder found for id ${name}`);
      const c = claim.get(name);
      if (c === 'done') continue;
      if (c === 'pending') {
        throw new AssemblyError(`Image dependency cycle: ${selectorString(img.configurationRef)}`);
      }
      claim.set(name, 'pending');
      visit(img.imageMapDeps);
      out.push(img);
      claim.set(name, 'done');
    }
  };
  visit(deps);
  return out;
}

type DeployResource = TiltfileResource & { type: 'k8s' | 'docker-compose' };

function disableSourceOf(name: string): DisableSource {
  return { configMap: { name: `${name}-disable`, key: 'isDisabled' } };
}

// mergeDisableSource: a FileWatch shared by resources is disabled only when all of them are.
function mergeDisableSource(a: DisableSource | undefined, b: DisableSource): DisableSource {
  if (a === undefined) return b;
  const all = [...(a.configMap ? [a.configMap] : []), ...(a.everyConfigMap ?? [])];
  for (const cm of [...(b.configMap ? [b.configMap] : []), ...(b.everyConfigMap ?? [])]) {
    if (!all.some((x) => x.name === cm.name && x.key === cm.key)) all.push(cm);
  }
  return all.length === 1 && a.configMap !== undefined ? a : { everyConfigMap: all };
}

/**
 * The objects of every image-deploying resource: DockerImage/CmdImage (+ its Cmd) and
 * LiveUpdate per (resource, image), one ImageMap and one `image:<name>` FileWatch per image.
 * Also validates live updates and reports steps never used.
 */
export function assembleImageObjects(ctx: AssembleContext): void {
  const run = ctx.run;
  const deployers = ctx.resources.filter(
    (r): r is DeployResource =>
      (r.type === 'k8s' || r.type === 'docker-compose') && (r.imageMapDeps?.length ?? 0) > 0,
  );
  const deployed = new Set(deployers.flatMap((r) => r.imageMapDeps ?? []));
  const globals = globalIgnores(run);
  const imageMaps = new Set<string>();
  const fileWatches = new Map<string, { spec: { disableSource?: DisableSource } }>();
  const restartInK8s: string[] = [];
  for (const r of deployers) {
    let targets: ImageBuild[];
    try {
      targets = imageTargetsForDeps(run, r.imageMapDeps ?? []);
    } catch (err) {
      throw new AssemblyError(`getting image build info for ${r.name}: ${(err as Error).message}`);
    }
    if (r.type === 'docker-compose' && targets.some((t) => t.entrypoint.argv.length > 0)) {
      throw new AssemblyError(
        'docker_build/custom_build.entrypoint not supported for Docker Compose resources',
      );
    }
    const cluster = r.type === 'k8s' ? 'default' : 'docker';
    for (const img of targets) {
      const name = imageMapName(img);
      const { contextIgnores, fileWatchIgnores } = ignoresForImage(run, img);
      const objs = imageBuildObjects(run, r.name, img, {
        cluster,
        clusterNeeds: deployed.has(name) ? 'push' : 'base-image',
        contextIgnores,
        withImageMap: !imageMaps.has(name) && !isLiveUpdateOnly(img),
      });
      if (!isLiveUpdateOnly(img)) imageMaps.add(name);
      ctx.objects.push(...objs);
      const fwName = `image:${name}`;
      const existing = fileWatches.get(fwName);
      if (existing !== undefined) {
        existing.spec.disableSource = mergeDisableSource(
          existing.spec.disableSource,
          disableSourceOf(r.name),
        );
      } else {
        const fw = imageFileWatch(
          r.name,
          name,
          img,
          [...fileWatchIgnores, ...globals],
          disableSourceOf(r.name),
        );
        if (fw !== undefined) {
          fileWatches.set(fwName, fw);
          ctx.objects.push(fw);
        }
      }
      if (img.liveUpdate !== undefined) {
        if ((r.imageMapDeps ?? []).includes(name)) validateLiveUpdate(img, targets);
        if (img.liveUpdate.restart && r.type === 'k8s' && !restartInK8s.includes(r.name)) {
          restartInK8s.push(r.name);
        }
        ctx.objects.push(liveUpdateObject(r, img, targets, isLiveUpdateOnly));
      }
    }
  }
  if (restartInK8s.length > 0) {
    throw new AssemblyError(
      `Found \`restart_container()\` LiveUpdate step in resource(s): [${restartInK8s.join(', ')}]. \`restart_container()\`  has been deprecated for k8s resources. We recommend the restart_process extension: https://github.com/tilt-dev/tilt-extensions/tree/master/restart_process. For more information, see https://docs.tilt.dev/live_update_reference.html#restarting-your-process`,
    );
  }
}

function imageFileWatch(
  resource: string,
  name: string,
  img: ImageBuild,
  ignores: IgnoreDef[],
  disableSource: DisableSource,
): (ApiObject & { spec: { disableSource?: DisableSource } }) | undefined {
  const paths =
    img.buildType === 'custom' ? img.customDeps : img.buildPath === '' ? [] : [img.buildPath];
  const watched = [...new Set(paths)].sort();
  if (watched.length === 0) return undefined;
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'FileWatch',
    metadata: {
      name: `image:${name}`,
      annotations: { 'tilt.dev/resource': resource, 'tilt.dev/target-id': `image:${name}` },
    },
    spec: { watchedPaths: watched, ...(ignores.length > 0 ? { ignores } : {}), disableSource },
  };
}
