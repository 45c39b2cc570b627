// PodLogSource over the API server's pods/log endpoint: a plain streamed GET (client-node-http.ts),
// so a refused request reports the server's Status message (e.g. `container "app" in pod "web"
// is waiting to start: ContainerCreating`), as kubectl and Tilt show it.
import { KubeHttp } from './client-node-http.ts';
import { lazyKubeConfig } from './kubeconfig-lazy.ts';
import type { PodLogRequest, PodLogSource } from './pod-logs.ts';

export interface NodePodLogSourceOptions {
  readonly kubeconfigPath: string;
  /** The kubeconfig context to use; its current context when absent. */
  readonly context?: string;
}

export class NodePodLogSource implements PodLogSource {
  private readonly http: () => Promise<KubeHttp>;

  constructor(opts: NodePodLogSourceOptions) {
    const kc = lazyKubeConfig(opts);
    let made: Promise<KubeHttp> | undefined;
    this.http = () => {
      if (made === undefined) {
        made = Promise.resolve().then(() => KubeHttp.create(kc()));
        // A failed start (no usable kubeconfig) is tried again by the next stream.
        made.catch(() => {
          made = undefined;
        });
      }
      return made;
    };
  }

  async stream(
    req: PodLogRequest,
    onChunk: (chunk: string) => void,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) return;
    const query: Record<string, string> = {
      container: req.container,
      follow: String(req.follow),
      timestamps: String(req.timestamps),
    };
    if (req.sinceTime !== undefined) query.sinceTime = req.sinceTime.toISOString();
    const path = `/api/v1/namespaces/${encodeURIComponent(req.namespace)}/pods/${encodeURIComponent(req.pod)}/log`;
    let body: AsyncIterable<Buffer>;
    try {
      const http = await this.http();
      body = await http.stream({ method: 'GET', path, query, signal });
    } catch (err) {
      if (signal.aborted) return;
      throw new Error(err instanceof Error ? err.message : String(err));
    }
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '') onChunk(text);
      }
    } catch (err) {
      // Aborting ends the stream; a connection that breaks is an error.
      if (signal.aborted) return;
      throw new Error(err instanceof Error ? err.message : String(err));
    }
    const rest = decoder.decode();
    if (rest !== '') onChunk(rest);
  }
}
