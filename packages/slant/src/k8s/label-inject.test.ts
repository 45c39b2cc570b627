import { describe, expect, test } from 'vitest';
import { entityLabels, podTemplateLabels, podTemplateSpecs } from './entity.ts';
import { addLabels, overwriteLabels } from './label-inject.ts';
import { deployment, object, service } from './testdata.ts';

const managedBy = [{ key: 'app.kubernetes.io/managed-by', value: 'tilt' }];

describe('addLabels', () => {
  test('labels the object and its pod template, not the selector', () => {
    const d = deployment('web');
    const out = addLabels(d, managedBy);
    expect(entityLabels(out)).toEqual({ 'app.kubernetes.io/managed-by': 'tilt' });
    expect(podTemplateLabels(podTemplateSpecs(out)[0]!)).toEqual({
      app: 'web',
      'app.kubernetes.io/managed-by': 'tilt',
    });
    expect((out.spec as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'web' } });
    expect(entityLabels(d)).toEqual({});
  });

  test('a selector that already has the key gets the new value', () => {
    const d = deployment('web', { labels: { app: 'web', tier: 'old' } });
    const out = addLabels(d, [{ key: 'tier', value: 'new' }]);
    expect((out.spec as { selector: unknown }).selector).toEqual({
      matchLabels: { app: 'web', tier: 'new' },
    });
  });

  test('Service selectors follow the same rule', () => {
    const s = addLabels(service('s', { app: 'web' }), [...managedBy, { key: 'app', value: 'x' }]);
    expect((s.spec as { selector: unknown }).selector).toEqual({ app: 'x' });
    expect(entityLabels(s)).toEqual({ 'app.kubernetes.io/managed-by': 'tilt', app: 'x' });
  });

  test('custom resources only get metadata labels', () => {
    const crd = {
      apiVersion: 'x.io/v1',
      kind: 'Deployment',
      metadata: { name: 'c', labels: { a: 'b' } },
      spec: { template: { metadata: {} } },
    };
    const out = addLabels(crd, managedBy);
    expect(entityLabels(out)).toEqual({ a: 'b', 'app.kubernetes.io/managed-by': 'tilt' });
    expect(out.spec).toEqual({ template: { metadata: {} } });
  });
});

describe('overwriteLabels', () => {
  test('replaces metadata labels and keeps only known selector keys', () => {
    const d = deployment('web', { labels: { app: 'web', tier: 't' } });
    const out = overwriteLabels(d, [{ key: 'app', value: 'new' }]);
    expect(podTemplateLabels(podTemplateSpecs(out)[0]!)).toEqual({ app: 'new' });
    expect((out.spec as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'new' } });
    expect(
      entityLabels(
        overwriteLabels(
          { ...object('ConfigMap', 'c'), metadata: { name: 'c', labels: { x: 'y' } } },
          managedBy,
        ),
      ),
    ).toEqual({
      'app.kubernetes.io/managed-by': 'tilt',
    });
  });
});
