// Every builtin group, in registration order. To add a group: export an array of TiltDefinition
// from builtins/<group>.ts and spread it here.
import type { TiltDefinition } from '../registry.ts';
import { coreBuiltins } from './core.ts';

export const ALL_BUILTINS: readonly TiltDefinition[] = [...coreBuiltins];
