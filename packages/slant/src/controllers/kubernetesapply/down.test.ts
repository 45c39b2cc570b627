import { describe, expect, it } from 'vitest';
import { FakeKubeClient } from '../../k8s/client-fake.ts';
import { downKubernetesApplies } from './down.ts';
import { DEPLOYMENT_YAML, kubernetesApply, SERVICE_YAML } from './testing.ts';

const NAMESPACE_YAML = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n';
const KEPT_YAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: keep-me
  namespace: ns1
  annotations:
    tilt.dev/down-policy: keep
`;

describe('downKubernetesApplies', () => {
  const yaml = [NAMESPACE_YAML, SERVICE_YAML, DEPLOYMENT_YAML, KEPT_YAML].join('---\n');

  it('deletes in reverse apply order, keeping namespaces and objects marked keep', async () => {
    const kube = new FakeKubeClient();
    const lines: string[] = [];
    const result = await downKubernetesApplies(
      kube,
      [kubernetesApply('web', { yaml })],
      { deleteNamespaces: false },
      (l) => lines.push(l),
    );
    expect(kube.deleteCalls).toEqual([
      [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'ns1' },
        { apiVersion: 'v1', kind: 'Service', name: 'web', namespace: 'ns1' },
      ],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.deleted.map((e) => e.kind)).toEqual(['Deployment', 'Service']);
    expect(lines).toEqual([
      'Not deleting namespaces: ns1',
      'Run with --delete-namespaces to delete namespaces as well.',
      'Deleting kubernetes objects:',
      '→ Deployment/web',
      '→ Service/web',
    ]);
  });

  it('deletes namespaces last when asked to', async () => {
    const kube = new FakeKubeClient();
    await downKubernetesApplies(
      kube,
      [kubernetesApply('web', { yaml })],
      { deleteNamespaces: true },
      () => {},
    );
    expect(kube.deleteCalls[0]?.map((r) => r.kind)).toEqual(['Deployment', 'Service', 'Namespace']);
  });

  it('skips objects deployed by a command', async () => {
    const kube = new FakeKubeClient();
    const ka = kubernetesApply('web', {
      applyCmd: { args: ['x'], dir: '/', env: [] },
      deleteCmd: { args: ['y'], dir: '/', env: [] },
    });
    expect(await downKubernetesApplies(kube, [ka], { deleteNamespaces: false }, () => {})).toEqual({
      deleted: [],
      errors: [],
    });
  });
});
