// The config section of TiltfileState: config.define_*() settings, config.parse() and the
// enabled-resources choice (Tilt's internal/tiltfile/config Settings).
import type { Value } from '@slant/starlark';
import type { FlagValue } from '../pflag.ts';

/** A setting's value: set from a flag (pflag Value) or from tilt_config.json. */
export interface ConfigValue extends FlagValue {
  readonly isSet: boolean;
  starlark(): Value;
  /** From decoded JSON; throws Error with Tilt's text ("expected string, found float64"). */
  setFromJSON(x: unknown): void;
}

export interface ConfigSettingDef {
  readonly name: string;
  readonly usage: string;
  readonly newValue: () => ConfigValue;
}

export interface ConfigState {
  /** In definition order. */
  readonly defs: Map<string, ConfigSettingDef>;
  /** The setting fed by positional args (args=True), or ''. */
  positionalName: string;
  /** config.parse() was called; define_* calls are then errors and args stop naming resources. */
  parseCalled: boolean;
  /** The directory config.parse() was called from ('' before). */
  seenWorkingDirectory: string;
  /** clear_enabled_resources(): start with everything disabled. */
  disableAll: boolean;
  /** set_enabled_resources(names); undefined when never called. */
  enabledResources: string[] | undefined;
}

export function newConfigState(): ConfigState {
  return {
    defs: new Map(),
    positionalName: '',
    parseCalled: false,
    seenWorkingDirectory: '',
    disableAll: false,
    enabledResources: undefined,
  };
}
