import { describe, expect, test } from 'vitest';
import { DIR, errorOf, runTiltfile } from '../test-util.ts';

describe('v1alpha1.kubernetes_apply / kubernetes_discovery', () => {
  test('declare objects from YAML or an apply command, with helper specs', () => {
    const r = runTiltfile(
      `v1alpha1.kubernetes_apply(name="db", apply_cmd=v1alpha1.kubernetes_apply_cmd(args=["./apply.sh"], dir="deploy"),
    timeout="1m", discovery_strategy="selectors-only",
    kubernetes_discovery_template_spec=v1alpha1.kubernetes_discovery_template_spec(
        extra_selectors=[v1alpha1.label_selector(match_labels={"app": "db"})]),
    port_forward_template_spec=v1alpha1.port_forward_template_spec(forwards=[v1alpha1.forward(local_port=5432, container_port=5432)]))
v1alpha1.kubernetes_discovery(name="db", watches=[v1alpha1.kubernetes_watch_ref(namespace="default", name="db")])
`,
    );
    expect(r.error).toBeUndefined();
    expect(r.objects.find((o) => o.kind === 'KubernetesApply' && o.metadata.name === 'db')).toEqual(
      {
        apiVersion: 'tilt.dev/v1alpha1',
        kind: 'KubernetesApply',
        metadata: { name: 'db' },
        spec: {
          timeout: '1m0s',
          kubernetesDiscoveryTemplateSpec: { extraSelectors: [{ matchLabels: { app: 'db' } }] },
          portForwardTemplateSpec: { forwards: [{ localPort: 5432, containerPort: 5432 }] },
          discoveryStrategy: 'selectors-only',
          applyCmd: { args: ['./apply.sh'], dir: `${DIR}/deploy`, env: [] },
          cluster: '',
        },
      },
    );
    expect(r.objects.find((o) => o.kind === 'KubernetesDiscovery')).toEqual({
      apiVersion: 'tilt.dev/v1alpha1',
      kind: 'KubernetesDiscovery',
      metadata: { name: 'db' },
      spec: { watches: [{ namespace: 'default', name: 'db' }], cluster: '' },
    });
  });

  test('KubernetesApply validation texts', () => {
    expect(errorOf(runTiltfile('v1alpha1.kubernetes_apply(name="x")\n'))).toContain(
      'Error in v1alpha1.kubernetes_apply: spec.yaml: Required value: must specify exactly ONE of .spec.yaml or .spec.applyCmd',
    );
    expect(
      errorOf(
        runTiltfile('v1alpha1.kubernetes_apply(name="x", yaml="a: b", discovery_strategy="all")\n'),
      ),
    ).toContain(
      'spec.discoveryStrategy: Unsupported value: "all": supported values: "default", "selectors-only"',
    );
  });
});
