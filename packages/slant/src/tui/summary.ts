// The one-line status summary of prompt mode: how many resources are ok, updating, in error,
// disabled — from the UIResources the engine rolls up.
import type { UIResource } from '@slant/api';
import type { Colors } from './colors.ts';

export type ResourceState = 'ok' | 'pending' | 'error' | 'disabled';

/** A resource's state as the terminal shows it. */
export function resourceState(ui: UIResource): ResourceState {
  const s = ui.status ?? {};
  if (s.disableStatus?.state === 'Disabled') return 'disabled';
  if (s.updateStatus === 'error' || s.runtimeStatus === 'error') return 'error';
  const ready = s.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return 'ok';
  if (
    s.updateStatus === 'ok' &&
    (s.runtimeStatus === 'not_applicable' || s.runtimeStatus === 'ok')
  ) {
    return 'ok';
  }
  return 'pending';
}

export interface Counts {
  readonly total: number;
  readonly ok: number;
  readonly pending: number;
  readonly error: number;
  readonly disabled: number;
}

export function countResources(uis: readonly UIResource[]): Counts {
  const c = { total: 0, ok: 0, pending: 0, error: 0, disabled: 0 };
  for (const ui of uis) {
    c.total++;
    c[resourceState(ui)]++;
  }
  return c;
}

/** e.g. `3 resources: 2 ok, 1 pending, 0 error` (and `, 1 disabled` when any are). */
export function summaryLine(c: Counts, colors: Colors): string {
  const parts = [
    colors.green(`${c.ok} ok`),
    colors.yellow(`${c.pending} pending`),
    c.error > 0 ? colors.red(`${c.error} error`) : `${c.error} error`,
  ];
  if (c.disabled > 0) parts.push(colors.grey(`${c.disabled} disabled`));
  return `${c.total} resource${c.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
