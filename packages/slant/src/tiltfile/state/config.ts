// The config section of TiltfileState: config.define_*() settings, config.parse() and the
// enabled-resources choice (Tilt's internal/tiltfile/config).

export type ConfigSettingType = 'string' | 'string_list' | 'bool' | 'object';

export interface ConfigSettingDef {
  readonly name: string;
  readonly type: ConfigSettingType;
  /** Positional Tiltfile args feed this setting. */
  readonly args: boolean;
  readonly usage: string;
}

/**
 * Which resources start enabled: 'args' = Tilt's default (the positional Tiltfile args name them;
 * none = all), 'all', 'none' (clear_enabled_resources), or an explicit list.
 */
export type EnabledResources =
  | { readonly kind: 'args' }
  | { readonly kind: 'list'; readonly names: readonly string[] };

export interface ConfigState {
  readonly defs: Map<string, ConfigSettingDef>;
  /** Set once config.parse() ran (later define_* calls then fail). */
  parsed: boolean;
  /** The positional-args setting, if one was defined with args=True. */
  positionalName: string | undefined;
  enabled: EnabledResources;
}

export function newConfigState(): ConfigState {
  return { defs: new Map(), parsed: false, positionalName: undefined, enabled: { kind: 'args' } };
}
