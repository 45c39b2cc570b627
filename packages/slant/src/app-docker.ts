// `slant docker -- ARGS` on this machine (Tilt's `tilt docker`): asks the daemon which builder
// Slant's Docker client would use, prints Tilt's header on stderr, then runs the docker CLI with
// the terminal's stdin, stdout and stderr. Composition root: builds the real Docker client.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { NodeDockerClient } from './docker/client-node.ts';
import { dockerCliCommand } from './docker/docker-cli.ts';
import { UserError } from './errors.ts';

export interface DockerCliOptions {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** stderr, for the header. */
  readonly writeErr: (text: string) => void;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Returns docker's exit code; throws UserError (Tilt's texts) when it can't run it. */
export async function runDockerCli(opts: DockerCliOptions): Promise<number> {
  let docker: NodeDockerClient;
  try {
    docker = new NodeDockerClient({
      ...(opts.env.DOCKER_HOST ? { host: opts.env.DOCKER_HOST } : {}),
      ...(opts.env.DOCKER_BUILDKIT ? { buildkitEnv: opts.env.DOCKER_BUILDKIT } : {}),
    });
  } catch (err) {
    throw new UserError(
      'docker-unreachable',
      `Failed to connect to Docker server: ${message(err)}`,
    );
  }
  let builder: '1' | '2';
  try {
    builder = await docker.builderVersion();
  } catch (err) {
    throw new UserError('docker-unreachable', `Failed to get Docker builder: ${message(err)}`);
  }
  const cmd = dockerCliCommand(builder, opts.args);
  opts.writeErr(cmd.header);
  const env: Record<string, string> = { ...opts.env };
  for (const kv of cmd.env) {
    const i = kv.indexOf('=');
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return new Promise((resolve, reject) => {
    const child = spawn('docker', [...opts.args], { stdio: 'inherit', env });
    // Ctrl-C reaches docker from the terminal; Slant only waits for it to finish.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    const done = () => process.off('SIGINT', ignore);
    child.on('error', (err: NodeJS.ErrnoException) => {
      done();
      reject(
        err.code === 'ENOENT'
          ? new UserError(
              'no-docker-cli',
              'exec: "docker": executable file not found in $PATH',
              'Install the docker CLI, or put it on PATH.',
            )
          : err,
      );
    });
    child.on('exit', (code, signal) => {
      done();
      // A signal-killed docker exits as a shell reports it: 128 + the signal number.
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}
