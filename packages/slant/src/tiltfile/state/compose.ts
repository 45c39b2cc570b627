// The compose section of TiltfileState: docker_compose() projects (keyed by project name; calls
// with the same name merge their config files) and dc_resource() options per service.
import type { DockerComposeProject } from '@slant/api';
import type { ResourceLink } from '../builtins/link.ts';
import type { ImageRef } from '../../container/ref.ts';
import type { TriggerMode } from './build.ts';

/** dc_resource() settings (Tilt's dcResourceOptions); unset fields keep Tilt's defaults. */
export interface DcResourceOptions {
  imageRefFromUser: ImageRef | undefined;
  triggerMode: TriggerMode | undefined;
  inferLinks: boolean | undefined;
  links: ResourceLink[];
  autoInit: boolean | undefined;
  labels: Record<string, string>;
  resourceDeps: string[];
}

export function newDcResourceOptions(): DcResourceOptions {
  return {
    imageRefFromUser: undefined,
    triggerMode: undefined,
    inferLinks: undefined,
    links: [],
    autoInit: undefined,
    labels: {},
    resourceDeps: [],
  };
}

/** The parts of a resolved Compose service config Tilt uses. */
export interface ComposeServiceConfig {
  readonly image: string;
  /** build.context / build.dockerfile ('' when the service has no build section). */
  readonly buildContext: string;
  readonly buildDockerfile: string;
  /** Host paths of volumes (bind-mount sources). */
  readonly volumeSources: readonly string[];
  /** Published host ports (ranges and unpublished ports dropped). */
  readonly publishedPorts: readonly number[];
  /** depends_on service names. */
  readonly dependsOn: string[];
  /** env_file paths as resolved. */
  readonly envFiles: readonly string[];
}

/** A Compose service, as Tilt sees it (dcService). */
export interface ComposeService {
  /** Resource name (dc_resource new_name renames it). */
  name: string;
  /** The service name in the Compose project. */
  readonly serviceName: string;
  readonly config: ComposeServiceConfig;
  readonly imageRefFromConfig: ImageRef;
  options: DcResourceOptions;
  /** ImageMap names of the images Slant builds for it (set during assembly). */
  imageMapDeps: string[];
}

export interface ComposeProjectState {
  project: DockerComposeProject & { name: string; projectPath: string };
  configPaths: string[];
  readonly tiltfilePath: string;
  services: Map<string, ComposeService>;
  /** Resource names in Tilt's order. */
  serviceNames: string[];
  readonly resOptions: Map<string, DcResourceOptions>;
}

export interface ComposeState {
  readonly projects: Map<string, ComposeProjectState>;
}

export function newComposeState(): ComposeState {
  return { projects: new Map() };
}

export function composeServiceCount(state: ComposeState): number {
  let n = 0;
  for (const p of state.projects.values()) n += p.services.size;
  return n;
}
