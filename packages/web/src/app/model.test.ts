import type { UIResource } from '@slant/api';
import { describe, expect, test } from 'vitest';
import { fromSnapshot, toSnapshot } from '../snapshot/export.ts';
import { backoffMs, viewUrl } from './connection.ts';
import { ViewModel } from './model.ts';
import { alertsOf, combinedStatus, groupByLabel, summarize } from './status.ts';

function ui(
  name: string,
  status: UIResource['status'] = {},
  labels?: Record<string, string>,
): UIResource {
  return {
    apiVersion: 'tilt.dev/v1alpha1',
    kind: 'UIResource',
    metadata: { name, ...(labels === undefined ? {} : { labels }) },
    spec: {},
    status,
  };
}

describe('ViewModel', () => {
  test('applies a complete view, then updates; a deleted object leaves', () => {
    const m = new ViewModel();
    m.apply({ isComplete: true, tiltStartTime: 't1', uiResources: [ui('a'), ui('b')] });
    m.apply({
      uiResources: [{ ...ui('a'), metadata: { name: 'a', deletionTimestamp: 'x' } }, ui('c')],
    });
    expect(m.sortedResources().map((r) => r.metadata.name)).toEqual(['b', 'c']);
  });

  test('a view from another run of the server drops the logs held', () => {
    const m = new ViewModel();
    m.apply({
      tiltStartTime: 't1',
      logList: {
        spans: { s: {} },
        segments: [{ spanId: 's', text: 'old\n' }],
        fromCheckpoint: 0,
        toCheckpoint: 1,
      },
    });
    m.apply({
      isComplete: true,
      tiltStartTime: 't2',
      logList: { segments: [{ spanId: 's', text: 'new\n' }], fromCheckpoint: 0, toCheckpoint: 1 },
    });
    expect(m.logs.linesOf(undefined).map((l) => l.text)).toEqual(['new']);
  });

  test('a snapshot round-trips objects and logs', () => {
    const m = new ViewModel();
    m.apply({
      isComplete: true,
      tiltStartTime: 't1',
      uiResources: [ui('a')],
      logList: {
        spans: { s: { manifestName: 'a' } },
        segments: [{ spanId: 's', text: 'hi\n', level: 'ERROR' }],
        fromCheckpoint: 0,
        toCheckpoint: 1,
      },
    });
    const back = fromSnapshot(JSON.stringify(toSnapshot(m, '/overview', new Date(0))));
    expect(back.sortedResources().map((r) => r.metadata.name)).toEqual(['a']);
    expect(back.logs.linesOf('a').map((l) => `${l.level} ${l.text}`)).toEqual(['ERROR hi']);
    expect(() => fromSnapshot('{}')).toThrow('not a snapshot file: it has no "view"');
  });
});

describe('status', () => {
  test('combined status: disabled, then errors, then updating, pending, healthy', () => {
    expect(
      combinedStatus(
        ui('a', {
          disableStatus: { state: 'Disabled', enabledCount: 0, disabledCount: 1, sources: [] },
          updateStatus: 'error',
        }),
      ),
    ).toBe('disabled');
    expect(combinedStatus(ui('a', { updateStatus: 'ok', runtimeStatus: 'error' }))).toBe(
      'unhealthy',
    );
    expect(combinedStatus(ui('a', { updateStatus: 'in_progress', runtimeStatus: 'ok' }))).toBe(
      'building',
    );
    expect(combinedStatus(ui('a', { updateStatus: 'ok', runtimeStatus: 'pending' }))).toBe(
      'pending',
    );
    expect(combinedStatus(ui('a', { updateStatus: 'ok', runtimeStatus: 'ok' }))).toBe('healthy');
    expect(
      summarize([ui('a', { updateStatus: 'ok' }), ui('b', { updateStatus: 'error' })]),
    ).toEqual({
      error: 1,
      warning: 0,
      pending: 0,
      healthy: 1,
      disabled: 0,
      total: 2,
    });
  });

  test("alerts are the last update's and the current pod's WARN/ERROR lines (Tilt's)", () => {
    const m = new ViewModel();
    m.apply({
      logList: {
        spans: {
          'build:a:1': { manifestName: 'a' },
          'build:a:2': { manifestName: 'a' },
          'pod:a:p': { manifestName: 'a' },
        },
        segments: [
          { spanId: 'build:a:1', text: 'old failure\n', level: 'ERROR', anchor: true },
          { spanId: 'build:a:2', text: 'careful\n', level: 'WARN', anchor: true },
          { spanId: 'pod:a:p', text: 'crash\n', level: 'ERROR', anchor: true },
        ],
        fromCheckpoint: 0,
        toCheckpoint: 3,
      },
    });
    const r = ui('a', {
      buildHistory: [{ spanID: 'build:a:2' }, { spanID: 'build:a:1' }],
      k8sResourceInfo: { spanID: 'pod:a:p' },
    });
    expect(alertsOf(r, m.logs)).toEqual({ errors: 1, warnings: 1 });
  });

  test('groups by label key, unlabeled and Tiltfile last', () => {
    const groups = groupByLabel([
      ui('(Tiltfile)'),
      ui('a', {}, { backend: '' }),
      ui('b'),
      ui('c', {}, { backend: '', api: '' }),
    ]);
    expect(groups.map(([g, rs]) => `${g}: ${rs.map((r) => r.metadata.name).join(',')}`)).toEqual([
      'api: c',
      'backend: a,c',
      'unlabeled: b',
      'Tiltfile: (Tiltfile)',
    ]);
  });
});

describe('connection', () => {
  test('resumes from its checkpoint only with the run it came from', () => {
    expect(viewUrl(0, 't1')).toBe('');
    expect(viewUrl(42, 't1')).toBe('?checkpoint=42&tiltStartTime=t1');
    expect([0, 1, 2, 3, 4, 5, 9].map(backoffMs)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });
});
