// dc_resource() (Tilt's docker_compose.go dcResource): options of a Compose service's resource,
// found by service name (and project_name= when names repeat across projects); new_name renames
// the resource and the dependencies other services have on it.
import { conv, type Kwargs, None, type Thread, unpackArgs, type Value } from '@slant/starlark';
import { parseNormalizedNamed as parseNamed } from '../../container/ref.ts';
import type { TiltfileRun } from '../run.ts';
import { type ComposeService, newDcResourceOptions } from '../state/compose.ts';
import { fromStarString, goQuote, starError } from '../text.ts';
import { goSequenceConv, optionalBoolConv, sequenceToStrings } from './build-values.ts';
import { goTypeName, labelsConv } from './k8s-args.ts';
import { checkResourceConflict } from './local-resource.ts';
import { linksConv } from './link.ts';
import { triggerModeConv } from './trigger-mode.ts';

function getDCService(
  run: TiltfileRun,
  svcName: string,
  projName: string,
): [string, ComposeService] {
  const allNames: string[] = [];
  let found: [string, ComposeService] | undefined;
  for (const dc of run.state.compose.projects.values()) {
    if (projName !== '' && dc.project.name !== projName) continue;
    for (const [key, svc] of dc.services) {
      if (key === svcName) {
        if (found !== undefined) {
          throw starError(
            `found multiple resources named ${goQuote(svcName)}, please specify which one with project_name= argument`,
          );
        }
        found = [dc.project.name, svc];
      }
      allNames.push(key);
    }
  }
  if (found === undefined) {
    throw starError(
      `no Docker Compose service found with name ${goQuote(svcName)}. Found these instead:\n\t${allNames.join('; ')}`,
    );
  }
  return found;
}

function renameDCService(
  run: TiltfileRun,
  projectName: string,
  name: string,
  newName: string,
  svc: ComposeService,
): void {
  checkResourceConflict(run, newName);
  const dc = run.state.compose.projects.get(projectName)!;
  dc.services.set(newName, svc);
  dc.services.delete(name);
  const opts = dc.resOptions.get(name);
  if (opts !== undefined) {
    dc.resOptions.set(newName, opts);
    dc.resOptions.delete(name);
  }
  let index = -1;
  dc.serviceNames.forEach((n, i) => {
    if (n === name && index === -1) {
      index = i;
      return;
    }
    const other = dc.services.get(n);
    if (other?.config.dependsOn.includes(name)) {
      const deps = other.config.dependsOn;
      deps.splice(deps.indexOf(name), 1, newName);
      const rd = other.options.resourceDeps.indexOf(name);
      if (rd !== -1) other.options.resourceDeps[rd] = newName;
    }
  });
  if (index !== -1) dc.serviceNames[index] = newName;
  svc.name = newName;
}

export function dcResource(
  run: TiltfileRun,
  _thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const r = unpackArgs(
    'dc_resource',
    args,
    kwargs,
    ['name', conv.string],
    ['image?', conv.value],
    ['trigger_mode?', triggerModeConv],
    ['resource_deps?', goSequenceConv],
    ['infer_links?', optionalBoolConv],
    ['links?', linksConv],
    ['labels?', labelsConv],
    ['auto_init?', optionalBoolConv],
    ['project_name?', conv.string],
    ['new_name?', conv.string],
  );
  const [nameVal, imageVal, triggerMode, resourceDepsVal, inferLinks, links, labels, autoInit] = r;
  let name = fromStarString(nameVal ?? '');
  const newName = fromStarString(r[9] ?? '');
  if (name === '') throw starError('dc_resource: `name` must not be empty');
  let imageRef: string | undefined;
  if (imageVal !== undefined) {
    if (typeof imageVal !== 'string')
      throw starError(`image arg must be a string; got ${goTypeName(imageVal)}`);
    imageRef = fromStarString(imageVal);
  }
  const [projectName, svc] = getDCService(run, name, fromStarString(r[8] ?? ''));
  if (newName !== '') {
    renameDCService(run, projectName, name, newName, svc);
    name = newName;
  }
  const dc = run.state.compose.projects.get(projectName)!;
  const options = dc.resOptions.get(name) ?? newDcResourceOptions();
  if (triggerMode !== undefined) options.triggerMode = triggerMode;
  if (inferLinks !== undefined) options.inferLinks = inferLinks;
  options.links.push(...(links ?? []));
  Object.assign(options.labels, labels ?? {});
  if (imageRef !== undefined) {
    try {
      options.imageRefFromUser = parseNamed(imageRef);
    } catch (err) {
      throw starError((err as Error).message);
    }
  }
  let deps: string[];
  try {
    deps = sequenceToStrings(resourceDepsVal);
  } catch (err) {
    throw starError(`dc_resource: resource_deps: ${fromStarString((err as Error).message)}`);
  }
  for (const d of deps) if (!options.resourceDeps.includes(d)) options.resourceDeps.push(d);
  if (autoInit !== undefined) options.autoInit = autoInit;
  dc.resOptions.set(name, options);
  svc.options = options;
  return None;
}
