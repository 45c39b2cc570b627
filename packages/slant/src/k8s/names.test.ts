import { describe, expect, test } from 'vitest';
import {
  duplicateYAMLDetectedError,
  type EntityMeta,
  fragmentsToEntities,
  fullNameFromEntity,
  objectIdString,
  potentialNames,
  uniqueNames,
  uniqueNamesMeta,
} from './names.ts';
import { deployment, object, service } from './testdata.ts';

const meta = (name: string, kind: string, namespace: string, group: string): EntityMeta => ({
  name,
  kind,
  namespace,
  group,
});

describe('uniqueNamesMeta', () => {
  test.each<[string, EntityMeta[], string[]]>([
    ['a lone workload uses its name', [meta('web', 'Deployment', 'default', 'apps')], ['web']],
    [
      'different names stay short',
      [meta('a', 'Deployment', 'default', 'apps'), meta('b', 'Job', 'default', 'batch')],
      ['a', 'b'],
    ],
    [
      'same name, different kinds add the lower-cased kind',
      [meta('web', 'Deployment', 'default', 'apps'), meta('web', 'CronJob', 'default', 'batch')],
      ['web:deployment', 'web:cronjob'],
    ],
    [
      'same name and kind add the namespace',
      [meta('web', 'Deployment', 'default', 'apps'), meta('web', 'Deployment', 'prod', 'apps')],
      ['web:deployment:default', 'web:deployment:prod'],
    ],
    [
      'same namespace adds the group',
      [
        meta('web', 'Deployment', 'default', 'apps'),
        meta('web', 'Deployment', 'default', 'extensions'),
      ],
      ['web:deployment:default:apps', 'web:deployment:default:extensions'],
    ],
    [
      'each workload takes its own shortest unique name',
      [
        meta('web', 'Deployment', 'default', 'a'),
        meta('web', 'Deployment', 'prod', 'b'),
        meta('web', 'CronJob', 'default', 'b'),
      ],
      ['web:deployment:default', 'web:deployment:prod', 'web:cronjob'],
    ],
    [
      'identical workloads get their index',
      [meta('web', 'Deployment', 'default', ''), meta('web', 'Deployment', 'default', '')],
      ['web:deployment:default:core:0', 'web:deployment:default:core:1'],
    ],
    ['names are lower-cased', [meta('Web', 'Deployment', 'default', 'apps')], ['web']],
  ])('%s', (_, metas, expected) => {
    expect(uniqueNamesMeta(metas, 1)).toEqual(expected);
  });

  test('minComponents starts at name:kind', () => {
    expect(uniqueNamesMeta([meta('web', 'Deployment', 'default', 'apps')], 2)).toEqual([
      'web:deployment',
    ]);
  });

  test('colons and backslashes in parts are escaped', () => {
    expect(potentialNames(meta('a:b', 'K', 'n\\s', ''), 1)).toEqual([
      'a\\:b',
      'a\\:b:k',
      'a\\:b:k:n\\\\s',
      'a\\:b:k:n\\\\s:core',
    ]);
  });

  test('uniqueNames reads entities, defaulting the namespace', () => {
    expect(uniqueNames([deployment('web'), deployment('web', { namespace: 'x' })], 1)).toEqual([
      'web:deployment:default',
      'web:deployment:x',
    ]);
  });
});

describe('fragments', () => {
  test('every fragment maps to the entities it names', () => {
    const svc = service('blorg', { app: 'b' });
    const dep = deployment('blorg', { apiVersion: 'extensions/v1beta1' });
    const fragments = fragmentsToEntities([svc, dep]);
    expect(Object.fromEntries(fragments)).toEqual({
      blorg: [svc, dep],
      'blorg:service': [svc],
      'blorg:service:default': [svc],
      'blorg:service:default:core': [svc],
      'blorg:deployment': [dep],
      'blorg:deployment:default': [dep],
      'blorg:deployment:default:extensions': [dep],
    });
  });

  test('full names keep case and leave out the group', () => {
    expect(fullNameFromEntity(object('ClusterRole', 'Admin', 'rbac.authorization.k8s.io/v1'))).toBe(
      'Admin:ClusterRole:default',
    );
  });

  test('object ids and the duplicate entity message', () => {
    expect(objectIdString(meta('Web', 'Deployment', 'default', ''))).toBe(
      'web:deployment:default:',
    );
    expect(duplicateYAMLDetectedError('Deployment web')).toBe(
      'Duplicate YAML Entity: Deployment web has been detected across one or more resources.  Only one specification per entity can be applied to the cluster; to ensure expected behavior, remove the duplicate specifications.',
    );
  });
});
