import { describe, expect, test } from 'vitest';
import { refString } from '../container/ref.ts';
import { parseSelector } from '../container/selector.ts';
import { entityName, type K8sEntity } from './entity.ts';
import {
  type AssembleInput,
  assembleK8s,
  initialKinds,
  isWorkload,
  type ResourceGrouping,
} from './group.ts';
import { newJSONPathImageLocator } from './locator.ts';
import { kindSelector } from './object-selector.ts';
import { deployment, object, service } from './testdata.ts';

const input = (entities: K8sEntity[], more: Partial<AssembleInput> = {}): AssembleInput => ({
  entities,
  kinds: initialKinds(),
  envVarImages: [],
  groupings: [],
  ...more,
});

const grouping = (workload: string, more: Partial<ResourceGrouping> = {}): ResourceGrouping => ({
  workload,
  newName: '',
  objects: [],
  manuallyGrouped: false,
  position: 'Tiltfile:1:1',
  ...more,
});

const summary = (r: ReturnType<typeof assembleK8s>) => ({
  resources: Object.fromEntries(
    r.resources.map((x) => [x.name, x.entities.map((e) => `${e.kind}/${entityName(e)}`)]),
  ),
  uncategorized: r.unresourced.map((e) => `${e.kind}/${entityName(e)}`),
});

describe('assembleK8s', () => {
  test('workloads become resources with the Services that select them; the rest is uncategorized', () => {
    const r = assembleK8s(
      input([
        object('Namespace', 'shop'),
        deployment('web'),
        service('web', { app: 'web' }),
        deployment('api'),
        service('api-svc', { app: 'api' }),
        service('orphan', { app: 'nothing' }),
        object('ConfigMap', 'web-config'),
      ]),
    );
    expect(summary(r)).toEqual({
      resources: {
        web: ['Deployment/web', 'Service/web'],
        api: ['Deployment/api', 'Service/api-svc'],
      },
      uncategorized: ['Namespace/shop', 'Service/orphan', 'ConfigMap/web-config'],
    });
    expect(r.resources[0]?.imageRefs.map(refString)).toEqual(['docker.io/library/web-image']);
  });

  test('a Service attaches to the first workload whose pods it selects', () => {
    const r = assembleK8s(
      input([
        deployment('a', { labels: { app: 'x' } }),
        deployment('b', { labels: { app: 'x' } }),
        service('s', { app: 'x' }),
      ]),
    );
    expect(summary(r).resources).toEqual({ a: ['Deployment/a', 'Service/s'], b: ['Deployment/b'] });
  });

  test('same-named workloads get kind and namespace in their names', () => {
    const job = {
      ...object('Job', 'web', 'batch/v1'),
      spec: { template: { spec: { containers: [{ image: 'j' }] } } },
    };
    const r = assembleK8s(
      input([deployment('web'), job, deployment('web', { namespace: 'prod' })]),
    );
    expect(r.resources.map((x) => x.name)).toEqual([
      'web:deployment:default',
      'web:job',
      'web:deployment:prod',
    ]);
  });

  test('registered kinds are workloads even without images; pod-template objects without images get named resources', () => {
    const emptyJob = object('Job', 'migrate', 'batch/v1');
    const noContainers = {
      ...deployment('idle'),
      spec: { template: { metadata: { labels: { app: 'idle' } } } },
    };
    const r = assembleK8s(input([noContainers, service('idle', { app: 'idle' }), emptyJob]));
    expect(summary(r).resources).toEqual({
      migrate: ['Job/migrate'],
      idle: ['Deployment/idle', 'Service/idle'],
    });
  });

  test('CRDs are workloads through their image locators', () => {
    const crd = {
      apiVersion: 'example.com/v1',
      kind: 'Machine',
      metadata: { name: 'm' },
      spec: { image: 'frontend' },
    };
    const kinds = [
      ...initialKinds(),
      {
        selector: kindSelector('Machine'),
        imageLocators: [newJSONPathImageLocator(kindSelector('Machine'), '{.spec.image}')],
        podReadinessMode: '' as const,
      },
    ];
    const r = assembleK8s(input([crd], { kinds }));
    expect(r.resources.map((x) => [x.name, x.imageRefs.map(refString)])).toEqual([
      ['m', ['docker.io/library/frontend']],
    ]);
  });

  test('workloadNames overrides naming', () => {
    const r = assembleK8s(
      input([deployment('a'), deployment('b')], {
        workloadNames: (ws) => ws.map((w) => `x-${entityName(w)}`),
      }),
    );
    expect(r.resources.map((x) => x.name)).toEqual(['x-a', 'x-b']);
  });

  test('a workload name taken by another resource type is an error', () => {
    expect(() =>
      assembleK8s(
        input([deployment('a')], {
          otherResourceConflict: (n) =>
            n === 'a' ? 'local_resource named "a" already exists' : undefined,
        }),
      ),
    ).toThrow(
      new Error(
        'error making resource for workload a:deployment:default:apps: local_resource named "a" already exists',
      ),
    );
  });
});

