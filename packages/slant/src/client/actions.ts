// The user actions of the client commands, as store writes through the API (Tilt's CLI does the
// same through its API server): trigger → the `tilt-trigger-queue` ConfigMap, enable/disable →
// each resource's disable ConfigMap, args → the Tiltfile object's spec.args.
import { API_VERSION, type ConfigMap, type Tiltfile, type UIResource } from '@slant/api';
import { UserError } from '../errors.ts';
import { ApiError, type ApiClient } from './api-client.ts';
import { noSuchResource } from './resources.ts';

export const TRIGGER_QUEUE = 'tilt-trigger-queue';
export const MAIN_TILTFILE = '(Tiltfile)';
/** model.BuildReasonFlagTriggerCLI */
const BUILD_REASON_TRIGGER_CLI = 1 << 5;
const MAX_CONFLICT_RETRIES = 10;

async function uiResources(client: ApiClient): Promise<UIResource[]> {
  return (await client.list<UIResource>('UIResource')).items;
}

/** Queues an update of `name`, as `tilt trigger` does; throws Tilt's texts when it can't. */
export async function triggerResource(client: ApiClient, name: string): Promise<void> {
  const all = await uiResources(client);
  const ui = all.find((u) => u.metadata.name === name);
  if (ui === undefined)
    throw noSuchResource(
      name,
      all.map((u) => u.metadata.name),
    );
  if (ui.status?.disableStatus?.state === 'Disabled') {
    throw new UserError('resource-disabled', `resource "${name}" is currently disabled`);
  }
  // Read-modify-write of the queue, retried on Conflict: the engine takes entries off it.
  for (let attempt = 0; ; attempt++) {
    const cm = await client.find<ConfigMap>('ConfigMap', TRIGGER_QUEUE);
    const names = Object.entries(cm?.data ?? {})
      .filter(([k]) => k.endsWith('-name'))
      .sort(([a], [b]) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
      .map(([, v]) => v);
    if (names.includes(name)) return;
    const data: Record<string, string> = {};
    [...names, name].forEach((n, i) => {
      data[`${i}-name`] = n;
      data[`${i}-reason-code`] = String(BUILD_REASON_TRIGGER_CLI);
    });
    try {
      if (cm === undefined) {
        await client.create<ConfigMap>({
          apiVersion: API_VERSION,
          kind: 'ConfigMap',
          metadata: { name: TRIGGER_QUEUE },
          data,
        });
      } else {
        await client.update<ConfigMap>({ ...cm, data });
      }
      return;
    } catch (err) {
      const retry =
        err instanceof ApiError &&
        (err.reason === 'Conflict' || err.reason === 'AlreadyExists') &&
        attempt < MAX_CONFLICT_RETRIES;
      if (!retry) throw err;
    }
  }
}

export interface EnableOptions {
  readonly enable: boolean;
  readonly all: boolean;
  readonly only: boolean;
  readonly labels: readonly string[];
}

/**
 * Tilt's changeEnabledResources: the named resources get `enable`; with `only` every other
 * resource the opposite; with `all` every resource; with labels every resource having one.
 * Resources without disable sources (the Tiltfile) are always enabled and left alone.
 */
export async function changeEnabledResources(
  client: ApiClient,
  selected: readonly string[],
  opts: EnableOptions,
): Promise<void> {
  const all = await uiResources(client);
  const byName = new Map(all.map((u) => [u.metadata.name, u]));
  for (const name of selected) {
    const ui = byName.get(name);
    if (ui === undefined) throw noSuchResource(name, [...byName.keys()]);
    if ((ui.status?.disableStatus?.sources ?? []).length === 0) {
      throw new UserError('cannot-disable', `${name} cannot be enabled or disabled`);
    }
  }
  const chosen = new Set(selected);
  for (const ui of all) {
    const sources = ui.status?.disableStatus?.sources ?? [];
    if (sources.length === 0) continue;
    let enable: boolean;
    if (chosen.has(ui.metadata.name)) enable = opts.enable;
    else if (opts.labels.length > 0) {
      if (!opts.labels.some((l) => Object.hasOwn(ui.metadata.labels ?? {}, l))) continue;
      enable = opts.enable;
    } else if (opts.all) enable = opts.enable;
    else if (opts.only) enable = !opts.enable;
    else continue;
    for (const source of sources) {
      if (source.configMap === undefined) {
        throw new Error(
          `internal error: resource ${ui.metadata.name}'s DisableSource does not have a ConfigMap'`,
        );
      }
      await setConfigMapKey(client, source.configMap.name, source.configMap.key, String(!enable));
    }
  }
}

/** Create-or-update of one key (a merge patch changes only that key). */
async function setConfigMapKey(
  client: ApiClient,
  name: string,
  key: string,
  value: string,
): Promise<void> {
  try {
    await client.patch('ConfigMap', name, { data: { [key]: value } });
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 404) throw err;
    await client.create<ConfigMap>({
      apiVersion: API_VERSION,
      kind: 'ConfigMap',
      metadata: { name },
      data: { [key]: value },
    });
  }
}

export async function tiltfileArgs(client: ApiClient): Promise<string[]> {
  const tf = await client.get<Tiltfile>('Tiltfile', MAIN_TILTFILE);
  return [...(tf.spec.args ?? [])];
}

/** Sets the running session's Tiltfile args; false when they were already those. */
export async function setTiltfileArgs(
  client: ApiClient,
  args: readonly string[],
): Promise<boolean> {
  const tf = await client.get<Tiltfile>('Tiltfile', MAIN_TILTFILE);
  const cur = tf.spec.args ?? [];
  if (cur.length === args.length && cur.every((a, i) => a === args[i])) return false;
  await client.update<Tiltfile>({ ...tf, spec: { ...tf.spec, args: [...args] } });
  return true;
}
