import { describe, expect, test } from 'vitest';
import {
  clusterProduct,
  isDevCluster,
  isK8sContextAllowed,
  productionStopMessage,
  unsafeBuiltinMessage,
} from './context-safety.ts';

const ctx = (context: string, extra: { cluster?: string; clusterServer?: string } = {}) => ({
  context,
  namespace: 'default',
  ...extra,
});

describe('context safety', () => {
  test('known dev products are recognised by cluster name', () => {
    for (const name of [
      'kind-kind',
      'kind',
      'k3d-x',
      'minikube',
      'docker-desktop',
      'microk8s',
      'api-crc-testing:6443',
      'krucible-1',
      'rancher-desktop',
      'colima',
      'orbstack',
    ]) {
      expect(isDevCluster(ctx(name))).toBe(true);
    }
    expect(clusterProduct(ctx('prod', { cluster: 'gke_proj_zone_prod' }))).toBe('gke');
    expect(clusterProduct(ctx('x', { cluster: 'arn:aws:eks:us-east-1:1:cluster/c' }))).toBe('eks');
    expect(isDevCluster(ctx('prod', { cluster: 'gke_proj_zone_prod' }))).toBe(false);
  });

  test('a cluster whose API server is on loopback is a dev cluster', () => {
    expect(isDevCluster(ctx('mine', { clusterServer: 'https://127.0.0.1:6443' }))).toBe(true);
    expect(isDevCluster(ctx('mine', { clusterServer: 'https://[::1]:6443' }))).toBe(true);
    expect(isDevCluster(ctx('mine', { clusterServer: 'https://localhost' }))).toBe(true);
    expect(isDevCluster(ctx('mine', { clusterServer: 'https://10.0.0.1' }))).toBe(false);
  });

  test('no context at all is allowed; other contexts need allow_k8s_contexts', () => {
    expect(isK8sContextAllowed(ctx(''), [])).toBe(true);
    expect(isK8sContextAllowed(ctx('prod'), [])).toBe(false);
    expect(isK8sContextAllowed(ctx('prod'), ['prod'])).toBe(true);
  });

  test('messages are Tilt’s', () => {
    expect(unsafeBuiltinMessage('local', 'prod')).toBe(
      "Refusing to run 'local' because prod might be a production kube context.\nIf you're sure you want to continue add:\n\tallow_k8s_contexts('prod')\nbefore this function call in your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.",
    );
    expect(productionStopMessage('prod')).toBe(
      "Stop! prod might be production.\nIf you're sure you want to deploy there, add:\n\tallow_k8s_contexts('prod')\nto your Tiltfile. Otherwise, switch k8s contexts and restart Tilt.",
    );
  });
});
