import { describe, expect, it } from 'vitest';
import { appliedStatus, cleanApplied, failedStatus, withApplyResult } from './apply-status.ts';

const times = { start: '2026-01-01T00:00:00.000000Z', end: '2026-01-01T00:00:01.000000Z' };

describe('apply status', () => {
  it('cleanApplied drops managedFields and the last-applied annotation, keeps the rest', () => {
    const e = cleanApplied({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'x',
        managedFields: [{ manager: 'slant' }],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' },
      },
    });
    expect(e.metadata).toEqual({ name: 'x', annotations: { keep: 'me' } });
  });

  it('a completed Job gets the JobComplete condition at the attempt end', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate' },
      status: { conditions: [{ type: 'Complete', status: 'True' }] },
    };
    const s = appliedStatus([job], times, 'h1');
    expect(s.appliedInputHash).toBe('h1');
    expect(s.lastApplyTime).toBe(times.end);
    expect(s.conditions).toEqual([
      {
        type: 'JobComplete',
        status: 'True',
        lastTransitionTime: times.end,
        reason: '',
        message: '',
      },
    ]);
    const running = appliedStatus([{ ...job, status: {} }], times, 'h1');
    expect(running.conditions).toBeUndefined();
  });

  it('a new attempt replaces the last one but keeps the disable status', () => {
    const cur = {
      ...appliedStatus([], times, 'old'),
      disableStatus: {
        disabled: false,
        lastUpdateTime: times.start,
        reason: '',
        state: 'Enabled' as const,
      },
    };
    const next = withApplyResult(cur, failedStatus('boom', times));
    expect(next).toEqual({
      disableStatus: cur.disableStatus,
      error: 'boom',
      lastApplyStartTime: times.start,
      lastApplyTime: times.end,
    });
  });
});
