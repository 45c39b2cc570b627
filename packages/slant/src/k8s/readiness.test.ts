import { describe, expect, test } from 'vitest';
import { initialKinds } from './group.ts';
import { appendObjects, indexedEntities, newObjectIndex } from './object-index.ts';
import { inferPodReadinessMode, type ReadinessInput } from './readiness.ts';
import { deployment, object } from './testdata.ts';

const base: ReadinessInput = {
  entities: [],
  kinds: initialKinds(),
  explicitMode: '',
  manuallyGrouped: false,
  extraPodSelectorCount: 0,
  imageMapDepCount: 0,
};

describe('inferPodReadinessMode', () => {
  test('an explicit mode wins', () => {
    expect(
      inferPodReadinessMode({
        ...base,
        entities: [object('Job', 'j', 'batch/v1')],
        explicitMode: 'wait',
      }),
    ).toBe('wait');
  });

  test('Jobs wait for success; CronJobs, also matching the Job selector, are ignored', () => {
    expect(inferPodReadinessMode({ ...base, entities: [object('Job', 'j', 'batch/v1')] })).toBe(
      'succeeded',
    );
    expect(inferPodReadinessMode({ ...base, entities: [object('CronJob', 'c', 'batch/v1')] })).toBe(
      'ignore',
    );
  });

  test('hand-grouped resources without images or pod selectors are ignored; others wait', () => {
    expect(
      inferPodReadinessMode({
        ...base,
        entities: [object('ConfigMap', 'c')],
        manuallyGrouped: true,
      }),
    ).toBe('ignore');
    expect(inferPodReadinessMode({ ...base, manuallyGrouped: true, imageMapDepCount: 1 })).toBe(
      'wait',
    );
    expect(
      inferPodReadinessMode({ ...base, manuallyGrouped: true, extraPodSelectorCount: 1 }),
    ).toBe('wait');
    expect(inferPodReadinessMode({ ...base, entities: [deployment('d')] })).toBe('wait');
  });
});

describe('object index', () => {
  test('a duplicate object is an error pointing at the first registration', () => {
    const index = newObjectIndex();
    appendObjects(
      index,
      [deployment('web', { namespace: 'prod' })],
      'Tiltfile:1:1: in <toplevel>\nlib.star:2:3: in f',
      false,
    );
    expect(() =>
      appendObjects(index, [deployment('web', { namespace: 'prod' })], 'Tiltfile:9:1', false),
    ).toThrow(
      new Error(
        'Duplicate YAML: Deployment web (Namespace: prod)\nIgnore this error with k8s_yaml(..., allow_duplicates=True)\nYAML originally registered at: Tiltfile:1:1: in <toplevel>\n  lib.star:2:3: in f',
      ),
    );
  });

  test('allowed duplicates replace the first in place', () => {
    const index = newObjectIndex();
    const second = { ...object('ConfigMap', 'c'), data: { v: '2' } };
    appendObjects(index, [object('ConfigMap', 'c'), object('Secret', 's')], 't', false);
    appendObjects(index, [second], 't', true);
    expect(indexedEntities(index)).toEqual([second, object('Secret', 's')]);
    expect(() => appendObjects(index, [object('Secret', 's')], 't', false)).toThrow(
      /^Duplicate YAML: Secret s\n/,
    );
  });
});
