// `slant docker -- ARGS` on this machine (Tilt's `tilt docker`): asks the daemon which builder
// Slant's Docker client would use, prints Tilt's header on stderr, then runs the docker CLI with
// the terminal's stdin, stdout and stderr. And `slant dump image-deploy-ref REF`, for
// custom_build scripts. Composition root: builds the real Docker client.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { familiarString, parseNormalizedNamed, withTag } from './container/ref.ts';
import { digestAsTag } from './controllers/dockerimage/docker-output.ts';
import type { DockerClient } from './docker/client.ts';
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

/**
 * The ref an image is deployed as (Tilt's DumpImageDeployRef): its name with the content-based
 * tag Slant gives built images, `tilt-<16 hex of the image id>`. A custom_build script that
 * built $EXPECTED_REF prints it with `slant dump image-deploy-ref $EXPECTED_REF`.
 */
export async function imageDeployRef(
  docker: Pick<DockerClient, 'inspectImage'>,
  ref: string,
): Promise<string> {
  try {
    const parsed = parseNormalizedNamed(ref);
    const image = await docker.inspectImage(ref);
    if (image === undefined) throw new Error(`Error response from daemon: No such image: ${ref}`);
    return familiarString(withTag(parsed, digestAsTag(image.id)));
  } catch (err) {
    throw new UserError('image-deploy-ref', `DumpImageDeployRef: ${message(err)}`);
  }
}

/** `slant dump image-deploy-ref REF` with the real Docker client. */
export function dumpImageDeployRef(
  ref: string,
  env: Readonly<Record<string, string>>,
): Promise<string> {
  const docker = new NodeDockerClient(env.DOCKER_HOST ? { host: env.DOCKER_HOST } : {});
  return imageDeployRef(docker, ref);
}
