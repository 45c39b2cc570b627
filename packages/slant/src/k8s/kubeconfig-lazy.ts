// A kubeconfig read on first use: adapters built at start must not fail when there is no usable
// kubeconfig (Slant then runs without a cluster, as Tilt does); the use itself reports it.
import { KubeConfig } from './client-node-lib.ts';

export interface KubeConfigOptions {
  readonly kubeconfigPath: string;
  /** The kubeconfig context to use; its current context when absent. */
  readonly context?: string;
}

export function lazyKubeConfig(opts: KubeConfigOptions): () => KubeConfig {
  let kc: KubeConfig | undefined;
  return () => {
    if (kc === undefined) {
      const k = new KubeConfig();
      k.loadFromFile(opts.kubeconfigPath);
      if (opts.context !== undefined) k.setCurrentContext(opts.context);
      kc = k;
    }
    return kc;
  };
}
