// docker_compose() (Tilt's docker_compose.go; dc_resource is in dc-resource.ts). A project is resolved by
// `docker compose ... config --format json` through the host's process runner; its services
// become resources at assembly.
import { posix } from 'node:path';
import { composeProjectArgs } from '../../docker/compose.ts';
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
  localPathConv,
  optionalBoolConv,
  stringOrStringListConv,
  valueToAbsPath,
} from './build-values.ts';
import { mergeInlineComposeYAML, parseComposeConfig } from './compose-config.ts';
import { dcResource } from './dc-resource.ts';
import { goTypeName, valueOrSequenceToSlice } from './k8s-args.ts';
import { checkResourceConflict } from './local-resource.ts';

/** compose-go's NormalizeProjectName. */
export function normalizeProjectName(s: string): string {
  return (s.toLowerCase().match(/[a-z0-9_-]/g) ?? []).join('').replace(/^[_-]+/, '');
}

/** The Compose CLI: `docker compose`, or the binary TILT_DOCKER_COMPOSE_CMD names. */
export function composeCommand(run: TiltfileRun): string[] {
  const override = run.env.get('TILT_DOCKER_COMPOSE_CMD') ?? '';
  return override === '' ? ['docker', 'compose'] : [override];
}

function loadServices(run: TiltfileRun, dc: ComposeProjectState): ComposeService[] {
  const argv = [
    ...composeCommand(run),
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

export const composeBuiltins: readonly TiltBuiltin[] = [
  { name: 'docker_compose', fn: dockerCompose },
  { name: 'dc_resource', fn: dcResource },
];
