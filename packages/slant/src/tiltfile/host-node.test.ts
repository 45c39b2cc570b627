import { describe, expect, test } from 'vitest';
import { readKubeContext } from './host-node.ts';

const files: Record<string, string> = {
  '/a': 'current-context: dev\ncontexts:\n- name: dev\n  context: {cluster: kind-dev, namespace: ns1}\n',
  '/b': 'current-context: other\ncontexts:\n- name: prod\n  context: {cluster: gke_p}\nclusters:\n- name: kind-dev\n  cluster: {server: "https://127.0.0.1:6443"}\n- name: gke_p\n  cluster: {server: "https://1.2.3.4"}\n',
};
const read = (p: string) => {
  const f = files[p];
  if (f === undefined) throw new Error('ENOENT');
  return f;
};

describe('readKubeContext', () => {
  test('merges KUBECONFIG files, the first value winning', () => {
    expect(readKubeContext({ KUBECONFIG: '/a:/b' }, '/home', undefined, read)).toEqual({
      context: 'dev',
      namespace: 'ns1',
      cluster: 'kind-dev',
      clusterServer: 'https://127.0.0.1:6443',
      kubeconfigPath: '/a',
    });
  });

  test('--context overrides; a context without namespace is in default', () => {
    expect(readKubeContext({ KUBECONFIG: '/a:/b' }, '/home', 'prod', read)).toEqual({
      context: 'prod',
      namespace: 'default',
      cluster: 'gke_p',
      clusterServer: 'https://1.2.3.4',
      kubeconfigPath: '/a',
    });
  });

  test('no kubeconfig is no context', () => {
    expect(readKubeContext({}, '/home', undefined, read)).toEqual({
      context: '',
      namespace: 'default',
      kubeconfigPath: '/home/.kube/config',
    });
  });
});
