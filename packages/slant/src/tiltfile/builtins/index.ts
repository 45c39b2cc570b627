// Every builtin group, in registration order. To add a group: export an array of TiltDefinition
// from builtins/<group>.ts and spread it here.
import type { TiltDefinition } from '../registry.ts';
import { coreBuiltins } from './core.ts';
import { encodingBuiltins } from './encoding.ts';
import { filesBuiltins } from './files.ts';
import { osBuiltins } from './os.ts';
import { sysBuiltins } from './sys.ts';
import { configBuiltins } from './config.ts';
import { settingsBuiltins } from './settings.ts';
import { k8sBuiltins } from './k8s.ts';
import { dockerBuildBuiltins } from './docker-build.ts';
import { liveUpdateBuiltins } from './live-update.ts';
import { triggerModeBuiltins } from './trigger-mode.ts';
import { probeBuiltins } from './probe.ts';
import { localBuiltins } from './local.ts';
import { localResourceBuiltins } from './local-resource.ts';
import { composeBuiltins } from './docker-compose.ts';
import { v1alpha1Builtins } from './v1alpha1.ts';
import { v1alpha1ObjectBuiltins } from './v1alpha1-objects.ts';
import { v1alpha1K8sBuiltins } from './v1alpha1-k8s.ts';
import { gitBuiltins } from './git.ts';

export const ALL_BUILTINS: readonly TiltDefinition[] = [
  ...coreBuiltins,
  ...filesBuiltins,
  ...encodingBuiltins,
  ...osBuiltins,
  ...sysBuiltins,
  ...configBuiltins,
  ...settingsBuiltins,
  ...k8sBuiltins,
  ...dockerBuildBuiltins,
  ...liveUpdateBuiltins,
  ...triggerModeBuiltins,
  ...probeBuiltins,
  ...localBuiltins,
  ...localResourceBuiltins,
  ...composeBuiltins,
  ...v1alpha1Builtins,
  ...v1alpha1ObjectBuiltins,
  ...v1alpha1K8sBuiltins,
  ...gitBuiltins,
];
