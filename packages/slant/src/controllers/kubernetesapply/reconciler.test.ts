import type { KubernetesApply } from '@slant/api';
import { describe, expect, it } from 'vitest';
import { configMap } from '../../store/testing.ts';
import { createKubernetesApplyReconciler } from './reconciler.ts';
import { DEPLOYMENT_YAML, fixture, imageMap, kubernetesApply, SERVICE_YAML } from './testing.ts';

function setup() {
  const f = fixture();
  const reconciler = createKubernetesApplyReconciler({ ...f });
  const ctx = { store: f.store, clock: f.clock, signal: new AbortController().signal };
  const reconcile = (name: string) => reconciler.reconcile(name, ctx);
  return { ...f, reconciler, reconcile };
}

function disabled(ka: KubernetesApply): KubernetesApply {
  return {
    ...ka,
    spec: { ...ka.spec, disableSource: { configMap: { name: 'web-disable', key: 'isDisabled' } } },
  };
}

describe('KubernetesApply reconciler', () => {
  it('applies an object nobody else manages and creates its KubernetesDiscovery', async () => {
    const t = setup();
    t.store.create(imageMap('web-image', 'web-image', 'web-image:tilt-1'));
    const ka = t.store.create(
      kubernetesApply('web', {
        yaml: `${DEPLOYMENT_YAML}---\n${SERVICE_YAML.replace('  namespace: ns1\n', '')}`,
        imageMaps: ['web-image'],
        kubernetesDiscoveryTemplateSpec: { extraSelectors: [{ matchLabels: { app: 'web' } }] },
        podLogStreamTemplateSpec: { onlyContainers: ['web'] },
      }),
    );
    await t.reconcile('web');

    const uids = Object.fromEntries(
      t.kube.all().map((o) => [o.kind, (o.metadata as { uid: string }).uid]),
    );
    const kd = t.store.get('KubernetesDiscovery', 'web');
    expect(kd?.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'KubernetesApply',
        name: 'web',
        uid: ka.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(kd?.metadata.annotations).toEqual({
      'tilt.dev/resource': 'web',
      'tilt.dev/log-span-id': 'kubernetesapply:web',
    });
    expect(kd?.spec).toEqual({
      cluster: '',
      watches: [
        { uid: uids.Service, namespace: 'ctx-ns', name: 'web' },
        { uid: uids.Deployment, namespace: 'ns1', name: 'web' },
      ],
      extraSelectors: [{ matchLabels: { app: 'web' } }],
      podLogStreamTemplateSpec: { onlyContainers: ['web'] },
    });
    expect(t.store.get('KubernetesApply', 'web')?.status?.disableStatus).toEqual({
      disabled: false,
      lastUpdateTime: '2024-01-01T00:00:00Z',
      reason: 'object does not specify a DisableSource',
      state: 'Enabled',
    });
  });

  it('re-applies only when the spec or an ImageMap changes', async () => {
    const t = setup();
    t.store.create(imageMap('web-image', 'web-image', 'web-image:tilt-1'));
    t.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML, imageMaps: ['web-image'] }));
    await t.reconcile('web');
    await t.reconcile('web');
    expect(t.kube.applyCalls).toHaveLength(1);

    const im = structuredClone(t.store.get('ImageMap', 'web-image')!);
    im.status = { image: 'web-image:tilt-2', imageFromCluster: 'web-image:tilt-2' };
    t.store.updateStatus(im);
    expect(t.reconciler.watches?.[0]?.map(im)).toEqual(['web']);
    await t.reconcile('web');
    expect(t.kube.applyCalls).toHaveLength(2);
    const d = t.kube.all()[0] as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(d.spec.template.spec.containers[0]?.image).toBe('web-image:tilt-2');
  });

  it('waits for the ImageMaps it needs', async () => {
    const t = setup();
    t.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML, imageMaps: ['web-image'] }));
    await t.reconcile('web');
    expect(t.kube.applyCalls).toEqual([]);
    expect(t.store.get('KubernetesDiscovery', 'web')).toBeUndefined();
  });

  it('waits until its Cluster is connected', async () => {
    const t = setup();
    t.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML, cluster: 'default' }));
    await t.reconcile('web');
    expect(t.kube.applyCalls).toEqual([]);
  });

  it('leaves objects managed by the build controller alone', async () => {
    const t = setup();
    t.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML }, { managed: true }));
    await t.reconcile('web');
    expect(t.kube.applyCalls).toEqual([]);
    expect(t.store.get('KubernetesDiscovery', 'web')).toBeUndefined();
  });

  it('logs a failed apply of an unmanaged object and keeps discovery as it was', async () => {
    const t = setup();
    t.store.create(kubernetesApply('web', { yaml: 'kind: Deployment' }));
    await t.reconcile('web');
    expect(t.store.get('KubernetesApply', 'web')?.status?.error).toBe(
      `decoding Deployment "": Object 'apiVersion' is missing in '{"kind":"Deployment"}'`,
    );
    expect(t.logs.entries.filter((e) => e.level === 'ERROR').map((e) => e.text)).toEqual([
      `kubernetesapply web: decoding Deployment "": Object 'apiVersion' is missing in '{"kind":"Deployment"}'\n`,
    ]);
  });

  it('deletes what it applied, and its discovery, when disabled', async () => {
    const t = setup();
    t.store.create(configMap('web-disable', { isDisabled: 'false' }));
    t.store.create(disabled(kubernetesApply('web', { yaml: DEPLOYMENT_YAML })));
    await t.reconcile('web');
    expect(t.kube.all()).toHaveLength(1);
    expect(t.store.get('KubernetesDiscovery', 'web')).toBeDefined();

    t.store.update(configMap('web-disable', { isDisabled: 'true' }));
    t.logs.entries.length = 0;
    await t.reconcile('web');
    expect(t.kube.all()).toEqual([]);
    expect(t.store.get('KubernetesDiscovery', 'web')).toBeUndefined();
    const status = t.store.get('KubernetesApply', 'web')?.status;
    expect(status).toEqual({
      appliedInputHash: status?.appliedInputHash,
      disableStatus: {
        disabled: true,
        lastUpdateTime: '2024-01-01T00:00:00Z',
        reason: 'ConfigMap/key "web-disable"/"isDisabled" is true',
        state: 'Disabled',
      },
    });
    expect(t.logs.text('web')).toBe(
      'Beginning deleting disabled Kubernetes objects\nDeleting kubernetes objects:\n→ Deployment/web\n',
    );

    t.store.update(configMap('web-disable', { isDisabled: 'false' }));
    await t.reconcile('web');
    expect(t.kube.all()).toHaveLength(1);
  });

  it('deletes what it applied when the object is deleted', async () => {
    const t = setup();
    t.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML }));
    await t.reconcile('web');
    t.store.delete('KubernetesApply', 'web');
    t.logs.entries.length = 0;
    await t.reconcile('web');
    expect(t.kube.all()).toEqual([]);
    expect(t.store.get('KubernetesDiscovery', 'web')).toBeUndefined();
    expect(t.logs.text('web')).toBe(
      'Beginning garbage collecting Kubernetes objects\nDeleting kubernetes objects:\n→ Deployment/web\n',
    );
  });

  it('deletes what the build controller applied once the object is deleted', async () => {
    const t = setup();
    t.store.create(kubernetesApply('web', { yaml: DEPLOYMENT_YAML }, { managed: true }));
    await t.applier.apply('web', new AbortController().signal);
    await t.reconcile('web');
    expect(t.store.get('KubernetesDiscovery', 'web')).toBeDefined();
    t.store.delete('KubernetesApply', 'web');
    await t.reconcile('web');
    expect(t.kube.all()).toEqual([]);
  });

  it('does not delete an object that moved to another KubernetesApply', async () => {
    const t = setup();
    t.store.create(kubernetesApply('a', { yaml: DEPLOYMENT_YAML }));
    await t.reconcile('a');
    t.store.create(kubernetesApply('b', { yaml: DEPLOYMENT_YAML }));
    await t.reconcile('b');
    t.store.delete('KubernetesApply', 'a');
    await t.reconcile('a');
    expect(t.kube.all()).toHaveLength(1);
  });
});
