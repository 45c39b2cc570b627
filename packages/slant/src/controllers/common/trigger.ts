// When an object was last asked to start or restart (Tilt's trigger.LastStartEvent /
// LastRestartEvent): the latest UIButton click or FileWatch event among those its spec names.
// Missing buttons and FileWatches are skipped, so a deleted trigger does not block a resource.
import type { RestartOnSpec, StartOnSpec, UIButton } from '@slant/api';
import type { ObjectStore } from '../../store/store.ts';
import { isAfter, toMicros } from './time.ts';

export interface TriggerEvent {
  /** MicroTime of the latest event; '' when none. */
  readonly time: string;
  /** The button behind it, when the latest event was a click (its inputs may be used). */
  readonly button: UIButton | undefined;
}

const NONE: TriggerEvent = { time: '', button: undefined };

export function lastStartEvent(store: ObjectStore, startOn: StartOnSpec | undefined): TriggerEvent {
  if (startOn === undefined) return NONE;
  let latest = NONE;
  for (const name of startOn.uiButtons) {
    const b = store.get('UIButton', name);
    const t = b?.status?.lastClickedAt;
    if (b === undefined || t === undefined) continue;
    if (toMicros(t) >= toMicros(startOn.startAfter) && isAfter(t, latest.time)) {
      latest = { time: t, button: b };
    }
  }
  return latest;
}

export function lastRestartEvent(
  store: ObjectStore,
  restartOn: RestartOnSpec | undefined,
): TriggerEvent {
  if (restartOn === undefined) return NONE;
  let latest = NONE;
  for (const name of restartOn.fileWatches ?? []) {
    const t = store.get('FileWatch', name)?.status?.lastEventTime;
    if (t !== undefined && isAfter(t, latest.time)) latest = { time: t, button: undefined };
  }
  for (const name of restartOn.uiButtons ?? []) {
    const b = store.get('UIButton', name);
    const t = b?.status?.lastClickedAt;
    if (b !== undefined && t !== undefined && isAfter(t, latest.time))
      latest = { time: t, button: b };
  }
  return latest;
}
