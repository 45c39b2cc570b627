// The Docker Compose CLI (Tilt's dockercompose.DockerComposeClient): `up`, `rm`, `down` and
// `ps` of one service through `docker compose` (or TILT_DOCKER_COMPOSE_CMD), run by the injected
// ProcessRunner. The project's inline YAML, if any, goes on stdin (`-f -`).
import type { DockerComposeProject, DockerComposeServiceSpec } from '@slant/api';
import type { ProcessExit, ProcessRunner } from '../exec/types.ts';
import { goQuote } from '../tiltfile/text.ts';

/** The `--project-name ... -f ...` arguments Tilt passes to every compose command. */
export function composeProjectArgs(p: DockerComposeProject): string[] {
  const out: string[] = [];
  if ((p.name ?? '') !== '') out.push('--project-name', p.name ?? '');
  if ((p.projectPath ?? '') !== '') out.push('--project-directory', p.projectPath ?? '');
  if ((p.envFile ?? '') !== '') out.push('--env-file', p.envFile ?? '');
  if ((p.yaml ?? '') !== '') out.push('-f', '-');
  for (const cp of p.configPaths ?? []) out.push('-f', cp);
  for (const pr of p.profiles ?? []) out.push('--profile', pr);
  return out;
}

/** The Compose command: `docker compose`, or the binary TILT_DOCKER_COMPOSE_CMD names. */
export function composeCommandFromEnv(env: Readonly<Record<string, string>>): string[] {
  const override = env.TILT_DOCKER_COMPOSE_CMD ?? '';
  return override === '' ? ['docker', 'compose'] : [override];
}

export type ComposeOutput = (text: string) => void;

export interface ComposeCli {
  /** `build` (when Compose builds the image) then `up --no-deps --remove-orphans --no-build -d`. */
  up(spec: DockerComposeServiceSpec, build: boolean, out: ComposeOutput): Promise<void>;
  /** `rm --stop --force` of the services (one project). */
  rm(specs: readonly DockerComposeServiceSpec[], out: ComposeOutput): Promise<void>;
  down(project: DockerComposeProject, out: ComposeOutput, deleteVolumes: boolean): Promise<void>;
  /** The service's container id (`ps -a -q`), '' when there is none. */
  containerId(spec: DockerComposeServiceSpec): Promise<string>;
}

export interface ComposeCliDeps {
  readonly processes: ProcessRunner;
  /** The environment of compose commands (DOCKER_HOST etc.). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** Go's `%q` of a []string, as Tilt's FormatError prints the command. */
function quotedArgs(argv: readonly string[]): string {
  return `[${argv.map(goQuote).join(' ')}]`;
}

function exitText(exit: ProcessExit): string {
  if (exit.error !== undefined) return exit.error;
  if (exit.signal !== null) return `signal: ${exit.signal === 'SIGKILL' ? 'killed' : exit.signal}`;
  return `exit status ${exit.code ?? 1}`;
}

export class ProcessComposeCli implements ComposeCli {
  private readonly deps: ComposeCliDeps;
  private readonly command: string[];
  // `up`, `rm` and `down` change networks non-atomically: Tilt never runs two at once.
  private mutating: Promise<unknown> = Promise.resolve();

  constructor(deps: ComposeCliDeps) {
    this.deps = deps;
    this.command = composeCommandFromEnv(deps.env);
  }

  private async run(
    project: DockerComposeProject,
    args: readonly string[],
    out: ComposeOutput | undefined,
  ): Promise<string> {
    const argv = [...this.command, ...composeProjectArgs(project), ...args];
    let stdout = '';
    const proc = this.deps.processes.start(
      {
        argv,
        dir: (project.projectPath ?? '') === '' ? this.deps.cwd : (project.projectPath ?? ''),
        env: this.deps.env,
        ...((project.yaml ?? '') === '' ? {} : { stdin: project.yaml ?? '' }),
      },
      {
        stdout: (s) => {
          if (out === undefined) stdout += s;
          else out(s);
        },
        stderr: (s) => out?.(s),
      },
    );
    const exit = await proc.exited;
    if (exit.code !== 0 || exit.error !== undefined) {
      let msg = `command ${quotedArgs(argv)} failed.\nerror: ${exitText(exit)}\n`;
      if (out === undefined && stdout !== '') msg += `\nstdout: '${stdout}'`;
      throw new Error(msg);
    }
    return stdout;
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.mutating.then(fn, fn);
    this.mutating = next.catch(() => undefined);
    return next;
  }

  async up(spec: DockerComposeServiceSpec, build: boolean, out: ComposeOutput): Promise<void> {
    if (build) await this.run(spec.project, ['build', spec.service], out);
    const args = ['up', '--no-deps', '--remove-orphans', '--no-build', '-d', spec.service];
    if (spec.project.wait === true) args.push('--wait');
    await this.serially(() => this.run(spec.project, args, out));
  }

  async rm(specs: readonly DockerComposeServiceSpec[], out: ComposeOutput): Promise<void> {
    const first = specs[0];
    if (first === undefined) return;
    const args = ['rm', '--stop', '--force', ...specs.map((s) => s.service)];
    await this.serially(() => this.run(first.project, args, out));
  }

  async down(
    project: DockerComposeProject,
    out: ComposeOutput,
    deleteVolumes: boolean,
  ): Promise<void> {
    const args = ['down', '--remove-orphans', ...(deleteVolumes ? ['--volumes'] : [])];
    await this.serially(() => this.run(project, args, out));
  }

  async containerId(spec: DockerComposeServiceSpec): Promise<string> {
    const stdout = await this.run(spec.project, ['ps', '-a', '-q', spec.service], undefined);
    return stdout.trim().split('\n')[0]?.trim() ?? '';
  }
}
