// trigger_mode() and the TRIGGER_MODE_AUTO / TRIGGER_MODE_MANUAL values (tiltfile_state.go): the
// default for resources that don't set their own; a resource's mode plus auto_init gives the
// UI's four combinations.
import {
  formatPosition,
  None,
  StarObject,
  typeName,
  unpackArgs,
  type Value,
} from '@slant/starlark';
import type { TiltDefinition } from '../registry.ts';
import type { TriggerMode } from '../state/build.ts';
import { fromStarString, starError } from '../text.ts';

export class TriggerModeValue extends StarObject {
  readonly mode: TriggerMode;
  constructor(mode: TriggerMode) {
    super();
    this.mode = mode;
  }
  get type(): string {
    return 'TriggerMode';
  }
  override repr(out: string[]): void {
    out.push(this.mode === 'auto' ? 'TRIGGER_MODE_AUTO' : 'TRIGGER_MODE_MANUAL');
  }
  // Tilt's values are the ints 1 (auto) and 2 (manual); one instance each per execution, so
  // identity equality is value equality.
  override hash(): number {
    return this.mode === 'auto' ? 1 : 2;
  }
}

/** A trigger_mode= parameter (starlark-go's "got T, want TriggerMode" for other values). */
export function triggerModeConv(v: Value): TriggerMode {
  if (v instanceof TriggerModeValue) return v.mode;
  throw starError(`got ${typeName(v)}, want TriggerMode`);
}

/** The UI's combination of trigger mode and auto_init (Tilt's model.TriggerMode). */
export type ResourceTriggerMode =
  | 'auto'
  | 'auto_with_manual_init'
  | 'manual_with_auto_init'
  | 'manual';

export function resourceTriggerMode(mode: TriggerMode, autoInit: boolean): ResourceTriggerMode {
  if (mode === 'auto') return autoInit ? 'auto' : 'auto_with_manual_init';
  return autoInit ? 'manual_with_auto_init' : 'manual';
}

/** Whether file changes start updates by themselves (TriggerMode.AutoOnChange). */
export function autoOnChange(m: ResourceTriggerMode): boolean {
  return m === 'auto' || m === 'auto_with_manual_init';
}

export const triggerModeBuiltins: readonly TiltDefinition[] = [
  {
    name: 'trigger_mode',
    fn: (run, thread, args, kwargs) => {
      const [mode] = unpackArgs('trigger_mode', args, kwargs, ['trigger_mode', triggerModeConv]);
      const build = run.state.build;
      if (build.triggerModeCallPos !== '') {
        throw starError(
          `trigger_mode can only be called once. It was already called at ${build.triggerModeCallPos}`,
        );
      }
      build.triggerMode = mode ?? 'auto';
      const pos = thread.callerPosition(0);
      build.triggerModeCallPos = pos === undefined ? '-' : fromStarString(formatPosition(pos));
      return None;
    },
  },
  { name: 'TRIGGER_MODE_AUTO', value: () => new TriggerModeValue('auto') },
  { name: 'TRIGGER_MODE_MANUAL', value: () => new TriggerModeValue('manual') },
];
