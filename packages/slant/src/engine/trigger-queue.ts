// Tilt's trigger queue: the ConfigMap `tilt-trigger-queue` lists resources a user asked to update
// (`slant trigger`, the UI's button) as `<i>-name` / `<i>-reason-code` pairs. The build controller
// takes a resource off the queue when it starts its update.
import type { ConfigMap } from '@slant/api';
import { API_VERSION } from '@slant/api';
import type { ObjectStore } from '../store/store.ts';

export const TRIGGER_QUEUE_NAME = 'tilt-trigger-queue';
/** model.BuildReasonFlagTriggerUnknown: what a trigger without a known source reports. */
const REASON_TRIGGER_UNKNOWN = 1 << 7;

export function namesInTriggerQueue(cm: ConfigMap | undefined): string[] {
  if (cm?.data === undefined) return [];
  const entries = Object.entries(cm.data).filter(([k]) => k.endsWith('-name'));
  entries.sort(([a], [b]) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  return entries.map(([, v]) => v);
}

export function inTriggerQueue(store: ObjectStore, name: string): boolean {
  return namesInTriggerQueue(store.get('ConfigMap', TRIGGER_QUEUE_NAME)).includes(name);
}

function writeQueue(store: ObjectStore, names: readonly string[]): void {
  const data: Record<string, string> = {};
  names.forEach((n, i) => {
    data[`${i}-name`] = n;
    data[`${i}-reason-code`] = String(REASON_TRIGGER_UNKNOWN);
  });
  const cm: ConfigMap = {
    apiVersion: API_VERSION,
    kind: 'ConfigMap',
    metadata: { name: TRIGGER_QUEUE_NAME },
    data,
  };
  store.upsert(cm);
}

/** Queues an update of `name` (a resource or `(Tiltfile)`); a no-op when already queued. */
export function addToTriggerQueue(store: ObjectStore, name: string): void {
  const names = namesInTriggerQueue(store.get('ConfigMap', TRIGGER_QUEUE_NAME));
  if (names.includes(name)) return;
  writeQueue(store, [...names, name]);
}

export function removeFromTriggerQueue(store: ObjectStore, name: string): void {
  const names = namesInTriggerQueue(store.get('ConfigMap', TRIGGER_QUEUE_NAME));
  if (!names.includes(name)) return;
  writeQueue(
    store,
    names.filter((n) => n !== name),
  );
}
