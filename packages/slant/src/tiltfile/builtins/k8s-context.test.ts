import { describe, expect, test } from 'vitest';
import { runK8s, WEB_YAML } from '../k8s-test-util.ts';
import { errorOf } from '../test-util.ts';
import { k8sUnsafeRefusal } from './k8s-context.ts';

const files = { 'web.yaml': WEB_YAML };
const prod = { context: 'gke_prod', namespace: 'team' };

describe('k8s contexts', () => {
  test('k8s_context() and k8s_namespace() report the current context', () => {
    const r = runK8s('print(k8s_context(), k8s_namespace())\n', { kube: prod });
    expect(r.out).toBe('gke_prod team\n');
  });

  test('immediate cluster actions are refused on a non-dev context unless allowed', () => {
    const r = runK8s("allow_k8s_contexts('other')\n", { kube: prod });
    expect(k8sUnsafeRefusal(r.run, 'local')).toContain(
      "Refusing to run 'local' because gke_prod might be a production kube context.",
    );
    expect(
      k8sUnsafeRefusal(runK8s("allow_k8s_contexts('gke_prod')\n", { kube: prod }).run, 'local'),
    ).toBeUndefined();
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

  test('the cluster name decides the product (a dev cluster under any context name)', () => {
    const kube = { context: 'my-work', namespace: 'default', cluster: 'kind-kind' };
    expect(runK8s("k8s_yaml('web.yaml')\n", { files, kube }).error).toBeUndefined();
  });

  test('nothing to deploy needs no permission', () => {
    expect(runK8s("print('hi')\n", { kube: prod }).error).toBeUndefined();
  });
});
