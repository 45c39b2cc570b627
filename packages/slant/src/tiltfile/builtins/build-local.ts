// The BUILD+LOCAL builtin groups in one list, for builtins/index.ts.
import type { TiltDefinition } from '../registry.ts';
import { composeBuiltins } from './docker-compose.ts';
import { dockerBuildBuiltins } from './docker-build.ts';
import { liveUpdateBuiltins } from './live-update.ts';
import { localBuiltins } from './local.ts';
import { localResourceBuiltins } from './local-resource.ts';
import { probeBuiltins } from './probe.ts';
import { triggerModeBuiltins } from './trigger-mode.ts';

export const buildLocalBuiltins: readonly TiltDefinition[] = [
  ...localBuiltins,
  ...dockerBuildBuiltins,
  ...composeBuiltins,
  ...localResourceBuiltins,
  ...triggerModeBuiltins,
  ...liveUpdateBuiltins,
  ...probeBuiltins,
];
