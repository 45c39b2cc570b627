import { describe, expect, test } from 'vitest';
import {
  filterByHasPodTemplateSpec,
  filterByMatchesPodTemplateSpec,
  filterByMetadataLabels,
  matchesMetadataLabels,
  selectorMatchesLabels,
} from './labels.ts';
import { deployment, object, service } from './testdata.ts';

describe('selectorMatchesLabels', () => {
  test('a Service matches labels that include all of its selector', () => {
    const svc = service('s', { app: 'web' });
    expect(selectorMatchesLabels(svc, { app: 'web', tier: 'x' })).toBe(true);
    expect(selectorMatchesLabels(svc, { app: 'api' })).toBe(false);
    expect(selectorMatchesLabels(svc, {})).toBe(false);
  });

  test('an empty selector and non-Services match nothing', () => {
    expect(selectorMatchesLabels(service('s', {}), { app: 'web' })).toBe(false);
    expect(selectorMatchesLabels(deployment('d'), { app: 'd' })).toBe(false);
  });
});

describe('metadata labels', () => {
  test('matches when the given labels are a subset', () => {
    const e = { ...object('ConfigMap', 'c'), metadata: { name: 'c', labels: { a: '1', b: '2' } } };
    expect(matchesMetadataLabels(e, { a: '1' })).toBe(true);
    expect(matchesMetadataLabels(e, { a: '2' })).toBe(false);
    expect(matchesMetadataLabels(e, {})).toBe(true);
    const [pass, rest] = filterByMetadataLabels([e, object('Secret', 's')], { b: '2' });
    expect(pass).toEqual([e]);
    expect(rest).toHaveLength(1);
  });
});

describe('filterByMatchesPodTemplateSpec', () => {
  test('takes the Services selecting the workload pods, keeping the rest in order', () => {
    const web = deployment('web', { labels: { app: 'web', tier: 'front' } });
    const s1 = service('web', { app: 'web' });
    const s2 = service('api', { app: 'api' });
    const cm = object('ConfigMap', 'web');
    const [match, rest] = filterByMatchesPodTemplateSpec(web, [s1, s2, cm]);
    expect(match).toEqual([s1]);
    expect(rest).toEqual([s2, cm]);
  });

  test('a namespaced Service only matches a workload in its namespace', () => {
    const web = deployment('web', { namespace: 'shop' });
    const same = service('a', { app: 'web' }, 'shop');
    const other = service('b', { app: 'web' }, 'other');
    const none = service('c', { app: 'web' });
    const [match, rest] = filterByMatchesPodTemplateSpec(web, [same, other, none]);
    expect(match).toEqual([same, none]);
    expect(rest).toEqual([other]);
  });

  test('objects without a pod template match nothing', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } } };
    const svc = service('p', { app: 'p' });
    expect(filterByMatchesPodTemplateSpec(pod, [svc])).toEqual([[], [svc]]);
  });

  test('filterByHasPodTemplateSpec separates pod-template objects', () => {
    const d = deployment('d');
    const [pass, rest] = filterByHasPodTemplateSpec([d, service('s', {}), object('Pod', 'p')]);
    expect(pass).toEqual([d]);
    expect(rest.map((e) => e.kind)).toEqual(['Service', 'Pod']);
  });
});
