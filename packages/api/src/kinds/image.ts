// Image kinds: DockerImage (docker_build), CmdImage (custom_build) and ImageMap (latest ref).
import type { ApiVersion, MicroTime, ObjectMeta } from '../meta.ts';
import type { ClusterImageNeeds, IgnoreDef } from '../shared.ts';

export interface DockerImageSpec {
  /** The image name (and optional tag) as the user wrote it; the built tag is chosen by Slant. */
  ref: string;
  dockerfileContents?: string;
  /** Build context directory. */
  context?: string;
  /** Files left out of the context (in addition to .dockerignore). */
  contextIgnores?: IgnoreDef[];
  /** Build arguments as `KEY=value`. */
  args?: string[];
  /** Build only up to this stage. */
  target?: string;
  /** `--ssh` values. */
  sshAgentConfigs?: string[];
  /** `--secret` values. */
  secrets?: string[];
  network?: string;
  /** Always pull newer base images. */
  pull?: boolean;
  cacheFrom?: string[];
  platform?: string;
  /** Extra tags to apply to the built image. */
  extraTags?: string[];
  /** ImageMaps of base images this build depends on, injected as build arguments. */
  imageMaps?: string[];
  /** The Cluster the image is built for. */
  cluster?: string;
  clusterNeeds?: ClusterImageNeeds;
  /** `--add-host` values. */
  extraHosts?: string[];
}

export interface DockerImageStateWaiting {
  reason?: string;
}

export interface DockerImageStateBuilding {
  reason?: string;
  startedAt?: MicroTime;
}

export interface DockerImageStateCompleted {
  reason?: string;
  /** The build error; empty when it succeeded. */
  error?: string;
  startedAt?: MicroTime;
  finishedAt?: MicroTime;
}

/** Progress of one build stage (one Dockerfile step). */
export interface DockerImageStageStatus {
  name: string;
  cached?: boolean;
  startedAt?: MicroTime;
  finishedAt?: MicroTime;
  error?: string;
}

/** At most one of waiting / building / completed is set. */
export interface DockerImageStatus {
  /** The reference of the last successfully built image, with its immutable tag. */
  ref?: string;
  waiting?: DockerImageStateWaiting;
  building?: DockerImageStateBuilding;
  completed?: DockerImageStateCompleted;
  stageStatuses?: DockerImageStageStatus[];
}

export interface DockerImage {
  apiVersion: ApiVersion;
  kind: 'DockerImage';
  metadata: ObjectMeta;
  spec: DockerImageSpec;
  status?: DockerImageStatus;
}

/** Where a custom build leaves its image. */
export type CmdImageOutputMode = 'local-docker' | 'local-docker-and-remote' | 'remote';

export interface CmdImageSpec {
  /** The image name as the user wrote it. */
  ref: string;
  /** The build command and its arguments. */
  args?: string[];
  dir?: string;
  /** Extra environment variables as `KEY=value`. */
  env?: string[];
  imageMaps?: string[];
  outputMode?: CmdImageOutputMode;
  /** A fixed tag the command must produce, for tools that cannot take the expected ref. */
  outputTag?: string;
  /** A file the command writes the built image reference into. */
  outputsImageRefTo?: string;
  cluster?: string;
  clusterNeeds?: ClusterImageNeeds;
}

export interface CmdImageStateWaiting {
  reason?: string;
}

export interface CmdImageStateBuilding {
  reason?: string;
  startedAt?: MicroTime;
}

export interface CmdImageStateCompleted {
  reason?: string;
  error?: string;
  startedAt?: MicroTime;
  finishedAt?: MicroTime;
}

/** At most one of waiting / building / completed is set. */
export interface CmdImageStatus {
  ref?: string;
  waiting?: CmdImageStateWaiting;
  building?: CmdImageStateBuilding;
  completed?: CmdImageStateCompleted;
}

export interface CmdImage {
  apiVersion: ApiVersion;
  kind: 'CmdImage';
  metadata: ObjectMeta;
  spec: CmdImageSpec;
  status?: CmdImageStatus;
}

/** Replaces a container's `command` when its image is injected. */
export interface ImageMapOverrideCommand {
  command: string[];
}

/** Replaces a container's `args` when its image is injected. */
export interface ImageMapOverrideArgs {
  args: string[];
}

export interface ImageMapSpec {
  /** The image reference to find in deployed YAML; tags are ignored unless `matchExact`. */
  selector: string;
  matchExact?: boolean;
  /** Also replace the reference where it appears in container environment variables. */
  matchInEnvVars?: boolean;
  overrideCommand?: ImageMapOverrideCommand;
  overrideArgs?: ImageMapOverrideArgs;
}

export interface ImageMapStatus {
  /** The built reference with an immutable tag, as the cluster's runtime pulls it. */
  image?: string;
  /** The same image as seen from the local machine (where it was pushed). */
  imageFromLocal?: string;
  /** The same image as seen from the cluster's container runtime. */
  imageFromCluster?: string;
  /** When the build started: file changes before this are in the image. */
  buildStartTime?: MicroTime;
}

export interface ImageMap {
  apiVersion: ApiVersion;
  kind: 'ImageMap';
  metadata: ObjectMeta;
  spec: ImageMapSpec;
  status?: ImageMapStatus;
}
