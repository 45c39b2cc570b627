import { describe, expect, test } from 'vitest';
import { runK8s, WEB_YAML } from '../k8s-test-util.ts';
import { errorOf } from '../test-util.ts';
import { isDevClusterName, k8sContextAllowed } from './k8s-context.ts';

const files = { 'web.yaml': WEB_YAML };
const prod = { context: 'gke_prod', namespace: 'team' };

describe('k8s contexts', () => {
  test('k8s_context() and k8s_namespace() report the current context', () => {
    const r = runK8s('print(k8s_context(), k8s_namespace())\n', { kube: prod });
    expect(r.out).toBe('gke_prod team\n');
  });

  test('dev clusters are recognised by name', () => {
    for (const n of [
      'kind-kind',
      'kind',
      'docker-desktop',
      'minikube',
      'k3d-x',
      'microk8s',
      'orbstack',
      'rancher-desktop',
      'colima',
      'krucible-1',
      'api-crc-testing:6443',
    ]) {
      expect(isDevClusterName(n)).toBe(true);
    }
    expect(isDevClusterName('gke_prod')).toBe(false);
    expect(k8sContextAllowed({ context: '', namespace: 'default' }, [])).toBe(true);
  });

  test('deploying to a non-dev context stops with Tilt’s message', () => {
    const r = runK8s("k8s_yaml('web.yaml')\n", { files, kube: prod });
    expect(errorOf(r)).toBe(
      "Stop! gke_prod might be production.\nIf you're sure you want to deploy there, add:\n\tallow_k8s_contexts('gke_prod')\nto your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.",
    );
  });

  test('allow_k8s_contexts (a string or a list) permits it', () => {
    expect(
      runK8s("allow_k8s_contexts('gke_prod')\nk8s_yaml('web.yaml')\n", { files, kube: prod }).error,
    ).toBeUndefined();
    expect(
      runK8s("allow_k8s_contexts(['a', k8s_context()])\nk8s_yaml('web.yaml')\n", {
        files,
        kube: prod,
      }).error,
    ).toBeUndefined();
    expect(errorOf(runK8s('allow_k8s_contexts(1)\n'))).toContain(
      'allow_k8s_contexts contexts must be a string or a sequence of strings; found a starlark.Int',
    );
  });

  test('nothing to deploy needs no permission', () => {
    expect(runK8s("print('hi')\n", { kube: prod }).error).toBeUndefined();
  });
});
