// Docker Compose resources (Tilt's assembleDC, maybeAddDockerComposeImageBuilder, translateDC
// and toDockerComposeServiceObjects): each service is a resource; its image comes from a
// docker_build/custom_build with the same name, else from the service's own `build:` section.
import { posix } from 'node:path';
import type { ApiObject, Cluster, DockerComposeProject, DockerComposeService } from '@slant/api';
import { ANNOTATIONS, API_VERSION } from '@slant/api';
import { newRefSelector } from '../../container/selector.ts';
import { composeCommand } from '../builtins/docker-compose.ts';
import { resourceTriggerMode } from '../builtins/trigger-mode.ts';
import type { TiltfileRun } from '../run.ts';
import {
  addImage,
  findBuilderForConsumedImage,
  imageMapName,
  newImageBuild,
} from '../state/build.ts';
import {
  type ComposeProjectState,
  type ComposeService,
  composeServiceCount,
} from '../state/compose.ts';
import { isLiveUpdateOnly } from './images.ts';
import { type AssembleContext, AssemblyError } from './index.ts';
import type { TiltfileResource } from './model.ts';

/** What the runtime needs of a Compose resource besides its objects. */
export interface ComposeResourceInfo {
  readonly publishedPorts: readonly number[];
  /** dc_resource(infer_links=): undefined keeps the default (links inferred). */
  readonly inferLinks: boolean | undefined;
}

export type ComposeTiltfileResource = TiltfileResource & { compose: ComposeResourceInfo };

function imageRefOf(svc: ComposeService) {
  return svc.options.imageRefFromUser ?? svc.imageRefFromConfig;
}

// A service with a build section and no Tilt build: Compose builds it, Tilt watches it.
function addComposeImageBuild(run: TiltfileRun, svc: ComposeService): void {
  const { buildContext, buildDockerfile } = svc.config;
  if (buildContext === '') return;
  // Only local directories are watched; a git URL context has no path.
  const buildPath = posix.isAbsolute(buildContext) ? buildContext : '';
  let dockerfile = buildDockerfile === '' ? 'Dockerfile' : buildDockerfile;
  if (!posix.isAbsolute(dockerfile) && buildPath !== '')
    dockerfile = posix.join(buildPath, dockerfile);
  const img = newImageBuild('compose', newRefSelector(imageRefOf(svc)));
  img.composeService = svc.serviceName;
  img.composeLocalVolumePaths = [...svc.config.volumeSources];
  img.buildPath = buildPath;
  img.dockerfilePath = dockerfile;
  try {
    addImage(run.state.build, img);
  } catch (err) {
    throw new AssemblyError((err as Error).message);
  }
  const b = findBuilderForConsumedImage(run.state.build, imageRefOf(svc));
  if (b !== undefined) svc.imageMapDeps.push(imageMapName(b));
}

// Go's omitempty: unset fields are left out of the object.
function projectSpec(p: ComposeProjectState['project']): DockerComposeProject {
  return {
    ...((p.configPaths ?? []).length > 0 ? { configPaths: [...(p.configPaths ?? [])] } : {}),
    projectPath: p.projectPath,
    ...((p.yaml ?? '') !== '' ? { yaml: p.yaml ?? '' } : {}),
    name: p.name,
    ...((p.envFile ?? '') !== '' ? { envFile: p.envFile ?? '' } : {}),
    ...((p.profiles ?? []).length > 0 ? { profiles: [...(p.profiles ?? [])] } : {}),
    ...(p.wait === true ? { wait: true } : {}),
  };
}

function serviceObject(
  run: TiltfileRun,
  dc: ComposeProjectState,
  svc: ComposeService,
): DockerComposeService {
  // model.FilterLiveUpdateOnly: stand-in images are never built, so nothing waits for them.
  const imageMaps = svc.imageMapDeps.filter((n) => {
    const img = run.state.build.byImageMapName.get(n);
    return img === undefined || !isLiveUpdateOnly(img);
  });
  return {
    apiVersion: API_VERSION,
    kind: 'DockerComposeService',
    metadata: {
      name: svc.name,
      annotations: {
        [ANNOTATIONS.resource]: svc.name,
        [ANNOTATIONS.logSpanId]: `dockercompose:${svc.name}`,
        [ANNOTATIONS.managedBy]: 'buildcontrol',
      },
    },
    spec: {
      service: svc.serviceName,
      project: projectSpec(dc.project),
      ...(imageMaps.length > 0 ? { imageMaps } : {}),
      disableSource: { configMap: { name: `${svc.name}-disable`, key: 'isDisabled' } },
    },
  };
}

