// `slant docker -- ARGS`: the docker CLI run as Slant's Docker client talks to the daemon (Tilt's
// `tilt docker`). Slant derives no daemon address of its own (no minikube docker-env): DOCKER_HOST
// and the rest reach the CLI from the environment as they reach the client. What the CLI must be
// told is the builder, since the client picks BuildKit by the daemon's API version.

export interface DockerCliCommand {
  /** Variables to add to the environment. */
  readonly env: readonly string[];
  /** Tilt's header, printed on stderr before the command runs. */
  readonly header: string;
}

export function dockerCliCommand(builder: '1' | '2', args: readonly string[]): DockerCliCommand {
  const env = [`DOCKER_BUILDKIT=${builder === '2' ? '1' : '0'}`];
  return {
    env,
    header: `Running Docker command as:\n${env.join(' ')} docker ${args.join(' ')}\n---\n`,
  };
}
