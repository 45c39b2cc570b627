// Post-execution assembly: after the Tiltfile ran without error, each area's assembler turns its
// state section into resources and API objects, in this order. An assembler reports user errors
// by throwing TiltfileError/StarlarkError-free `AssemblyError`s (see below) and warnings via
// ctx.warn. To plug in an area: export `function assembleX(ctx: AssembleContext): void` from
// assemble/<area>.ts and add it to ASSEMBLERS.
import type { ApiObject } from '@slant/api';
import type { TiltfileRun } from '../run.ts';
import { enabledResourceNames } from '../enabled.ts';
import { assembleCompose } from './compose.ts';
import { assembleImageDeps, assembleImageObjects } from './images.ts';
import { assembleK8s, assembleUncategorized } from './k8s.ts';
import { assembleUnusedLiveUpdateSteps } from './live-update-check.ts';
import { assembleLocal } from './local.ts';
import type { TiltfileResource } from './model.ts';
import { assembleResourceDeps, assembleResourceObjects } from './resources.ts';
import { assembleUnusedImages } from './unused-images.ts';

export interface AssembleContext {
  readonly run: TiltfileRun;
  /** Resources in Tilt's order; later assemblers see those of earlier ones. */
  readonly resources: TiltfileResource[];
  readonly objects: ApiObject[];
  warn(msg: string): void;
}

/** A user error found during assembly (no Starlark backtrace): the loader reports its message. */
export class AssemblyError extends Error {
  override name = 'AssemblyError';
}

export type Assembler = (ctx: AssembleContext) => void;

/** Starts every resource enabled or not per enabledResourceNames (config / args). */
function assembleResourceObjectsEnabled(ctx: AssembleContext): void {
  const enabled = enabledResourceNames(ctx.run, ctx.resources);
  assembleResourceObjects(ctx, (name) => enabled.has(name));
}

// Tilt's manifest order: k8s, docker-compose, local, then `uncategorized`; dependencies are
// sanitized over all of them before the per-resource objects are made.
export const ASSEMBLERS: readonly Assembler[] = [
  assembleK8s,
  assembleImageDeps,
  assembleCompose,
  assembleLocal,
  assembleUncategorized,
  assembleUnusedImages,
  assembleImageObjects,
  assembleUnusedLiveUpdateSteps,
  assembleResourceDeps,
  assembleResourceObjectsEnabled,
];

export interface AssemblyOutput {
  readonly resources: TiltfileResource[];
  readonly objects: ApiObject[];
}

export function assemble(run: TiltfileRun, assemblers = ASSEMBLERS): AssemblyOutput {
  const ctx: AssembleContext = {
    run,
    resources: [],
    objects: [],
    warn: (msg) => {
      run.warnings.push(msg);
      run.host.log.warn(msg);
    },
  };
  for (const a of assemblers) a(ctx);
  return { resources: ctx.resources, objects: ctx.objects };
}
