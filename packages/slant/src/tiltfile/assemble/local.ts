// Local resources (Tilt's translateLocal + the local parts of api.go): one resource per
// local_resource, its `<name>:update` Cmd and its `local:<name>` FileWatch. The serve command is
// not an object here: the server controller runs it as `<name>-serve-<n>`, as in Tilt.
import type { ApiObject, Cmd, CmdSpec, FileWatch, IgnoreDef } from '@slant/api';
import { ANNOTATIONS, API_VERSION } from '@slant/api';
import { resourceTriggerMode } from '../builtins/trigger-mode.ts';
import type { Cmd as TiltCmd } from '../cmd.ts';
import { sanitizeName } from '../names.ts';
import type { TiltfileRun } from '../run.ts';
import type { LocalResource } from '../state/local.ts';
import { globalIgnores, repoIgnoresForPaths } from './ignores.ts';
import type { AssembleContext } from './index.ts';
import type { TiltfileResource } from './model.ts';

/** What the runtime needs of a local resource besides its objects. */
export interface LocalResourceInfo {
  /** The update Cmd's object name; '' when the resource has no cmd. */
  readonly updateCmdName: string;
  /** serve_cmd as a Cmd spec (readiness probe included); undefined without serve_cmd. */
  readonly serveCmd: CmdSpec | undefined;
  /** May update while other resources update (always when there is no cmd). */
  readonly allowParallel: boolean;
  readonly isTest: boolean;
}

export type LocalTiltfileResource = TiltfileResource & { local: LocalResourceInfo };

function disableSource(name: string) {
  return { configMap: { name: `${name}-disable`, key: 'isDisabled' } };
}

function cmdSpec(c: TiltCmd): CmdSpec {
  return {
    args: [...c.argv],
    ...(c.dir === '' ? {} : { dir: c.dir }),
    ...(c.env.length === 0 ? {} : { env: [...c.env] }),
  };
}

function fileWatchIgnores(
  run: TiltfileRun,
  r: LocalResource,
  globals: readonly IgnoreDef[],
): IgnoreDef[] {
  const out = repoIgnoresForPaths(run, [...r.deps, r.threadDir]);
  if (r.ignores.length > 0) out.push({ basePath: r.threadDir, patterns: [...r.ignores] });
  return [...out, ...globals];
}

/** The objects of one local resource. */
export function localResourceObjects(
  run: TiltfileRun,
  r: LocalResource,
  globals: readonly IgnoreDef[] = globalIgnores(run),
): ApiObject[] {
  const out: ApiObject[] = [];
  if (r.updateCmd.argv.length > 0) {
    const name = sanitizeName(`${r.name}:update`);
    const cmd: Cmd = {
      apiVersion: API_VERSION,
      kind: 'Cmd',
      metadata: {
        name,
        annotations: {
          [ANNOTATIONS.resource]: r.name,
          [ANNOTATIONS.logSpanId]: `cmd:${name}`,
          [ANNOTATIONS.managedBy]: 'local_resource',
        },
      },
      spec: { ...cmdSpec(r.updateCmd), disableSource: disableSource(r.name) },
    };
    out.push(cmd);
  }
  const watched = [...new Set(r.deps)].sort();
  if (watched.length > 0) {
    const id = `local:${r.name}`;
    const ignores = fileWatchIgnores(run, r, globals);
    const fw: FileWatch = {
      apiVersion: API_VERSION,
      kind: 'FileWatch',
      metadata: {
        name: sanitizeName(id),
        annotations: { [ANNOTATIONS.resource]: r.name, [ANNOTATIONS.targetId]: id },
      },
      spec: {
        watchedPaths: watched,
        ...(ignores.length > 0 ? { ignores } : {}),
        disableSource: disableSource(r.name),
      },
    };
    out.push(fw);
  }
  return out;
}

export function localResource(run: TiltfileRun, r: LocalResource): LocalTiltfileResource {
  const hasServe = r.serveCmd.argv.length > 0;
  return {
    name: r.name,
    type: 'local',
    labels: Object.keys(r.labels),
    resourceDeps: [...r.resourceDeps],
    triggerMode: resourceTriggerMode(r.triggerMode ?? run.state.build.triggerMode, r.autoInit),
    links: [...r.links],
    imageMapDeps: [],
    local: {
      updateCmdName: r.updateCmd.argv.length > 0 ? sanitizeName(`${r.name}:update`) : '',
      serveCmd: hasServe
        ? {
            ...cmdSpec(r.serveCmd),
            ...(r.readinessProbe === undefined ? {} : { readinessProbe: r.readinessProbe }),
            disableSource: disableSource(r.name),
          }
        : undefined,
      allowParallel: r.allowParallel || r.updateCmd.argv.length === 0,
      isTest: r.isTest,
    },
  };
}

/** The assembler: local resources come after k8s and Compose ones (Tilt's manifest order). */
export function assembleLocal(ctx: AssembleContext): void {
  const globals = globalIgnores(ctx.run);
  for (const r of ctx.run.state.local.resources) {
    ctx.resources.push(localResource(ctx.run, r));
    ctx.objects.push(...localResourceObjects(ctx.run, r, globals));
  }
}
