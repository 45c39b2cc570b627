// A KubeClient for when the kubeconfig cannot be used (Tilt's explodingClient): every call fails
// with the load error, so the Cluster reports it and the rest of the engine keeps running.
import type { KubeClient, KubeContextInfo, KubeHealth, KubeWatch } from './client.ts';
import { KubeError } from './client.ts';
import type { K8sEntity } from './entity.ts';

export class UnavailableKubeClient implements KubeClient {
  readonly contextInfo: KubeContextInfo;
  private readonly error: KubeError;

  constructor(message: string, info: Partial<KubeContextInfo> = {}) {
    this.error = new KubeError(message, 0);
    this.contextInfo = {
      context: '',
      cluster: '',
      namespace: 'default',
      server: '',
      configPath: '',
      ...info,
    };
  }

  async serverVersion(): Promise<string> {
    throw this.error;
  }
  async health(): Promise<KubeHealth> {
    throw this.error;
  }
  async apply(): Promise<K8sEntity[]> {
    throw this.error;
  }
  async delete(): Promise<void> {
    throw this.error;
  }
  async get(): Promise<K8sEntity | undefined> {
    throw this.error;
  }
  async list(): Promise<K8sEntity[]> {
    throw this.error;
  }
  watch(
    _q: unknown,
    _h: unknown,
    opts: { onError?(err: KubeError | undefined): void } = {},
  ): KubeWatch {
    queueMicrotask(() => opts.onError?.(this.error));
    return { stop: () => {} };
  }
}
