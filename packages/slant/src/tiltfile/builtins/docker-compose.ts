// docker_compose() and dc_resource() (Tilt's docker_compose.go). A project is resolved by
// `docker compose ... config --format json` through the host's process runner; its services
// become resources at assembly.
import { posix } from 'node:path';
import { conv, type Kwargs, None, type Thread, unpackArgs, type Value } from '@slant/starlark';
import { type ImageRef, parseNormalizedNamed as parseNamed } from '../../container/ref.ts';
import type { TiltBuiltin } from '../registry.ts';
import type { TiltfileRun } from '../run.ts';
import {
  type ComposeProjectState,
  type ComposeService,
  newDcResourceOptions,
} from '../state/compose.ts';
import { fromStarString, goQuote, starError } from '../text.ts';
import { Blob } from '../value.ts';
import {
  goSequenceConv,
  localPathConv,
  optionalBoolConv,
  sequenceToStrings,
  stringOrStringListConv,
  valueToAbsPath,
} from './build-values.ts';
import { mergeInlineComposeYAML, parseComposeConfig } from './compose-config.ts';
import { goTypeName, labelsConv, valueOrSequenceToSlice } from './k8s-args.ts';
import { checkResourceConflict } from './local-resource.ts';
import { linksConv } from './link.ts';
import { triggerModeConv } from './trigger-mode.ts';

/** compose-go's NormalizeProjectName. */
export function normalizeProjectName(s: string): string {
  return (s.toLowerCase().match(/[a-z0-9_-]/g) ?? []).join('').replace(/^[_-]+/, '');
}

/** The `--project-name ... -f ...` arguments Tilt passes to every compose command. */
export function composeProjectArgs(p: ComposeProjectState['project']): string[] {
  const out: string[] = [];
  if (p.name !== '') out.push('--project-name', p.name);
  if (p.projectPath !== '') out.push('--project-directory', p.projectPath);
  if ((p.envFile ?? '') !== '') out.push('--env-file', p.envFile ?? '');
  if ((p.yaml ?? '') !== '') out.push('-f', '-');
  for (const cp of p.configPaths ?? []) out.push('-f', cp);
  for (const pr of p.profiles ?? []) out.push('--profile', pr);
  return out;
}

function loadServices(run: TiltfileRun, dc: ComposeProjectState): ComposeService[] {
  const argv = [
    'docker',
    'compose',
    ...composeProjectArgs(dc.project),
    'config',
    '--format',
    'json',
  ];
  const yaml = dc.project.yaml ?? '';
  const res = run.host.proc.runSync({
    argv,
    cwd: dc.project.projectPath,
    env: run.envRecord(),
    ...(yaml === '' ? {} : { stdin: Buffer.from(yaml, 'utf8') }),
  });
  const stdout = res.stdout.toString('utf8');
  if (res.spawnError !== undefined || res.exitCode !== 0) {
    const quotedArgs = `[${argv.map(goQuote).join(' ')}]`;
    const err = res.spawnError ?? `exit status ${res.exitCode}`;
    let msg = `command ${quotedArgs} failed.\nerror: ${err}\nstdout: ${goQuote(stdout)}`;
    if (res.spawnError === undefined) msg += `\nstderr: '${res.stderr.toString('utf8')}'`;
    throw starError(msg);
  }
  const parsed = parseComposeConfig(stdout, dc.project.projectPath);
  const projectName = parsed.name || dc.project.name;
  return parsed.services.map((cfg) => {
    const imageName = cfg.config.image !== '' ? cfg.config.image : `${projectName}_${cfg.name}`;
    let imageRef: ImageRef;
    try {
      imageRef = parseNamed(imageName);
    } catch (err) {
      throw starError(
        `getting service ${cfg.name}: Error parsing image name ${goQuote(imageName)}: ${(err as Error).message}`,
      );
    }
    let options = dc.resOptions.get(cfg.name);
    if (options === undefined) {
      options = newDcResourceOptions();
      dc.resOptions.set(cfg.name, options);
    }
    options.resourceDeps = [...new Set([...options.resourceDeps, ...cfg.config.dependsOn])].sort();
    return {
      name: cfg.name,
      serviceName: cfg.name,
      config: cfg.config,
      imageRefFromConfig: imageRef,
      options,
      imageMapDeps: [],
    };
  });
}