// `docker compose version` output of v1 and v2 (Tilt's versionRegex).
const VERSION_RE = /^docker[ -]compose(?: version)?:? v?([^\s,]+),?(?: build ([a-z0-9-]+))?/im;

/** x/mod/semver.Canonical's parts of `v<major>[.<minor>[.<patch>]][-pre]`, or undefined. */
function canonicalVersion(raw: string): [number, number, number, string] | undefined {
  const m = /^v(\d+)(?:\.(\d+)(?:\.(\d+))?)?(-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(raw);
  if (m === null) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0), m[4] ?? ''];
}

/**
 * validateDockerComposeVersion: Compose older than v1.28.3 is refused; v2 before v2.2 warned
 * about. A Compose that can't be asked is not an error here (Tilt only logs it).
 */
export function checkComposeVersion(ctx: AssembleContext): void {
  const run = ctx.run;
  const res = run.host.proc.runSync({
    argv: [...composeCommand(run), 'version'],
    cwd: run.mainDir,
    env: run.envRecord(),
  });
  if (res.spawnError !== undefined || res.exitCode !== 0) return;
  const m = VERSION_RE.exec(res.stdout.toString('utf8').trim());
  const v = m === null ? undefined : canonicalVersion(`v${m[1]}`);
  if (v === undefined) return;
  const [major, minor, patch, pre] = v;
  const shown = `v${major}.${minor}.${patch}${pre}`;
  const cmp = (a: number[], b: number[]) => a.findIndex((x, i) => x !== b[i]);
  const older = (b: number[]): boolean => {
    const i = cmp([major, minor, patch], b);
    return i < 0 ? pre !== '' : [major, minor, patch][i]! < b[i]!;
  };
  if (older([1, 28, 3])) {
    throw new AssemblyError(
      `Tilt requires Docker Compose v1.28.3+ (you have ${shown}). Please upgrade and re-launch Tilt.`,
    );
  }
  if (major === 2 && older([2, 2, 0])) {
    ctx.warn(
      `Using Docker Compose ${shown} (version < 2.2) may result in errors or broken functionality.\nFor best results, we recommend upgrading to Docker Compose >= v2.2.0.`,
    );
  }
}

/** The assembler: after k8s (Tilt's manifest order is k8s, Compose, local). */
export function assembleCompose(ctx: AssembleContext): void {
  const run = ctx.run;
  const compose = run.state.compose;
  if (composeServiceCount(compose) === 0) return;
  if ((run.state.build.defaultRegistry?.host ?? '') !== '') {
    throw new AssemblyError('default_registry is not supported with docker compose');
  }
  checkComposeVersion(ctx);
  for (const dc of compose.projects.values()) {
    for (const name of dc.serviceNames) {
      const svc = dc.services.get(name)!;
      const builder = findBuilderForConsumedImage(run.state.build, imageRefOf(svc));
      if (builder !== undefined) svc.imageMapDeps.push(imageMapName(builder));
      else addComposeImageBuild(run, svc);
    }
  }
  const objects: ApiObject[] = [];
  for (const dc of compose.projects.values()) {
    for (const name of dc.serviceNames) {
      const svc = dc.services.get(name)!;
      const o = svc.options;
      const r: ComposeTiltfileResource = {
        name: svc.name,
        type: 'docker-compose',
        labels: Object.keys(o.labels),
        resourceDeps: [...o.resourceDeps],
        triggerMode: resourceTriggerMode(
          o.triggerMode ?? run.state.build.triggerMode,
          o.autoInit ?? true,
        ),
        links: [...o.links],
        imageMapDeps: [...svc.imageMapDeps],
        compose: { publishedPorts: [...svc.config.publishedPorts], inferLinks: o.inferLinks },
      };
      ctx.resources.push(r);
      objects.push(serviceObject(run, dc, svc));
    }
  }
  const cluster: Cluster = {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: 'docker' },
    spec: { connection: { docker: {} } },
  };
  ctx.objects.push(...objects, cluster);
}
