import { describe, expect, test } from 'vitest';
import {
  containers,
  entityGVK,
  entityLabels,
  entityNamespace,
  envVars,
  hasKind,
  hasNamespace,
  imageVolumeSources,
  immutableOnceCreated,
  isTypedWorkloadKind,
  objectAddress,
  objectAddressKey,
  podSpecs,
  podTemplateSpecs,
  withNamespace,
} from './entity.ts';
import { WEB_WITH_SIDECAR, object, one } from './testdata.ts';

describe('entity identity', () => {
  test('GVK splits apiVersion into group and version; core has no group', () => {
    expect(entityGVK(object('Deployment', 'x', 'apps/v1'))).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
    });
    expect(entityGVK(object('Pod', 'x'))).toEqual({ group: '', version: 'v1', kind: 'Pod' });
  });

  test('namespace defaults to default; the address keeps it as written', () => {
    const e = object('Service', 's');
    expect(entityNamespace(e)).toBe('default');
    expect(objectAddress(e)).toEqual({
      name: 's',
      namespace: '',
      kind: 'Service',
      apiVersion: 'v1',
    });
    expect(hasNamespace(e, '')).toBe(true);
    expect(hasNamespace(e, 'default')).toBe(true);
    expect(hasNamespace(withNamespace(e, 'prod'), 'prod')).toBe(true);
    expect(entityNamespace(e)).toBe('default');
  });

  test('address keys differ by each part', () => {
    const keys = new Set([
      objectAddressKey(objectAddress(object('Service', 's'))),
      objectAddressKey(objectAddress(object('Service', 's', 'v1', 'x'))),
      objectAddressKey(objectAddress(object('ConfigMap', 's'))),
      objectAddressKey(objectAddress(object('Service', 's', 'v2'))),
    ]);
    expect(keys.size).toBe(4);
  });

  test('kind comparison ignores case; Jobs and Pods are immutable', () => {
    expect(hasKind(object('Deployment', 'd'), 'deployment')).toBe(true);
    expect(immutableOnceCreated(object('Job', 'j', 'batch/v1'))).toBe(true);
    expect(immutableOnceCreated(object('Deployment', 'd', 'apps/v1'))).toBe(false);
  });

  test('labels ignore non-string values', () => {
    expect(entityLabels({ metadata: { labels: { a: 'b', n: 1 } } })).toEqual({ a: 'b' });
  });
});

describe('pod templates and containers', () => {
  test('finds containers and init containers, not ephemeral ones', () => {
    const e = one(WEB_WITH_SIDECAR);
    expect(containers(e).map((c) => c.name)).toEqual(['migrate', 'web', 'sidecar']);
  });

  test('finds env vars of every container kind and image volumes', () => {
    const e = one(WEB_WITH_SIDECAR);
    expect(envVars(e).map((v) => v.name)).toEqual(['WORKER_IMAGE', 'PLAIN', 'FROM_FIELD', 'E']);
    expect(imageVolumeSources(e)).toEqual([
      { reference: 'gcr.io/shop/models:v2', pullPolicy: 'Always' },
    ]);
  });

  test.each([
    ['apps/v1', 'Deployment', ['spec', 'template']],
    ['extensions/v1beta1', 'DaemonSet', ['spec', 'template']],
    ['apps/v1beta1', 'StatefulSet', ['spec', 'template']],
    ['batch/v1', 'Job', ['spec', 'template']],
    ['batch/v1beta1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
    ['v1', 'ReplicationController', ['spec', 'template']],
    ['v1', 'PodTemplate', ['template']],
  ])('%s %s has its pod template at %j', (apiVersion, kind, path) => {
    const template = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ image: 'x' }] } };
    const e: Record<string, unknown> = { apiVersion, kind };
    let cur = e;
    path.forEach((key, i) => {
      cur[key] = i === path.length - 1 ? template : {};
      cur = cur[key] as Record<string, unknown>;
    });
    expect(podTemplateSpecs(e)).toEqual([template]);
    expect(podTemplateSpecs(e)[0]).toBe(template);
    expect(containers(e)).toEqual([{ image: 'x' }]);
  });

  test('a Pod has a pod spec but no pod template', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ image: 'p' }] } };
    expect(podTemplateSpecs(pod)).toEqual([]);
    expect(podSpecs(pod)).toHaveLength(1);
    expect(containers(pod)).toEqual([{ image: 'p' }]);
  });

  test('built-in kinds have a template even when the YAML leaves it out', () => {
    expect(podTemplateSpecs(object('Deployment', 'd', 'apps/v1'))).toEqual([{}]);
    expect(podTemplateSpecs(object('ReplicationController', 'rc'))).toEqual([]);
  });

  test('custom kinds and unknown versions are not searched', () => {
    const crd = {
      apiVersion: 'example.com/v1',
      kind: 'Deployment',
      spec: { template: { spec: { containers: [{ image: 'x' }] } } },
    };
    expect(isTypedWorkloadKind(crd)).toBe(false);
    expect(podTemplateSpecs(crd)).toEqual([]);
    expect(containers(crd)).toEqual([]);
    expect(isTypedWorkloadKind(object('Deployment', 'd', 'apps/v1'))).toBe(true);
  });
});
