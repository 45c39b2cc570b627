import type { UIResourceStatus } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { uiResourceConditions } from './conditions.ts';

const NOW = '2026-01-01T00:00:00.000000Z';
const LATER = '2026-01-01T00:01:00.000000Z';

describe('uiResourceConditions', () => {
  it('a resource whose runtime is ok is Ready', () => {
    expect(uiResourceConditions({ runtimeStatus: 'ok', updateStatus: 'ok' }, NOW)).toEqual([
      { type: 'UpToDate', status: 'True', lastTransitionTime: NOW },
      { type: 'Ready', status: 'True', lastTransitionTime: NOW },
    ]);
  });

  it('a local resource without a serve command is Ready once its update succeeded', () => {
    const s: UIResourceStatus = { runtimeStatus: 'not_applicable', updateStatus: 'ok' };
    expect(uiResourceConditions(s, NOW)[1]).toEqual({
      type: 'Ready',
      status: 'True',
      lastTransitionTime: NOW,
    });
  });

  it('gives Tilt reasons for not being ready, Disabled first', () => {
    const reason = (s: UIResourceStatus) => uiResourceConditions(s, NOW)[1]?.reason;
    expect(reason({ updateStatus: 'error', disableStatus: disabled() })).toBe('Disabled');
    expect(reason({ runtimeStatus: 'error', updateStatus: 'error' })).toBe('RuntimeError');
    expect(reason({ runtimeStatus: 'pending', updateStatus: 'error' })).toBe('UpdateError');
    expect(reason({ runtimeStatus: 'pending', updateStatus: 'ok' })).toBe('RuntimePending');
    expect(reason({ runtimeStatus: 'pending', updateStatus: 'pending' })).toBe('UpdatePending');
    expect(reason({ runtimeStatus: 'pending', updateStatus: 'in_progress' })).toBe('Unknown');
  });

  it('UpToDate is false with the update error as reason', () => {
    expect(uiResourceConditions({ updateStatus: 'error' }, NOW)[0]).toEqual({
      type: 'UpToDate',
      status: 'False',
      reason: 'UpdateError',
      lastTransitionTime: NOW,
    });
  });

  it('keeps the transition time of a condition that did not change, moves it when it did', () => {
    const first = uiResourceConditions({ runtimeStatus: 'pending', updateStatus: 'ok' }, NOW);
    const again = uiResourceConditions(
      { runtimeStatus: 'pending', updateStatus: 'ok', conditions: first },
      LATER,
    );
    expect(again.map((c) => c.lastTransitionTime)).toEqual([NOW, NOW]);
    const ready = uiResourceConditions(
      { runtimeStatus: 'ok', updateStatus: 'ok', conditions: first },
      LATER,
    );
    expect(ready.map((c) => c.lastTransitionTime)).toEqual([NOW, LATER]);
  });
});

function disabled(): NonNullable<UIResourceStatus['disableStatus']> {
  return { enabledCount: 0, disabledCount: 1, state: 'Disabled', sources: [] };
}
