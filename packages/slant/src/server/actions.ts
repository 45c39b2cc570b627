// The web UI's actions that are not plain object writes: trigger an update and override a
// resource's trigger mode (Tilt's /api/trigger and /api/override/trigger_mode, with its texts).
// Enable/disable and button clicks go through the object API (`/proxy/apis/…`), as in Tilt.
import type { OverrideTriggerModeRequest, TriggerRequest } from '@slant/api';
import { TRIGGER_MODES } from '@slant/api';
import { MANIFEST_ANNOTATION, type ManifestTriggerMode, readManifest } from '../engine/manifest.ts';
import { addToTriggerQueue } from '../engine/trigger-queue.ts';
import type { ObjectStore } from '../store/store.ts';
import type { Refusal } from './guard.ts';

export interface ActionResult {
  readonly code: number;
  readonly message: string;
}

const OK: ActionResult = { code: 200, message: '' };

const MODE_NAMES: Record<number, ManifestTriggerMode> = {
  [TRIGGER_MODES.auto]: 'auto',
  [TRIGGER_MODES.manualWithAutoInit]: 'manual_with_auto_init',
  [TRIGGER_MODES.manual]: 'manual',
  [TRIGGER_MODES.autoWithManualInit]: 'auto_with_manual_init',
};

function namesOf(body: unknown): string[] | Refusal {
  const names = (body as { manifest_names?: unknown } | null)?.manifest_names;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    return {
      code: 400,
      message: 'error parsing JSON payload: manifest_names must be a list of strings',
    };
  }
  return names as string[];
}

export function trigger(store: ObjectStore, body: unknown): ActionResult {
  const names = namesOf(body);
  if (!Array.isArray(names)) return names;
  const req = body as TriggerRequest;
  if (names.length !== 1) {
    return {
      code: 400,
      message: `/api/trigger currently supports exactly one manifest name, got ${names.length}`,
    };
  }
  const name = req.manifest_names[0] ?? '';
  const ui = store.get('UIResource', name);
  if (ui === undefined) return { code: 404, message: `resource "${name}" does not exist` };
  if (ui.status?.disableStatus?.state === 'Disabled') {
    return { code: 200, message: `resource "${name}" is currently disabled` };
  }
  addToTriggerQueue(store, name);
  return OK;
}

export function overrideTriggerMode(store: ObjectStore, body: unknown): ActionResult {
  const names = namesOf(body);
  if (!Array.isArray(names)) return names;
  for (const name of names) {
    if (store.get('UIResource', name) === undefined) {
      return { code: 400, message: `no manifest found with name '${name}'` };
    }
  }
  const mode = (body as OverrideTriggerModeRequest).trigger_mode as number;
  const modeName = MODE_NAMES[mode];
  if (modeName === undefined) return { code: 400, message: `invalid trigger mode: ${mode}` };
  for (const name of names) {
    // The scheduler reads the mode from the manifest annotation; the next Tiltfile run
    // writes the Tiltfile's mode back, as Tilt's override lasts until the manifest is rebuilt.
    const ui = store.getOrThrow('UIResource', name);
    const manifest = readManifest(ui);
    if (manifest === undefined) continue;
    const copy = structuredClone(ui);
    copy.metadata.annotations = {
      ...copy.metadata.annotations,
      [MANIFEST_ANNOTATION]: JSON.stringify({ ...manifest, triggerMode: modeName }),
    };
    const updated = store.update(copy);
    store.updateStatus({
      ...updated,
      status: { ...updated.status, triggerMode: mode as 0 | 1 | 2 | 3 },
    });
  }
  return OK;
}