describe('k8s_resource groupings', () => {
  const base = (): K8sEntity[] => [
    deployment('web'),
    object('ConfigMap', 'web-config'),
    object('Secret', 'creds', 'v1', 'prod'),
    object('Secret', 'web-config'),
  ];

  test('objects move from uncategorized to the workload resource', () => {
    const r = assembleK8s(
      input(base(), {
        groupings: [grouping('web', { objects: ['web-config:configmap', 'creds'] })],
      }),
    );
    expect(summary(r)).toEqual({
      resources: { web: ['Deployment/web', 'ConfigMap/web-config', 'Secret/creds'] },
      uncategorized: ['Secret/web-config'],
    });
    expect(r.groupingTargets).toEqual(['web']);
  });

  test('new_name with objects makes a new resource; renames keep grouping targets', () => {
    const r = assembleK8s(
      input(base(), {
        groupings: [
          grouping('config', {
            newName: 'config',
            manuallyGrouped: true,
            objects: ['web-config:ConfigMap:default'],
          }),
          grouping('web', { newName: 'frontend' }),
        ],
      }),
    );
    expect(summary(r).resources).toEqual({
      frontend: ['Deployment/web'],
      config: ['ConfigMap/web-config'],
    });
    expect(r.resources.find((x) => x.name === 'config')?.manuallyGrouped).toBe(true);
    expect(r.groupingTargets).toEqual(['config', 'frontend']);
  });

  test('an unknown workload lists the known resources', () => {
    expect(() =>
      assembleK8s(input([deployment('a'), deployment('b')], { groupings: [grouping('c')] })),
    ).toThrow(
      new Error(
        'Tiltfile:1:1: k8s_resource specified unknown resource "c". known k8s resources: a, b',
      ),
    );
  });

  test('renaming onto an existing name is an error', () => {
    expect(() =>
      assembleK8s(
        input([deployment('a'), deployment('b')], { groupings: [grouping('a', { newName: 'b' })] }),
      ),
    ).toThrow(
      new Error(
        'Tiltfile:1:1: k8s_resource specified to rename "a" to "b": k8s_resource named "b" already exists',
      ),
    );
  });

  test('a new resource named like an existing one is an error', () => {
    const g = grouping('web', { newName: 'web', manuallyGrouped: true, objects: ['creds'] });
    expect(() => assembleK8s(input(base(), { groupings: [g] }))).toThrow(
      new Error('k8s_resource named "web" already exists'),
    );
  });

  test('an unknown fragment lists every object', () => {
    expect(() =>
      assembleK8s(input(base(), { groupings: [grouping('web', { objects: ['nope'] })] })),
    ).toThrow(
      new Error(
        'No object identified by the fragment "nope" could be found. Possible objects are: "web:Deployment:default", "web-config:ConfigMap:default", "creds:Secret:prod", "web-config:Secret:default"',
      ),
    );
  });

  test('suggested objects are escaped, so a colon in a name is not a fragment separator', () => {
    const entities = [deployment('web'), object('Secret', 'quu:bar')];
    expect(() =>
      assembleK8s(input(entities, { groupings: [grouping('web', { objects: ['quu:bar'] })] })),
    ).toThrow(
      new Error(
        'No object identified by the fragment "quu:bar" could be found. Possible objects are: "web:Deployment:default", "quu\\\\:bar:Secret:default"',
      ),
    );
    const ok = assembleK8s(
      input(entities, { groupings: [grouping('web', { objects: ['quu\\:bar'] })] }),
    );
    expect(summary(ok).resources).toEqual({ web: ['Deployment/web', 'Secret/quu:bar'] });
  });

  test('an ambiguous fragment lists its matches', () => {
    expect(() =>
      assembleK8s(input(base(), { groupings: [grouping('web', { objects: ['web-config'] })] })),
    ).toThrow(
      new Error(
        '"web-config" is not a unique fragment. Objects that match "web-config" are "web-config:ConfigMap:default", "web-config:Secret:default"',
      ),
    );
  });

  test('an object already claimed is reported with the remaining fragments', () => {
    const groupings = [
      grouping('web', { objects: ['creds'] }),
      grouping('web', { objects: ['creds'] }),
    ];
    expect(() => assembleK8s(input(base(), { groupings }))).toThrow(
      new Error(
        'No object identified by the fragment "creds" could be found in remaining YAML. Valid remaining fragments are: "web-config:ConfigMap:default", "web-config:Secret:default"',
      ),
    );
  });

  test('a malformed selector names the string', () => {
    expect(() =>
      assembleK8s(input(base(), { groupings: [grouping('web', { objects: ['a:b:c:d'] })] })),
    ).toThrow(
      new Error(
        'Error making selector from string "a:b:c:d": Too many parts in selector. Selectors must contain between 1 and 3 parts (colon separated), found 4 parts in a:b:c:d',
      ),
    );
  });
});

describe('isWorkload', () => {
  test('any image, a registered kind, or a selected env var image', () => {
    const withEnv = { apiVersion: 'v1', kind: 'Pod', spec: { containers: [] as unknown[] } };
    expect(isWorkload(deployment('d'), [], [])).toBe(true);
    expect(isWorkload(object('Job', 'j', 'batch/v1'), initialKinds(), [])).toBe(true);
    expect(isWorkload(object('ConfigMap', 'c'), initialKinds(), [])).toBe(false);
    expect(isWorkload(withEnv, [], [parseSelector('x')])).toBe(false);
  });

  test('an unparseable image is an error naming the object', () => {
    expect(() => isWorkload(deployment('d', { image: 'UP' }), [], [])).toThrow(
      new Error(
        'finding images in d: parsing UP: invalid reference format: repository name (library/UP) must be lowercase',
      ),
    );
  });
});

describe('initial resources (k8s_custom_deploy)', () => {
  test('come first, can be configured and renamed, and conflict with workload names', () => {
    const r = assembleK8s(
      input([deployment('web')], {
        initialResources: ['custom'],
        groupings: [grouping('custom', { newName: 'renamed' })],
      }),
    );
    expect(r.resources.map((x) => x.name)).toEqual(['renamed', 'web']);
    expect(r.groupingResources[0]).toBe(r.resources[0]);
    expect(() => assembleK8s(input([deployment('web')], { initialResources: ['web'] }))).toThrow(
      'error making resource for workload web:deployment:default:apps: k8s_resource named "web" already exists',
    );
  });
});
