// LiveUpdate: syncs changed files into running containers (and runs commands) instead of rebuilding.
import type { ApiVersion, MicroTime, ObjectMeta } from '../meta.ts';

/** Finds containers in Kubernetes. Set exactly one of image, containerName, imageMapName. */
export interface LiveUpdateKubernetesSelector {
  /** The KubernetesDiscovery whose pods are candidates. */
  discoveryName: string;
  /** Only pods created by this KubernetesApply's latest deploy; all pods when empty. */
  applyName?: string;
  /** Containers running this image (tags ignored unless given). */
  image?: string;
  containerName?: string;
  /** Containers running the image currently in this ImageMap. */
  imageMapName?: string;
}

/** Finds the container of a Docker Compose service. */
export interface LiveUpdateDockerComposeSelector {
  /** The DockerComposeService object's name. */
  service: string;
}

/** Exactly one field is set. */
export interface LiveUpdateSelector {
  kubernetes?: LiveUpdateKubernetesSelector;
  dockerCompose?: LiveUpdateDockerComposeSelector;
}

/** Where file changes come from. */
export interface LiveUpdateSource {
  /** A FileWatch name. */
  fileWatch?: string;
  /** An ImageMap whose build start time tells which changes the image already contains. */
  imageMap?: string;
}

/** Maps a local path (relative to basePath) to an absolute path in the container. */
export interface LiveUpdateSync {
  localPath: string;
  containerPath: string;
}

/** A command run in the container after syncing. */
export interface LiveUpdateExec {
  args: string[];
  /** Run only when one of these paths (relative to basePath) changed; always when empty. */
  triggerPaths: string[];
  /** Do not print the command's output. */
  echoOff: boolean;
}

/** Whether to restart the container in place after syncing (Docker runtimes only). */
export type LiveUpdateRestartStrategy = 'none' | 'always';

/** When present, every synced path is copied in full when a container starts or restarts. */
export type LiveUpdateInitialSync = Record<string, never>;

export interface LiveUpdateSpec {
  /** Absolute local path that relative paths in this object are resolved against. */
  basePath: string;
  selector: LiveUpdateSelector;
  sources?: LiveUpdateSource[];
  /** Changes to these paths (relative to basePath) need a full rebuild. */
  stopPaths?: string[];
  /** Changes outside every sync need a full rebuild. */
  syncs?: LiveUpdateSync[];
  execs?: LiveUpdateExec[];
  restart?: LiveUpdateRestartStrategy;
  initialSync?: LiveUpdateInitialSync;
}

export interface LiveUpdateContainerStateWaiting {
  reason?: string;
  message?: string;
}

/** The live-update state of one connected container. */
export interface LiveUpdateContainerStatus {
  containerName: string;
  /** Runtime-prefixed ID, e.g. `docker://<id>`. */
  containerID?: string;
  podName: string;
  namespace: string;
  /** Time of the newest file change already synced into this container. */
  lastFileTimeSynced?: MicroTime;
  lastExecError?: string;
  waiting?: LiveUpdateContainerStateWaiting;
}

/** Set when containers cannot be updated in place and need a rebuild. */
export interface LiveUpdateStateFailed {
  reason?: string;
  message?: string;
  lastTransitionTime?: MicroTime;
}

export interface LiveUpdateStatus {
  containers?: LiveUpdateContainerStatus[];
  failed?: LiveUpdateStateFailed;
}

export interface LiveUpdate {
  apiVersion: ApiVersion;
  kind: 'LiveUpdate';
  metadata: ObjectMeta;
  spec: LiveUpdateSpec;
  status?: LiveUpdateStatus;
}
