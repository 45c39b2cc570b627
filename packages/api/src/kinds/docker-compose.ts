// DockerComposeService and DockerComposeLogStream: one Compose service and its logs.
import type { ApiVersion, MicroTime, ObjectMeta, Time } from '../meta.ts';
import type { DisableSource, DisableStatus } from '../shared.ts';

/** A Compose project: config files on disk, or YAML given inline. */
export interface DockerComposeProject {
  configPaths?: string[];
  /** Directory relative paths in the config resolve against. */
  projectPath?: string;
  /** Inline config, used when there are no configPaths. */
  yaml?: string;
  name?: string;
  envFile?: string;
  profiles?: string[];
  /** Wait for services to be running/healthy on `up`. */
  wait?: boolean;
}

export interface DockerComposeServiceSpec {
  /** The service name in the project. */
  service: string;
  project: DockerComposeProject;
  /** ImageMaps whose images the service uses. */
  imageMaps?: string[];
  disableSource?: DisableSource;
}

/** A published port. */
export interface DockerPortBinding {
  containerPort?: number;
  hostPort?: number;
  hostIP?: string;
}

/** The container's state as Docker reports it. */
export interface DockerContainerState {
  /** `created`, `running`, `exited`, ... */
  status?: string;
  running?: boolean;
  error?: string;
  exitCode?: number;
  startedAt?: MicroTime;
  finishedAt?: MicroTime;
  /** `starting`, `healthy` or `unhealthy` when the container has a health check. */
  healthStatus?: string;
}

export interface DockerComposeServiceStatus {
  disableStatus?: DisableStatus;
  portBindings?: DockerPortBinding[];
  containerState?: DockerContainerState;
  containerID?: string;
  containerName?: string;
  /** The last `up` error; empty when it succeeded. */
  applyError?: string;
  lastApplyStartTime?: MicroTime;
  lastApplyFinishTime?: MicroTime;
}

export interface DockerComposeService {
  apiVersion: ApiVersion;
  kind: 'DockerComposeService';
  metadata: ObjectMeta;
  spec: DockerComposeServiceSpec;
  status?: DockerComposeServiceStatus;
}

export interface DockerComposeLogStreamSpec {
  service: string;
  project: DockerComposeProject;
  /** Only logs after this time. */
  sinceTime?: Time;
}

export interface DockerComposeLogStreamStatus {
  startedAt?: MicroTime;
  error?: string;
}

export interface DockerComposeLogStream {
  apiVersion: ApiVersion;
  kind: 'DockerComposeLogStream';
  metadata: ObjectMeta;
  spec: DockerComposeLogStreamSpec;
  status?: DockerComposeLogStreamStatus;
}
