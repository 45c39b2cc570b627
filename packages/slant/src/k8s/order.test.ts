import { describe, expect, test } from 'vitest';
import { entityKind, entityName } from './entity.ts';
import {
  reverseSortedEntities,
  sortedEntities,
  toParallelizableBatches,
  typeOrder,
} from './order.ts';
import { object } from './testdata.ts';

const kinds = (list: string[]) => list.map((k, i) => object(k, `n${i}`));

describe('apply order', () => {
  test.each([
    [
      ['Deployment', 'Namespace', 'Service'],
      ['Namespace', 'Service', 'Deployment'],
    ],
    [
      ['custom1', 'custom2', 'custom3'],
      ['custom1', 'custom2', 'custom3'],
    ],
    [
      ['custom1', 'Secret', 'custom2', 'ConfigMap'],
      ['ConfigMap', 'Secret', 'custom1', 'custom2'],
    ],
    [
      [
        'Job',
        'PersistentVolumeClaim',
        'Service',
        'Pod',
        'ConfigMap',
        'PersistentVolume',
        'StatefulSet',
      ],
      [
        'PersistentVolume',
        'PersistentVolumeClaim',
        'ConfigMap',
        'Service',
        'StatefulSet',
        'Job',
        'Pod',
      ],
    ],
  ])('sorts %j as %j, keeping unknown kinds in order', (input, expected) => {
    expect(sortedEntities(kinds(input)).map(entityKind)).toEqual(expected);
  });

  test('reverse order deletes workloads before namespaces', () => {
    expect(
      reverseSortedEntities(kinds(['Namespace', 'Deployment', 'Service'])).map(entityKind),
    ).toEqual(['Deployment', 'Service', 'Namespace']);
  });

  test('unknown kinds order after all known ones', () => {
    expect(typeOrder('Namespace')).toBeLessThan(typeOrder('PodDisruptionBudget'));
    expect(typeOrder('PodDisruptionBudget')).toBeLessThan(typeOrder('Pod'));
  });
});

describe('toParallelizableBatches', () => {
  test.each([
    [[], []],
    [['Deployment', 'Deployment'], [['Deployment', 'Deployment']]],
    [
      ['Namespace', 'ConfigMap', 'Pod', 'Job'],
      [['Namespace'], ['ConfigMap'], ['Pod', 'Job']],
    ],
    [
      ['Service', 'Service', 'Deployment'],
      [['Service', 'Service'], ['Deployment']],
    ],
  ])('batches %j as %j', (input, expected) => {
    expect(toParallelizableBatches(kinds(input)).map((b) => b.map(entityKind))).toEqual(expected);
  });

  test('the same object twice goes into separate batches', () => {
    const list = [
      object('PodMonitor', 'same'),
      object('PodMonitor', 'other'),
      object('PodMonitor', 'same'),
    ];
    expect(toParallelizableBatches(list).map((b) => b.map(entityName))).toEqual([
      ['same', 'other'],
      ['same'],
    ]);
  });
});