function dockerCompose(
  run: TiltfileRun,
  thread: Thread,
  args: readonly Value[],
  kwargs: Kwargs | null,
): Value {
  const [configPaths, envFile, projectNameArg, profiles, wait] = unpackArgs(
    'docker_compose',
    args,
    kwargs,
    ['configPaths', conv.value],
    ['env_file?', localPathConv(run, thread)],
    ['project_name?', conv.string],
    ['profiles?', stringOrStringListConv],
    ['wait?', optionalBoolConv],
  );
  const paths = valueOrSequenceToSlice(configPaths);
  if (paths.length === 0) throw starError('Nothing to compose');
  const project: ComposeProjectState['project'] = {
    name: fromStarString(projectNameArg ?? ''),
    projectPath: '',
    configPaths: [],
    envFile: envFile ?? '',
    profiles: profiles?.values ?? [],
    wait: wait ?? false,
  };
  if (project.envFile !== '') run.recordRead(project.envFile ?? '');
  const yamls: string[] = [];
  for (const v of paths) {
    if (v instanceof Blob) {
      // Slant never writes temp files: inline YAML goes to compose on stdin (`-f -`).
      yamls.push(fromStarString(v.text));
      continue;
    }
    let path: string;
    try {
      path = valueToAbsPath(run, thread, v);
    } catch {
      throw starError(`expected blob | path (string). Actual type: ${goTypeName(v)}`);
    }
    // Like the compose CLI: the project directory and name come from the first file's dir.
    if (project.projectPath === '') project.projectPath = posix.dirname(path);
    if (project.name === '')
      project.name = normalizeProjectName(posix.basename(posix.dirname(path)));
    project.configPaths?.push(path);
    run.recordRead(path);
  }
  if (yamls.length > 0) project.yaml = mergeInlineComposeYAML(yamls);
  const tiltfilePath = run.currentPath(thread);
  if (project.name === '')
    project.name = normalizeProjectName(posix.basename(posix.dirname(tiltfilePath)));
  if (project.projectPath === '') project.projectPath = posix.dirname(tiltfilePath);
  const envProfiles = run.env.get('COMPOSE_PROFILES') ?? '';
  if (profiles?.isSet !== true && envProfiles !== '') {
    run.host.log.print(
      `Compose project ${goQuote(project.name)} loading profiles from environment: ${envProfiles}`,
    );
    project.profiles = envProfiles.split(',');
  }

  const projects = run.state.compose.projects;
  let dc = projects.get(project.name);
  if (dc === undefined) {
    dc = {
      project,
      configPaths: [...(project.configPaths ?? [])],
      tiltfilePath,
      services: new Map(),
      serviceNames: [],
      resOptions: new Map(),
    };
    projects.set(project.name, dc);
  } else {
    for (const p of project.configPaths ?? [])
      if (!dc.configPaths.includes(p)) dc.configPaths.push(p);
    dc.project.configPaths = [...dc.configPaths];
    if ((project.envFile ?? '') !== '') dc.project.envFile = project.envFile ?? '';
    if (project.yaml !== undefined) dc.project.yaml = project.yaml;
  }
  const services = loadServices(run, dc);
  dc.services = new Map();
  dc.serviceNames = [];
  for (const svc of services) {
    checkResourceConflict(run, svc.name);
    dc.serviceNames.push(svc.name);
    for (const f of svc.config.envFiles) {
      run.recordRead(posix.isAbsolute(f) ? f : posix.join(dc.project.projectPath, f));
    }
    dc.services.set(svc.name, svc);
  }
  return None;
}

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

function dcResource(
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

export const composeBuiltins: readonly TiltBuiltin[] = [
  { name: 'docker_compose', fn: dockerCompose },
  { name: 'dc_resource', fn: dcResource },
];
