// The push half of an image build (Tilt's ImageBuilder.push): a pipeline step of its own that
// either explains why it skips or pushes the local ref with the Docker client.
import type { ClusterImageNeeds, DockerImageStageStatus, RegistryHosting } from '@slant/api';
import type { Clock } from '../../clock.ts';
import { familiarString, type ImageRef, refName, refString } from '../../container/ref.ts';
import { type DockerClient, DockerError } from '../../docker/client.ts';
import type { BuildLog } from './build-log.ts';
import { errorText, microTime } from './refs.ts';

/** Lets the build controller number the steps (`STEP i/n — …`) of a build. */
export interface BuildPipeline {
  startStep(name: string): void;
  endStep(): void;
}

export interface PushInput {
  readonly localRef: ImageRef;
  readonly clusterNeeds: ClusterImageNeeds | undefined;
  readonly registry: RegistryHosting | undefined;
  /** custom_build(skips_local_docker / disable_push): the command pushes by itself. */
  readonly commandPushes?: boolean;
}

export interface PushDeps {
  readonly docker: DockerClient;
  readonly clock: Clock;
}

/**
 * Whether the image must be pushed. Without a registry Slant does not push an image the user
 * named without one (its Docker Hub name would only fail), but does push `gcr.io/…`-style names.
 */
function skipReason(input: PushInput): string | undefined {
  if (input.commandPushes === true) {
    return 'Skipping push: custom_build() configured to handle push itself';
  }
  if (input.clusterNeeds !== 'push') return 'Skipping push: base image does not need deploy';
  if ((input.registry?.host ?? '') === '' && input.localRef.domain === 'docker.io') {
    return 'Skipping push: no registry configured';
  }
  return undefined;
}

/** Runs the push step; the returned stage (if any) carries the push error. */
export async function pushStep(
  deps: PushDeps,
  log: BuildLog,
  input: PushInput,
  pipeline: BuildPipeline | undefined,
  signal: AbortSignal,
): Promise<DockerImageStageStatus | undefined> {
  pipeline?.startStep(`Pushing ${familiarString(input.localRef)}`);
  try {
    const skip = skipReason(input);
    if (skip !== undefined) {
      log.step(skip);
      return undefined;
    }
    const startedAt = microTime(deps.clock.now());
    log.step('Pushing with Docker client');
    const error = await push(deps.docker, log, input.localRef, signal);
    const stage: DockerImageStageStatus = {
      name: 'docker push',
      startedAt,
      finishedAt: microTime(deps.clock.now()),
    };
    if (error !== undefined) stage.error = `docker push: ${error}`;
    return stage;
  } finally {
    pipeline?.endStep();
  }
}

async function push(
  docker: DockerClient,
  log: BuildLog,
  ref: ImageRef,
  signal: AbortSignal,
): Promise<string | undefined> {
  log.step(`Authenticating to image repo: ${refName(ref)}`);
  log.step('Sending image data');
  try {
    await docker.push(refString(ref), (m) => log.dockerMessage(m), signal);
    return undefined;
  } catch (err) {
    // A refused API call is Tilt's "PushImage#ImagePush"; an error in the stream is the push's own.
    if (err instanceof DockerError && err.statusCode !== undefined) {
      return `PushImage#ImagePush: ${err.message}`;
    }
    return `pushing image ${JSON.stringify(refName(ref))}: ${errorText(err)}`;
  }
}
