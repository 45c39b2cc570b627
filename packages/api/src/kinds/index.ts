// The list of kinds, their REST resource names, and the union of all API objects.
import type { Cluster, ConfigMap } from './cluster.ts';
import type { Cmd } from './cmd.ts';
import type { DockerComposeLogStream, DockerComposeService } from './docker-compose.ts';
import type { Extension, ExtensionRepo } from './extension.ts';
import type { FileWatch } from './filewatch.ts';
import type { CmdImage, DockerImage, ImageMap } from './image.ts';
import type { KubernetesApply } from './kubernetes-apply.ts';
import type { KubernetesDiscovery } from './kubernetes-discovery.ts';
import type { LiveUpdate } from './liveupdate.ts';
import type { PodLogStream } from './pod-log-stream.ts';
import type { PortForward } from './port-forward.ts';
import type { Session } from './session.ts';
import type { Tiltfile } from './tiltfile.ts';
import type { ToggleButton, UIButton } from './uibutton.ts';
import type { UIResource } from './uiresource.ts';
import type { UISession } from './uisession.ts';

/** Every kind Slant serves, each once. */
export const KIND_NAMES = [
  'Tiltfile',
  'Session',
  'FileWatch',
  'Cmd',
  'DockerImage',
  'CmdImage',
  'ImageMap',
  'KubernetesApply',
  'KubernetesDiscovery',
  'PodLogStream',
  'PortForward',
  'LiveUpdate',
  'DockerComposeService',
  'DockerComposeLogStream',
  'Cluster',
  'ConfigMap',
  'UIResource',
  'UISession',
  'UIButton',
  'ToggleButton',
  'Extension',
  'ExtensionRepo',
] as const;

export type Kind = (typeof KIND_NAMES)[number];

/** Maps each kind name to its object type. */
export interface ApiObjectsByKind {
  Tiltfile: Tiltfile;
  Session: Session;
  FileWatch: FileWatch;
  Cmd: Cmd;
  DockerImage: DockerImage;
  CmdImage: CmdImage;
  ImageMap: ImageMap;
  KubernetesApply: KubernetesApply;
  KubernetesDiscovery: KubernetesDiscovery;
  PodLogStream: PodLogStream;
  PortForward: PortForward;
  LiveUpdate: LiveUpdate;
  DockerComposeService: DockerComposeService;
  DockerComposeLogStream: DockerComposeLogStream;
  Cluster: Cluster;
  ConfigMap: ConfigMap;
  UIResource: UIResource;
  UISession: UISession;
  UIButton: UIButton;
  ToggleButton: ToggleButton;
  Extension: Extension;
  ExtensionRepo: ExtensionRepo;
}

/** The object type of kind K. */
export type ApiObjectOf<K extends Kind> = ApiObjectsByKind[K];

/** Any API object; narrow it with `kind`. */
export type ApiObject = ApiObjectsByKind[Kind];

/** Lower-case plural resource names, as used in URLs (`/apis/tilt.dev/v1alpha1/<plural>`). */
export const KIND_PLURALS: { readonly [K in Kind]: string } = {
  Tiltfile: 'tiltfiles',
  Session: 'sessions',
  FileWatch: 'filewatches',
  Cmd: 'cmds',
  DockerImage: 'dockerimages',
  CmdImage: 'cmdimages',
  ImageMap: 'imagemaps',
  KubernetesApply: 'kubernetesapplys',
  KubernetesDiscovery: 'kubernetesdiscoveries',
  PodLogStream: 'podlogstreams',
  PortForward: 'portforwards',
  LiveUpdate: 'liveupdates',
  DockerComposeService: 'dockercomposeservices',
  DockerComposeLogStream: 'dockercomposelogstreams',
  Cluster: 'clusters',
  ConfigMap: 'configmaps',
  UIResource: 'uiresources',
  UISession: 'uisessions',
  UIButton: 'uibuttons',
  ToggleButton: 'togglebuttons',
  Extension: 'extensions',
  ExtensionRepo: 'extensionrepos',
};
