// Whether an object is disabled, read from the ConfigMaps its spec.disableSource names (Tilt's
// configmap.MaybeNewDisableStatus). Pending (ConfigMap missing) and Error count as disabled in
// `disabled`, so nothing starts and is killed a moment later; controllers stop only on the
// `Disabled` state.
import type {
  ConfigMapDisableSource,
  DisableSource,
  DisableState,
  DisableStatus,
} from '@slant/api';
import type { Clock } from '../../clock.ts';
import { rfc3339 } from '../../store/copy.ts';
import type { ObjectStore } from '../../store/store.ts';

interface StateAndReason {
  readonly state: DisableState;
  readonly reason: string;
}

/** Go's strconv.ParseBool. */
function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

function configMapState(store: ObjectStore, source: ConfigMapDisableSource): StateAndReason {
  const { name, key } = source;
  const cm = store.get('ConfigMap', name);
  if (cm === undefined) return { state: 'Pending', reason: `ConfigMap "${name}" does not exist` };
  const value = cm.data?.[key];
  if (value === undefined)
    return { state: 'Error', reason: `ConfigMap "${name}" has no key "${key}"` };
  const disabled = parseBool(value);
  if (disabled === undefined) {
    return {
      state: 'Error',
      reason: `error parsing ConfigMap/key "${name}"/"${key}" value "${value}" as a bool: strconv.ParseBool: parsing "${value}": invalid syntax`,
    };
  }
  return {
    state: disabled ? 'Disabled' : 'Enabled',
    reason: `ConfigMap/key "${name}"/"${key}" is ${disabled}`,
  };
}

export function disableState(
  store: ObjectStore,
  source: DisableSource | undefined,
): StateAndReason {
  if (source === undefined) {
    return { state: 'Enabled', reason: 'object does not specify a DisableSource' };
  }
  if (source.configMap !== undefined) return configMapState(store, source.configMap);
  const every = source.everyConfigMap ?? [];
  if (every.length > 0) {
    for (const cm of every) {
      const s = configMapState(store, cm);
      if (s.state !== 'Disabled') return s;
    }
    return { state: 'Disabled', reason: 'Every ConfigMap disabled' };
  }
  return { state: 'Error', reason: 'DisableSource specifies no valid sources' };
}

/** The new DisableStatus, or `prev` itself when neither state nor reason changed. */
export function nextDisableStatus(
  store: ObjectStore,
  clock: Clock,
  source: DisableSource | undefined,
  prev: DisableStatus | undefined,
): DisableStatus {
  const { state, reason } = disableState(store, source);
  if (prev !== undefined && prev.state === state && prev.reason === reason) return prev;
  return {
    disabled: state === 'Disabled' || state === 'Pending' || state === 'Error',
    lastUpdateTime: rfc3339(clock.now()),
    reason,
    state,
  };
}

/** Names of the ConfigMaps a disable source reads (for watch mappings). */
export function disableConfigMapNames(source: DisableSource | undefined): string[] {
  if (source === undefined) return [];
  const names = (source.everyConfigMap ?? []).map((c) => c.name);
  if (source.configMap !== undefined) names.push(source.configMap.name);
  return names;
}
